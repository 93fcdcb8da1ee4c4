import Foundation
import GeoJSON
import GRDBSQLite
import Participation
@testable import Server
import Store
import Testing

/// Requests that come together for what is read once per version share one read: the public
/// extent is a scan of the whole table, and a scan per request would fill every reader's cache.
@Suite(.serialized) struct SharedReadsTests {
    @Test func requestsThatComeTogetherShareTheExtentsRead() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-shared-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path, places: atlas)
        let long = String(repeating: "Young people shape the questions, the methods and the findings. ", count: 150)
        let base = try ViewsFollowWritesTests.fixture()
        let projects = (0 ..< 14).flatMap { copy in
            base.map { project -> Project in
                var project = project
                project.id = "c\(copy)-" + project.id
                project.description = long
                return project
            }
        }
        _ = try await store.upsert(projects, date: "2026-12-01", dryRun: false)
        let views = ViewCache(store: store, atlas: atlas, budgetBytes: 64 << 20)
        try await views.sync()
        let before = Int(sqlite3_memory_used())
        let boxes = try await withThrowingTaskGroup(of: BoundingBox?.self) { group in
            for _ in 0 ..< 16 { group.addTask { try await views.extent() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(boxes.map { "\(String(describing: $0))" }).count == 1)
        let added = Int(sqlite3_memory_used()) - before
        #expect(added < 40 << 20, "one reader's cache (16 MB) filled, not several: \(added >> 20) MB")
        await store.close()
    }
}
