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
