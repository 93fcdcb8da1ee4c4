import Foundation
import HTTPTypes
import Hummingbird
import Participation
@testable import Server
import Store
import TestSupport
import Testing

/// A store restored from a backup under a running service has a lower change version than the one
/// the service follows; its views are made anew rather than kept from the later state, so a
/// project the backup does not hold leaves the public clusters and the map's data at once.
@Suite struct RestoredStoreTests {
    @Test func aLowerVersionRebuildsTheViews() async throws {
        let projects = try ViewsFollowWritesTests.fixture()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-restored-\(UUID()).sqlite").path
        let store = try SQLiteStore(path: path, places: atlas)
        #expect(try await store.upsert(projects, date: "2026-11-30", dryRun: false).added == projects.count)
        let (state, live) = liveService(store)
        let requests = ViewsFollowWritesTests.requests(projects)
        _ = try await answers(live, requests)

        // A project written through the service, and seen in its views.
        let status = try await ViewsFollowWritesTests.send(
            live, .post, ViewsFollowWritesTests.items, headers: ViewsFollowWritesTests.editor,
            body: ViewsFollowWritesTests.body(id: "g0240", lon: 36.9, lat: -1.2, country: "KE"))
        try #require(status == 201)
        let before = try await answers(live, requests)

        // The backup taken before that write comes back: without the project, one version lower.
        let sql = "DELETE FROM project WHERE id = 'g0240'; UPDATE change_version SET version = version - 1;"
        let restored = try Command.run("/usr/bin/sqlite3", [path, sql], timeout: 60)
        try #require(restored.status == 0, "sqlite3: \(restored.stderr)")

        let followed = try await answers(live, requests)
        let fresh = try await answers(router(store), requests)
        let differing = requests.indices.filter { followed[$0] != fresh[$0] }
        #expect(differing.isEmpty, "\(differing.count) answers differ, the first \(differing.first.map { requests[$0].1 } ?? "")")
        // The restore shows: a service started on the restored store answers otherwise than before it.
        #expect(requests.indices.contains { before[$0] != fresh[$0] }, "the restore changes what is drawn")
    }
}
