import Foundation
import PostGISStore
import Regions
import Store
import TestSupport
import Testing

/// The two stores every conformance test runs on. PostGIS runs against the throwaway cluster
/// `make test` starts (PARTMAP_TEST_POSTGRES); each store gets a database of its own.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgis

    var testDescription: String { rawValue }

    func makeStore() async throws -> any ProjectStore {
        try await open(try makeLocation())
    }

    /// Where a new, empty store of this backend goes: a file path or a database URL.
    func makeLocation() throws -> String {
        switch self {
        case .sqlite: try temporaryStorePath()
        case .postgis: try TestDatabase.make()
        }
    }

    /// A store object on `location`; two opened on one location share one store.
    func open(_ location: String) async throws -> any ProjectStore {
        switch self {
        case .sqlite: try SQLiteStore(path: location, places: atlas)
        case .postgis: try await PostGISStore(url: location, places: atlas)
        }
    }
}

func temporaryStorePath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-store-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("store.sqlite").path
}

/// Databases for the PostGIS tests, copied from the cluster's template that has PostGIS in it.
enum TestDatabase {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "PARTMAP_TEST_POSTGRES is not set: run the tests with `make test`, which starts PostgreSQL + PostGIS"
        }
    }

    /// The cluster's URL, with the given database instead of the default one.
    static func url(database: String? = nil) throws -> String {
        guard let url = ProcessInfo.processInfo.environment["PARTMAP_TEST_POSTGRES"], var components = URLComponents(string: url) else {
            throw Missing()
        }
        if let database { components.path = "/" + database }
        return components.string!
    }

    /// A new, empty database with PostGIS; returns its URL.
    static func make() throws -> String {
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name) TEMPLATE partmap_template")
        return try url(database: name)
    }

    /// Runs SQL with psql (an independent client) on the cluster's default database; returns its output.
    @discardableResult
    static func psql(_ sql: String, database: String? = nil) throws -> String {
        let result = try Command.run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", try url(database: database), "-c", sql])
        guard result.status == 0 else { throw CommandFailed(command: "psql -c \(sql)", output: result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
