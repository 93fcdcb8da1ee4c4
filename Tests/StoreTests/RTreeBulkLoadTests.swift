import Foundation
import GeoJSON
import Participation
import Store
import TestSupport
import Testing

/// An import into an empty SQLite store packs its R*Trees at once. The packed trees must be
/// trees SQLite's rtree module accepts (`rtreecheck`), hold exactly the boxes the module makes of
/// the same points itself (its rounding of doubles to floats included), and take later writes.
@Suite struct RTreeBulkLoadTests {
    /// Runs SQL with the `sqlite3` tool on the store's file, beside reference trees the rtree
    /// module builds itself from the same rows, one insert at a time.
    func check(_ path: String, _ sql: String) throws -> String {
        let script = """
            ATTACH ':memory:' AS m;
            CREATE VIRTUAL TABLE m.stored_ref USING rtree(rid, min_lon, max_lon, min_lat, max_lat);
            CREATE VIRTUAL TABLE m.public_ref USING rtree(rid, min_lon, max_lon, min_lat, max_lat);
            INSERT INTO m.stored_ref SELECT rid, lon, lon, lat, lat FROM project WHERE lon IS NOT NULL;
            INSERT INTO m.public_ref SELECT rid, public_lon, public_lon, public_lat, public_lat FROM project WHERE public_lon IS NOT NULL;
            \(sql)
            """
        let run = try Command.run("sqlite3", ["-batch", path, script])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// Both trees as the module checks them, and what differs from the reference trees, both ways.
    let comparison = """
        SELECT rtreecheck('main', 'stored_position'), rtreecheck('main', 'public_position'),
            (SELECT count(*) FROM (SELECT * FROM stored_position EXCEPT SELECT * FROM m.stored_ref)),
            (SELECT count(*) FROM (SELECT * FROM m.stored_ref EXCEPT SELECT * FROM stored_position)),
            (SELECT count(*) FROM (SELECT * FROM public_position EXCEPT SELECT * FROM m.public_ref)),
            (SELECT count(*) FROM (SELECT * FROM m.public_ref EXCEPT SELECT * FROM public_position));
        """

    @Test func packedTreesAreTheModulesTrees() async throws {
        let path = try temporaryStorePath()
        let store = try SQLiteStore(path: path, places: atlas)
        // Twice the seeded projects: more than 51 × 51 points, so the trees are three levels deep.
        let copies = projects.map { project -> Project in
            var copy = project
            copy.id += "-b"
            return copy
        }
        let summary = try await store.upsert(projects + copies, date: "2026-01-01", dryRun: false)
        #expect(summary.added == 6000)
        let sizes = try check(path, """
            SELECT (SELECT count(*) FROM stored_position), (SELECT count(*) FROM project WHERE lon IS NOT NULL),
                (SELECT count(*) FROM public_position), (SELECT count(*) FROM project WHERE public_lon IS NOT NULL),
                (SELECT hex(substr(data, 1, 2)) FROM stored_position_node WHERE nodeno = 1);
            """).split(separator: "|").map(String.init)
        #expect(sizes.count == 5 && sizes[0] == sizes[1] && sizes[2] == sizes[3] && Int(sizes[0]) ?? 0 > 51 * 51, "\(sizes)")
        #expect(sizes.last == "0002\n", "the root's depth: two levels below it")
        #expect(try check(path, comparison) == "ok|ok|0|0|0|0\n")

        // Later writes go through the module's own inserts and deletes on the packed trees.
        let gone = try await store.delete(ids: projects.prefix(700).map(\.id))
        #expect(gone.count == 700)
        var moved = Array(copies.prefix(300))
        for i in moved.indices where moved[i].position != nil { moved[i].position = Position(longitude: -179.5 + Double(i), latitude: 10) }
        _ = try await store.upsert(moved, date: "2026-01-02", dryRun: false)
        #expect(try check(path, comparison) == "ok|ok|0|0|0|0\n")

        // Emptied by deletes, the store is packed afresh by the next import.
        let all = try await store.get(ids: (projects + copies).map(\.id), includeInternal: true).map(\.id)
        #expect(try await store.delete(ids: all).count == 5300)
        #expect(try await store.upsert(projects, date: "2026-01-03", dryRun: false).added == 3000)
        #expect(try check(path, comparison) == "ok|ok|0|0|0|0\n")
    }

    /// An id given twice in one import into an empty store lands once, as its last version, as it
    /// does in a store that holds projects already.
    @Test func anIdTwiceInOneImportLandsOnce() async throws {
        let path = try temporaryStorePath()
        let store = try SQLiteStore(path: path, places: atlas)
        var second = projects[1]
        second.title = "Second version"
        let again = second
        let summary = try await store.upsert(date: "2026-01-01", dryRun: false) { emit in
            try emit(Array(projects.prefix(10)))
            try emit([again])
        }
        #expect(summary.added == 10 && summary.changed == 1)
        #expect(try await store.get(ids: [again.id], includeInternal: true).map(\.title) == ["Second version"])
        #expect(try check(path, comparison) == "ok|ok|0|0|0|0\n")
    }
}
