import Foundation
import TestSupport
import Testing

/// `partmap cluster`'s `--radius`, `--max-zoom` and `--hulls concave --hull-ratio`, with expected
/// values from Web Mercator arithmetic and plane geometry worked out here.
@Suite(.timeLimit(.minutes(10))) struct ClusterOptionsTests {
    /// A GeoJSON file of public exact projects at `points` (id, lon, lat), for `--from`.
    static func collection(_ points: [(String, Double, Double)]) throws -> String {
        let features = points.map { id, lon, lat in
            """
            {"type":"Feature","id":"\(id)","geometry":{"type":"Point","coordinates":[\(lon),\(lat)]},"properties":{"title":"T \(id)",\
            "organisation":"O","participationLevel":"led","participantGroups":["children"],"sector":"academia","countries":["KE"],\
            "locationPrecision":"exact","visibility":"public","sources":["s"]}}
            """
        }
        return try temporaryFile("points.geojson", #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}")
    }

    func features(_ arguments: [String]) throws -> [[String: Any]] {
        let run = try partmap(arguments: ["cluster"] + arguments)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(json["features"] as? [[String: Any]])
    }

    /// Two points 1° apart on the equator are 1/360 of the world apart: at zoom 4 (8192 px of a
    /// 512-px tile) 22.76 px. A 40 px radius joins them; a 20 px one does not.
    @Test func theRadiusIsInPixelsOfA512PixelTile() throws {
        let path = try Self.collection([("a", 10, 0), ("b", 11, 0)])
        #expect(try features(["--from", path, "--zoom", "4"]).count == 1, "default radius 40")
        #expect(try features(["--from", path, "--zoom", "4", "--radius", "23"]).count == 1)
        #expect(try features(["--from", path, "--zoom", "4", "--radius", "22.5"]).count == 2)
        #expect(try features(["--from", path, "--zoom", "4", "--radius", "20"]).count == 2)
        #expect(try features(["--from", path, "--zoom", "5", "--radius", "40"]).count == 2, "45.5 px apart at zoom 5")
    }

    /// Two points 1 m apart stay one cluster up to the highest zoom that clusters; the cluster
    /// expands one zoom past it.
    @Test func maxZoomIsTheLastZoomThatClusters() throws {
        let path = try Self.collection([("a", 36.8, -1.3), ("b", 36.80001, -1.3)])
        let atSixteen = try features(["--from", path, "--zoom", "16"])
        let cluster = try #require(atSixteen.first?["properties"] as? [String: Any])
        #expect(atSixteen.count == 1 && cluster["point_count"] as? Int == 2 && cluster["expansion_zoom"] as? Int == 17)
        let atFive = try features(["--from", path, "--zoom", "5", "--max-zoom", "5"])
        let five = try #require(atFive.first?["properties"] as? [String: Any])
        #expect(atFive.count == 1 && five["expansion_zoom"] as? Int == 6)
        let id = try #require(five["cluster_id"] as? Int)
        let expansion = try partmap("cluster", "--from", path, "--max-zoom", "5", "--expansion-zoom", String(id))
        #expect(expansion.status == 0 && expansion.stdout == "6\n", "\(expansion.stderr)")
        // Above --max-zoom every project shows on its own, as supercluster answers (its _limitZoom).
        for zoom in ["6", "40"] {
            let beyond = try features(["--from", path, "--zoom", zoom, "--max-zoom", "5"])
            #expect(Set(beyond.compactMap { $0["id"] as? String }) == ["a", "b"], "zoom \(zoom)")
        }
        #expect(Set(try features(["--from", path, "--zoom", "17"]).compactMap { $0["id"] as? String }) == ["a", "b"], "the advertised expansion zoom")
    }

    /// 120 seeded points in an L (the left and bottom bands, 0.08° wide, of a 0.3° square): the
    /// convex hull covers the empty corner of the square; a concave hull of ratio 0.1 leaves it
    /// out but still holds every point; ratio 1 is (nearly) the convex hull.
    @Test func concaveHullsFollowTheirRatio() throws {
        var generator = SplitMix64(seed: 5)
        var points: [(String, Double, Double)] = []
        while points.count < 120 {
            let x = (generator.uniform(0, 0.3) * 1e5).rounded() / 1e5, y = (generator.uniform(0, 0.3) * 1e5).rounded() / 1e5
            if x < 0.08 || y < 0.08 { points.append(("p\(points.count)", 36.7 + x, -1.5 + y)) }
        }
        let path = try Self.collection(points)
        func hull(_ options: [String]) throws -> [[Double]] {
            let found = try features(["--from", path, "--dbscan-km", "5", "--min-points", "3", "--hulls"] + options)
            try #require(found.count == 121, "120 projects and one hull")
            let geometry = try #require(found.last?["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Polygon")
            return try #require((geometry["coordinates"] as? [[[Double]]])?.first)
        }
        let convex = try hull(["convex"]), tight = try hull(["concave", "--hull-ratio", "0.1"]), loose = try hull(["concave", "--hull-ratio", "1"])
        // Inside the square's empty part, and below the convex hull's edge from (0.08, 0.3) to (0.3, 0.08).
        let corner = [36.7 + 0.16, -1.5 + 0.16]
        #expect(Self.contains(convex, corner) && !Self.contains(tight, corner), "the empty corner")
        #expect(Self.area(tight) < 0.6 * Self.area(convex))
        #expect(abs(Self.area(loose) - Self.area(convex)) < 0.01 * Self.area(convex))
        func near(_ a: [Double], _ b: [Double]) -> Bool { abs(a[0] - b[0]) < 1e-9 && abs(a[1] - b[1]) < 1e-9 }
        let positions = points.map { [$0.1, $0.2] }
        #expect(tight.allSatisfy { corner in positions.contains { near($0, corner) } }, "a concave hull's corners are projects")
        let outside = positions.filter { p in !Self.contains(tight, p) && !tight.contains { near($0, p) } }
        #expect(outside.count <= 3, "every project is in the hull or one of its corners (points on an edge may fall either way): \(outside)")
    }

    /// The shoelace formula, in square degrees.
    static func area(_ ring: [[Double]]) -> Double {
        abs(zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0[0] * $1.1[1] - $1.1[0] * $1.0[1] }) / 2
    }

    /// Even-odd ray casting.
    static func contains(_ ring: [[Double]], _ p: [Double]) -> Bool {
        var inside = false
        for (a, b) in zip(ring, ring.dropFirst()) where (a[1] > p[1]) != (b[1] > p[1]) {
            if p[0] < a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0]) { inside.toggle() }
        }
        return inside
    }
}
