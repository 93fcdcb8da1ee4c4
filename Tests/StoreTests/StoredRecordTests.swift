import Foundation
import Participation
import Store
import TestSupport
import Testing

/// Reads decode the compact record: an anonymous read never sees an internal project, and a store
/// made before the record existed gets it filled on open.
@Suite struct StoredRecordTests {
    @Test(arguments: Backend.allCases)
    func aPublicGetLeavesInternalProjectsOut(backend: Backend) async throws {
        let store = try await LoadedStores.shared.store(backend)
        let asked = Array(projects.prefix(40).map(\.id).reversed()) + ["missing"]
        let byID = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        let expected = asked.compactMap { byID[$0] }.filter { $0.visibility == .public }.map(\.id)
        #expect(expected.count < 40 && !expected.isEmpty, "the sample mixes public and internal projects")
        #expect(try await store.get(ids: asked, includeInternal: false).map(\.id) == expected)
        #expect(try await store.get(ids: asked, includeInternal: true).map(\.id) == Array(asked.dropLast()))
    }

    /// A store whose schema predates the compact record (its column and migration removed by hand,
    /// as partmap left older stores) reads back the same projects once reopened.
    @Test(arguments: Backend.allCases)
    func olderStoresGetTheirRecordsOnOpen(backend: Backend) async throws {
        let location = try backend.makeLocation()
        let sample = Array(projects.prefix(1500))
        let store = try await backend.open(location)
        _ = try await store.upsert(sample, date: "2026-11-30", dryRun: false)
        let before = try await store.get(ids: sample.map(\.id))
        await store.close()
        switch backend {
        case .sqlite:
            try run("/usr/bin/sqlite3", [location, "ALTER TABLE project DROP COLUMN record; DELETE FROM grdb_migrations WHERE identifier = 'v5'"])
        case .postgis:
            try run("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", location, "-c",
                                      "ALTER TABLE project DROP COLUMN record; DELETE FROM partmap_migration WHERE version = 'v5'"])
        }
        let reopened = try await backend.open(location)
        #expect(before.count == sample.count)
        #expect(try await reopened.get(ids: sample.map(\.id)) == before)
        var query = ProjectQuery()
        query.includeInternal = true
        #expect(try await reopened.query(query).projects == before.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) })
        await reopened.close()
    }

    func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        #expect(process.waitUntilExit(within: 300), "\(tool) ended in time")
        #expect(process.terminationStatus == 0, "\(tool) \(arguments.joined(separator: " "))")
    }
}
