import Foundation
import TestSupport
import Testing

/// `partmap cluster` as users run it: zoom clusters that account for every mapped project,
/// children and leaves that add up, DBSCAN roles, clear errors, and nothing internal.
@Suite(.timeLimit(.minutes(10))) struct ClusterCommandTests {
    /// The features of a run that must succeed.
    func features(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        #expect(run.status == 0, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return try #require(json?["features"] as? [[String: Any]], sourceLocation: sourceLocation)
    }

    func properties(_ feature: [String: Any]) -> [String: Any] { feature["properties"] as? [String: Any] ?? [:] }

    /// Three public exact projects near Nairobi, one internal one beside them, one in Lima.
    static let nairobiFixture = Fixture {
        func feature(_ id: String, _ lon: Double, _ lat: Double, visibility: String = "public", level: String = "led") -> String {
            """
            {"type":"Feature","id":"\(id)","geometry":{"type":"Point","coordinates":[\(lon),\(lat)]},"properties":{"title":"T \(id)",\
            "organisation":"O","participationLevel":"\(level)","participantGroups":["youngPeople","children"],"sector":"civilSociety",\
            "countries":["\(lon < 0 ? "PE" : "KE")"],"locationPrecision":"exact","visibility":"\(visibility)","sources":["s"]}}
            """
        }
        let features = [feature("a", 36.80, -1.30), feature("b", 36.82, -1.29, level: "consultation"), feature("c", 36.81, -1.31),
                        feature("secret", 36.95, -1.20, visibility: "internal"), feature("lima", -77.04, -12.05)]
        return try temporaryFile("nairobi.geojson", #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}")
    }
    static var nairobi: String { nairobiFixture.path }

    @Test func aClusterCarriesItsCountsBoxAndExpansionZoom() throws {
        let run = try partmap("cluster", "--from", Self.nairobi, "--zoom", "4")
        #expect(run.status == 0, "\(run.stderr)")
        let found = try features(run)
        #expect(found.count == 2)
        let cluster = try #require(found.first { properties($0)["cluster"] as? Bool == true })
        let p = properties(cluster)
        #expect(p["point_count"] as? Int == 3)
        #expect(p["levels"] as? [String: Int] == ["consultation": 1, "collaboration": 0, "coProduction": 0, "led": 2])
        #expect((p["groups"] as? [String: Int])?["youngPeople"] == 3)
        #expect((p["sectors"] as? [String: Int])?["civilSociety"] == 3)
        #expect(cluster["bbox"] as? [Double] == [36.80, -1.31, 36.82, -1.29], "the internal project is not in the box")
        #expect(!run.stdout.contains("secret") && !run.stdout.contains("36.95"))
        let inside = try partmap("cluster", "--from", Self.nairobi, "--zoom", "16", "--internal")
        #expect(inside.status == 0 && inside.stdout.contains("\"secret\"") && inside.stdout.contains("36.95"), "the same search finds it with --internal")
        #expect(found.contains { $0["id"] as? String == "lima" })

        let id = try #require(p["cluster_id"] as? Int)
        let expansion = try #require(p["expansion_zoom"] as? Int)
        #expect(try partmap("cluster", "--from", Self.nairobi, "--expansion-zoom", String(id)).stdout == "\(expansion)\n")
        let children = try features(try partmap("cluster", "--from", Self.nairobi, "--children", String(id)))
        let childCount = children.reduce(0) { $0 + ((properties($1)["point_count"] as? Int) ?? 1) }
        #expect(childCount == 3)
        let leaves = try features(try partmap("cluster", "--from", Self.nairobi, "--leaves", String(id), "--limit", "2", "--offset", "1"))
        #expect(leaves.count == 2)
        let all = try features(try partmap("cluster", "--from", Self.nairobi, "--leaves", String(id)))
        #expect(Set(all.compactMap { $0["id"] as? String }) == ["a", "b", "c"])
        let atExpansion = try features(try partmap("cluster", "--from", Self.nairobi, "--zoom", String(expansion)))
        #expect(atExpansion.count > 2, "split at its expansion zoom")
    }

    @Test func internalProjectsClusterOnlyWhenAskedFor() throws {
        let run = try partmap("cluster", "--from", Self.nairobi, "--zoom", "0", "--internal")
        let total = try features(run).reduce(0) { $0 + ((properties($1)["point_count"] as? Int) ?? 1) }
        #expect(total == 5)
    }

    @Test func everyMappedCuratedProjectIsInTheWorldViewAtEveryZoom() throws {
        let mapped = try features(try partmap("query", "--from", "Data/projects.geojson")).filter { !($0["geometry"] is NSNull) }.count
        for zoom in ["0", "3", "8", "16"] {
            let found = try features(try partmap("cluster", "--from", "Data/projects.geojson", "--zoom", zoom))
            #expect(found.reduce(0) { $0 + ((properties($1)["point_count"] as? Int) ?? 1) } == mapped, "zoom \(zoom)")
        }
    }

    /// Projects are clustered in id order whatever the file's order, so cluster ids and what
    /// shows alone do not change when the features come reversed, across more than one of the
    /// reader's batches (4,096 records).
    @Test func fileOrderDoesNotChangeTheClusters() throws {
        func feature(_ i: Int) -> String {
            let lon = 36 + Double(i % 80) * 0.013, lat = -1 + Double(i / 80) * 0.013
            return #"{"type":"Feature","id":"p\#(String(format: "%05d", i))","geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]},"#
                + #""properties":{"title":"T","organisation":"O","participationLevel":"led","participantGroups":["children"],"#
                + #""sector":"civilSociety","countries":["KE"],"locationPrecision":"exact","visibility":"public","sources":["s"]}}"#
        }
        let records = (0 ..< 5_000).map(feature)
        func file(_ name: String, _ records: [String]) throws -> String {
            try temporaryFile(name, #"{"type":"FeatureCollection","features":["# + records.joined(separator: ",") + "]}")
        }
        let forward = try file("forward.geojson", records), reversed = try file("reversed.geojson", records.reversed())
        for zoom in ["6", "9"] {
            let inOrder = try partmap("cluster", "--from", forward, "--zoom", zoom)
            #expect(try features(inOrder).contains { properties($0)["cluster"] as? Bool == true }, "zoom \(zoom) has clusters")
            #expect(try partmap("cluster", "--from", reversed, "--zoom", zoom).stdout == inOrder.stdout, "zoom \(zoom)")
        }
    }

    @Test func theViewMayCrossTheAntimeridian() throws {
        let run = try partmap("cluster", "--from", Self.nairobi, "--zoom", "16", "--bbox=30,-20,-100,10")
        #expect(Set(try features(run).compactMap { $0["id"] as? String }) == ["a", "b", "c"])
    }

    @Test func dbscanGivesRolesAndHulls() throws {
        let run = try partmap("cluster", "--from", Self.nairobi, "--dbscan-km", "5", "--min-points", "3", "--hulls", "convex")
        #expect(run.status == 0, "\(run.stderr)")
        let found = try features(run)
        #expect(found.count == 5, "four public projects and one hull")
        #expect(found.filter { properties($0)["dbscan_role"] as? String == "core" }.count == 3)
        #expect(found.contains { $0["id"] as? String == "lima" && properties($0)["dbscan_role"] as? String == "noise" && properties($0)["dbscan_cluster"] is NSNull })
        let hull = try #require(found.last)
        #expect((hull["geometry"] as? [String: Any])?["type"] as? String == "Polygon")
        #expect(properties(hull)["point_count"] as? Int == 3)
        let path = try temporaryFile("dbscan.geojson", run.stdout)
        let info = try command("ogrinfo", ["-so", "-al", path])
        #expect(info.status == 0, "GDAL reads it: \(info.stderr)")
    }

    @Test(arguments: [
        (["--zoom=-1"], "--zoom: expected 0 or more, found -1"),
        (["--zoom", "2", "--radius", "0"], "--radius: expected pixels above 0, found 0.0"),
        (["--zoom", "2", "--min-points", "0"], "--min-points: expected 1 or more, found 0"),
        (["--dbscan-km", "0", "--min-points", "3"], "--dbscan-km: expected a distance above 0, found 0.0"),
        (["--dbscan-km", "5"], "--dbscan-km: expected --min-points with it, found none"),
        (["--children", "123456"], "--children: no cluster has id 123456"),
        (["--zoom", "2", "--leaves", "1"], "expected one of --zoom, --children, --leaves, --expansion-zoom or --dbscan-km, found --zoom and --leaves"),
        ([], "expected one of --zoom, --children, --leaves, --expansion-zoom or --dbscan-km, found none"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) throws {
        let run = try partmap(arguments: ["cluster", "--from", "Data/projects.geojson"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout == "")
    }
}
