import Foundation
import GeoJSON
import Participation
import Store
import Testing

/// Create, replace and delete decided inside one transaction: among concurrent writers exactly
/// one wins, and the store holds the winner's record.
@Suite struct ConditionalWriteTests {
    static let writers = 24

    /// What each of `writers` concurrent calls did: the indexes that succeeded and the conflicts.
    func race(_ write: @escaping @Sendable (Int) async throws -> Void) async throws -> (winners: [Int], conflicts: [WriteConflict]) {
        try await withThrowingTaskGroup(of: (Int, WriteConflict?).self) { group in
            for i in 0 ..< Self.writers {
                group.addTask {
                    do {
                        try await write(i)
                        return (i, nil)
                    } catch let conflict as WriteConflict {
                        return (i, conflict)
                    }
                }
            }
            var winners: [Int] = [], conflicts: [WriteConflict] = []
            for try await (i, conflict) in group {
                if let conflict { conflicts.append(conflict) } else { winners.append(i) }
            }
            return (winners, conflicts)
        }
    }

    /// "The stored record is still what I read", taking a while to decide, as a client would
    /// between its read and its write: writers that did not wait for each other would overlap here.
    func unchanged(since read: Project) -> @Sendable (Project) -> Bool {
        { stored in
            usleep(20_000)
            return stored == read
        }
    }

    func candidate(_ i: Int, id: String) -> Project {
        var project = projects[i]
        project.id = id
        project.title = "Writer \(i)"
        return project
    }

    @Test(arguments: Backend.allCases)
    func concurrentCreatesOfOneIdHaveOneWinner(backend: Backend) async throws {
        let store = try await backend.makeStore()
        let result = try await race { i in try await store.create(self.candidate(i, id: "race"), date: "2026-02-01") }
        #expect(result.winners.count == 1)
        #expect(result.conflicts == Array(repeating: .exists("race"), count: Self.writers - 1))
        let winner = try #require(result.winners.first)
        var expected = candidate(winner, id: "race")
        expected.updated = "2026-02-01"
        #expect(try await store.get(ids: ["race"]) == [expected], "the stored record is the winner's")
        await store.close()
    }

    @Test(arguments: Backend.allCases)
    func concurrentReplacesOfWhatWasReadHaveOneWinner(backend: Backend) async throws {
        let store = try await backend.makeStore()
        try await store.create(candidate(0, id: "race"), date: "2026-02-01")
        let read = try #require(try await store.get(ids: ["race"]).first)
        let result = try await race { i in
            try await store.replace(self.candidate(i, id: "race"), date: "2026-02-02", if: self.unchanged(since: read))
        }
        #expect(result.winners.count == 1)
        #expect(result.conflicts == Array(repeating: .preconditionFailed("race"), count: Self.writers - 1))
        let winner = try #require(result.winners.first)
        var expected = candidate(winner, id: "race")
        expected.updated = "2026-02-02"
        #expect(try await store.get(ids: ["race"]) == [expected], "the stored record is the winner's")
        await store.close()
    }

    @Test(arguments: Backend.allCases)
    func concurrentDeletesOfWhatWasReadHaveOneWinner(backend: Backend) async throws {
        let store = try await backend.makeStore()
        try await store.create(candidate(0, id: "race"), date: "2026-02-01")
        let read = try #require(try await store.get(ids: ["race"]).first)
        let result = try await race { _ in try await store.delete(id: "race", if: self.unchanged(since: read)) }
        #expect(result.winners.count == 1)
        #expect(result.conflicts == Array(repeating: .missing("race"), count: Self.writers - 1))
        #expect(try await store.get(ids: ["race"]).isEmpty)
        await store.close()
    }

    /// The precondition sees the stored record exactly as `get` returns it, and a refusal or a
    /// missing id leaves the store as it was.
    @Test(arguments: Backend.allCases)
    func preconditionsJudgeTheStoredRecord(backend: Backend) async throws {
        let store = try await backend.makeStore()
        _ = try await store.upsert(Array(projects.prefix(2)), date: "2026-03-01", dryRun: false)
        let stored = try await store.get(ids: [projects[0].id])
        nonisolated(unsafe) var seen: [Project] = []
        var changed = projects[0]
        changed.title = "Changed"
        await #expect(throws: WriteConflict.preconditionFailed(projects[0].id)) {
            try await store.replace(changed, date: "2026-03-02", if: { seen.append($0); return false })
        }
        #expect(seen == stored)
        await #expect(throws: WriteConflict.preconditionFailed(projects[0].id)) {
            try await store.delete(id: projects[0].id, if: { _ in false })
        }
        #expect(try await store.get(ids: [projects[0].id]) == stored, "a refused write changes nothing")
        var missing = projects[1]
        missing.id = "missing"
        await #expect(throws: WriteConflict.missing("missing")) { try await store.replace(missing, date: "2026-03-02", if: { _ in true }) }
        await #expect(throws: WriteConflict.missing("missing")) { try await store.delete(id: "missing", if: { _ in true }) }
        #expect(try await store.count(includeInternal: true) == 2)
        try await store.replace(changed, date: "2026-03-03", if: { _ in true })
        #expect(try await store.get(ids: [projects[0].id]).first?.title == "Changed")
        await store.close()
    }
}
