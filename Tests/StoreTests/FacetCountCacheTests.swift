import Foundation
import Participation
import Store
import TestSupport
import Testing

/// Facet counts are kept per change version: asked again, the same counts come from the kept row;
/// after a write, the new counts; a store made before the kept counts existed gets their table on open.
@Suite struct FacetCountCacheTests {
    /// Public projects per participation level, counted here from the records themselves.
    func levels(_ sample: [Project]) -> [String: Int] {
        sample.filter { $0.visibility == .public }.reduce(into: [:]) { $0[$1.participationLevel.rawValue, default: 0] += 1 }
    }

    func counted(_ store: any ProjectStore) async throws -> [String: Int] {
        try await store.facetCounts([.level], includeInternal: false).reduce(into: [:]) { $0[$1.level ?? "-", default: 0] += $1.count }
    }

    @Test(arguments: Backend.allCases)
    func keptCountsFollowEveryWrite(backend: Backend) async throws {
        let location = try backend.makeLocation()
        let store = try await backend.open(location)
        var sample = Array(projects.prefix(600))
        _ = try await store.upsert(sample, date: "2026-12-01", dryRun: false)
        #expect(try await counted(store) == levels(sample))
        let version = try await store.changeVersion()
        #expect(try keptVersions(backend, location) == [version], "the counts are kept at the version they were counted at")
        #expect(try await counted(store) == levels(sample))

        // A write moves the version: the kept counts are not read again.
        for i in sample.indices where i % 4 == 0 {
            sample[i].participationLevel = sample[i].participationLevel == .led ? .consultation : .led
        }
        _ = try await store.upsert(sample, date: "2026-12-02", dryRun: false)
        let deleted = sample.prefix(50).map(\.id)
        _ = try await store.delete(ids: deleted)
        sample.removeFirst(50)
        #expect(try await counted(store) == levels(sample))
        #expect(try keptVersions(backend, location) == [try await store.changeVersion()])
        await store.close()
    }

    @Test(arguments: Backend.allCases)
    func olderStoresGetTheTableOnOpen(backend: Backend) async throws {
        let location = try backend.makeLocation()
        let sample = Array(projects.prefix(300))
        let store = try await backend.open(location)
        _ = try await store.upsert(sample, date: "2026-12-01", dryRun: false)
        await store.close()
        switch backend {
        case .sqlite: try sql(backend, location, "DROP TABLE facet_count_cache; DELETE FROM grdb_migrations WHERE identifier = 'v7'")
        case .postgis: try sql(backend, location, "DROP TABLE partmap_facet_count; DELETE FROM partmap_migration WHERE version = 'v7'")
        }
        let reopened = try await backend.open(location)
        #expect(try await counted(reopened) == levels(sample))
        #expect(try keptVersions(backend, location) == [try await reopened.changeVersion()])
        await reopened.close()
    }

    /// The versions of the kept counts, read by the database's own client.
    func keptVersions(_ backend: Backend, _ location: String) throws -> [Int64] {
        let table = backend == .sqlite ? "facet_count_cache" : "partmap_facet_count"
        return try sql(backend, location, "SELECT version FROM \(table)").split(separator: "\n").map { try #require(Int64($0)) }
    }

    @discardableResult
    func sql(_ backend: Backend, _ location: String, _ statement: String) throws -> String {
        let process = Process(), output = Pipe()
        switch backend {
        case .sqlite:
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [location, statement]
        case .postgis:
            process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            process.arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", location, "-c", statement]
        }
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit(within: 120)
        try #require(process.terminationStatus == 0, "\(statement)")
        return text
    }
}
