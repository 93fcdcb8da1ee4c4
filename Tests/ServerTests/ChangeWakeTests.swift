import Foundation
import PostGISStore
@testable import Server
import Store
import TestSupport
import Testing

/// A write through one instance wakes the views of another on the same PostGIS before any
/// request comes to it; a store that cannot be heard (SQLite) starts no listener.
@Suite struct ChangeWakeTests {
    @Test func aWriteElsewhereIsFollowedBeforeAnyRequest() async throws {
        let location = try TestDatabase.make()
        let writer = try await PostGISStore(url: location, places: atlas)
        let projects = try ViewsFollowWritesTests.fixture()
        _ = try await writer.upsert(projects, date: "2026-12-01", dryRun: false)
        let listener = try await PostGISStore(url: location, places: atlas)
        let views = ViewCache(store: listener, atlas: atlas, budgetBytes: 64 << 20)
        let wake = ChangeWake(store: listener, views: views)
        #expect(wake.loop != nil)
        let before = try await views.clusters(for: ProjectQuery())
        #expect(before.projects.contains { $0.id == projects[5].id })
        #expect(await views.followedVersion == (try await writer.changeVersion()))

        try await writer.delete(id: projects[5].id, if: { _ in true })
        let written = try await writer.changeVersion()
        var followed = await views.followedVersion
        for _ in 0 ..< 1000 where followed != written {
            try await Task.sleep(for: .milliseconds(10))
            followed = await views.followedVersion
        }
        #expect(followed == written, "the views moved to the write's version with no request asking")
        withExtendedLifetime(wake) {}
        await listener.close()
        await writer.close()
    }

    @Test func aStoreThatCannotBeHeardStartsNoListener() async throws {
        let store = try await Backend.sqlite.makeStore()
        let wake = ChangeWake(store: store, views: ViewCache(store: store, atlas: atlas, budgetBytes: 1 << 20))
        #expect(wake.loop == nil)
    }
}
