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
        switch self {
        case .sqlite: try SQLiteStore(path: try temporaryStorePath(), places: atlas)
        case .postgis: try await PostGISStore(url: try TestDatabase.make(), places: atlas)
        }
    }
}

func temporaryStorePath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-store-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("store.sqlite").path
}
