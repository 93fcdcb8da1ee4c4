import Foundation
import Participation
import Store
import Testing

/// The change log beside the change version: the ids each write wrote, read by any store object
/// on the same file or database; a write too large to list, or a version older than the log
/// keeps, reads as "cannot tell" (nil), never as a partial list.
@Suite struct ChangeLogTests {
    @Test(arguments: Backend.allCases)
    func eachWriteLogsTheIDsItWrote(backend: Backend) async throws {
        let location = try backend.makeLocation()
        let writer = try await backend.open(location), reader = try await backend.open(location)
        let start = try await reader.changeVersion()
        var version = start
        /// Runs a write through `writer` and checks what `reader` reads of it.
        func step(_ what: Comment, logs ids: [String], _ body: () async throws -> Void) async throws {
            try await body()
            let read = try await reader.changes(since: version)
            #expect(read.version == (try await writer.changeVersion()), what)
            #expect(read.ids == ids, what)
            version = read.version
        }
        let sample = Array(projects.prefix(3)).sorted { $0.id < $1.id }
        try await step("an import", logs: sample.map(\.id)) { _ = try await writer.upsert(sample, date: "2026-01-01", dryRun: false) }
        try await step("a dry run", logs: []) { _ = try await writer.upsert(Array(projects.prefix(9)), date: "2026-01-01", dryRun: true) }
        var fresh = projects[10]
        fresh.id = "fresh"
        try await step("a create", logs: ["fresh"]) { try await writer.create(fresh, date: "2026-01-02") }
        fresh.visibility = .internal
        try await step("a replace", logs: ["fresh"]) { try await writer.replace(fresh, date: "2026-01-03", if: { _ in true }) }
        try await step("a delete of one", logs: [sample[1].id]) {
            let deleted = try await writer.delete(ids: ["missing", sample[1].id])
            #expect(deleted == [sample[1].id])
        }
        try await step("a conditional delete", logs: ["fresh"]) { try await writer.delete(id: "fresh", if: { _ in true }) }
        // Several versions at once: each id once, in byte order.
        let all = try await reader.changes(since: start)
        #expect(all.ids == (sample.map(\.id) + ["fresh"]).sorted())
        #expect(all.version == version)
        await writer.close()
        await reader.close()
    }

    @Test(arguments: Backend.allCases)
    func whatTheLogCannotTellReadsAsNil(backend: Backend) async throws {
        let store = try await backend.makeStore()
        let before = try await store.changeVersion()
        _ = try await store.upsert(Array(projects.prefix(ChangeLog.maxIDs + 1)), date: "2026-01-01", dryRun: false)
        let large = try await store.changes(since: before)
        #expect(large.ids == nil, "an import of more ids than the log lists")
        #expect(large.version == (try await store.changeVersion()))
        #expect(try await store.changes(since: large.version).ids == [], "nothing since")
        // A small write after the large one is told, on its own.
        let one = try await store.changes(since: large.version)
        _ = try await store.delete(ids: [projects[0].id])
        #expect(try await store.changes(since: one.version).ids == [projects[0].id])
        // Versions the log no longer keeps.
        let old = try await store.changeVersion()
        for i in 0 ..< Int(ChangeLog.keptVersions) {
            _ = try await store.delete(ids: [projects[1 + i].id])
        }
        #expect(try await store.changes(since: old).ids?.count == Int(ChangeLog.keptVersions), "the oldest kept version")
        _ = try await store.delete(ids: [projects[1 + Int(ChangeLog.keptVersions)].id])
        #expect(try await store.changes(since: old).ids == nil, "one version further than the log keeps")
        #expect(try await store.changes(since: old + 1).ids?.count == Int(ChangeLog.keptVersions))
        // A version the store has not reached (another store's) cannot be told either.
        #expect(try await store.changes(since: old + 10_000).ids == nil)
        await store.close()
    }
}
