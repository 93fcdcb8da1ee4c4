import Foundation
import GeoJSON
import Participation
import PostGISStore
import Store
import Testing

/// The change version every cache is keyed by: it moves with each committed write, from any store
/// object on the same file or database, and with nothing else.
@Suite struct ChangeVersionTests {
    struct SourceFailed: Error {}

    @Test(arguments: Backend.allCases)
    func everyCommittedWriteBumpsItAndNothingElseDoes(backend: Backend) async throws {
        let store = try await backend.makeStore()
        var version = try await store.changeVersion()
        /// Runs a step and checks whether the version moved on.
        func step(_ what: Comment, bumps: Bool, _ body: () async throws -> Void) async throws {
            try await body()
            let now = try await store.changeVersion()
            if bumps { #expect(now > version, what) } else { #expect(now == version, what) }
            version = now
        }
        let sample = Array(projects.prefix(5))
        try await step("a dry run", bumps: false) { _ = try await store.upsert(sample, date: "2026-01-01", dryRun: true) }
        try await step("an import whose source fails", bumps: false) {
            await #expect(throws: SourceFailed.self) {
                try await store.upsert(date: "2026-01-01", dryRun: false) { emit in
                    try emit(sample)
                    throw SourceFailed()
                }
            }
        }
        try await step("an import", bumps: true) { _ = try await store.upsert(sample, date: "2026-01-01", dryRun: false) }
        var fresh = projects[10]
        fresh.id = "fresh"
        try await step("a create", bumps: true) { try await store.create(fresh, date: "2026-01-02") }
        try await step("a create of a taken id", bumps: false) {
            await #expect(throws: WriteConflict.exists("fresh")) { try await store.create(fresh, date: "2026-01-02") }
        }
        fresh.title = "Retitled"
        try await step("a replace", bumps: true) { try await store.replace(fresh, date: "2026-01-03", if: { _ in true }) }
        try await step("a replace refused", bumps: false) {
            await #expect(throws: WriteConflict.preconditionFailed("fresh")) {
                try await store.replace(fresh, date: "2026-01-04", if: { _ in false })
            }
        }
        try await step("a conditional delete", bumps: true) { try await store.delete(id: "fresh", if: { _ in true }) }
        try await step("a delete of nothing", bumps: false) {
            let deleted = try await store.delete(ids: ["fresh", "missing"])
            #expect(deleted == [])
        }
        try await step("a delete", bumps: true) {
            let deleted = try await store.delete(ids: [sample[0].id])
            #expect(deleted == [sample[0].id])
        }
        await store.close()
    }

    @Test(arguments: Backend.allCases)
    func aSecondStoreObjectSeesTheFirstOnesWrites(backend: Backend) async throws {
        let location = try backend.makeLocation()
        let first = try await backend.open(location)
        let second = try await backend.open(location)
        let before = try await second.changeVersion()
        _ = try await first.upsert(Array(projects.prefix(3)), date: "2026-01-01", dryRun: false)
        let afterImport = try await second.changeVersion()
        #expect(afterImport > before)
        #expect(try await first.changeVersion() == afterImport)
        try await second.delete(id: projects[0].id, if: { _ in true })
        #expect(try await first.changeVersion() > afterImport, "and the other way round")
        await first.close()
        await second.close()
    }

    /// A LISTEN on one store object hears a write committed through another.
    @Test func postGISChangesYieldWhenAnotherStoreObjectWrites() async throws {
        let location = try Backend.postgis.makeLocation()
        let listener = try #require(try await Backend.postgis.open(location) as? PostGISStore)
        let writer = try await Backend.postgis.open(location)
        var changes = try #require(listener.changeNotifications()).makeAsyncIterator()
        let listening = try #require(try await next(&changes), "the version once listening")
        #expect(listening == 0)
        _ = try await writer.upsert(Array(projects.prefix(3)), date: "2026-01-01", dryRun: false)
        #expect(try await next(&changes) == (try await writer.changeVersion()))
        try await writer.delete(id: projects[0].id, if: { _ in true })
        #expect(try await next(&changes) == (try await writer.changeVersion()))
        await listener.close()
        await writer.close()
    }

    struct TimedOut: Error {}

    /// The next version, or a failure after 10 s rather than a test that never ends.
    func next(_ iterator: inout AsyncStream<Int64>.Iterator) async throws -> Int64? {
        nonisolated(unsafe) var taken = iterator
        defer { iterator = taken }
        return try await withThrowingTaskGroup(of: Int64?.self) { group in
            group.addTask { await taken.next() }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                throw TimedOut()
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
