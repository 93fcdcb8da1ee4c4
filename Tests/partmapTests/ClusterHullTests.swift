import Foundation
import TestSupport
import Testing

/// `partmap cluster --dbscan-km --hulls`: every hull is a valid Polygon, or a MultiPolygon cut at
/// ±180° (RFC 7946 §3.1.9), that covers every member of its cluster, as shapely judges it.
@Suite(.timeLimit(.minutes(10))) struct ClusterHullTests {
    /// What shapely says of each hull: its type, validity, parts, longitudes and the members it
    /// leaves out (by the members' `dbscan_cluster`).
    struct Judged: Decodable {
        var type: String
        var valid: Bool
        var parts: Int
        var west: Double
        var east: Double
        var widestPart: Double
        var missed: Int
    }

    static let script = """
        import json, sys
        from shapely.geometry import shape, Point
        features = json.load(sys.stdin)["features"]
        members = {}
        for f in features:
            p = f["properties"]
            if f["geometry"]["type"] == "Point" and p.get("dbscan_cluster") is not None:
                members.setdefault(p["dbscan_cluster"], []).append(Point(f["geometry"]["coordinates"]))
        out = []
        for f in features:
            if f["geometry"]["type"] == "Point":
                continue
            g = shape(f["geometry"])
            parts = list(getattr(g, "geoms", [g]))
            west, _, east, _ = g.bounds
            out.append({"type": g.geom_type, "valid": bool(g.is_valid), "parts": len(parts), "west": west, "east": east,
                        "widestPart": max(q.bounds[2] - q.bounds[0] for q in parts),
                        "missed": sum(not g.covers(m) for m in members[f["properties"]["dbscan_cluster"]])})
        print(json.dumps(out))
        """

    func hulls(_ points: [(Double, Double)], km: Double, minPoints: Int, hull: [String]) throws -> [Judged] {
        let path = try ClusterOptionsTests.collection(points.enumerated().map { ("p\($0.offset)", $0.element.0, $0.element.1) })
        let run = try partmap(arguments: ["cluster", "--from", path, "--dbscan-km", String(km), "--min-points", String(minPoints), "--hulls"] + hull)
        try #require(run.status == 0, "exit \(run.status): \(run.stderr)")
        let output = try Python.run(script: "-c", arguments: [Self.script], input: run.stdout)
        return try JSONDecoder().decode([Judged].self, from: Data(output.utf8))
    }

    /// Four projects on Fiji's islands either side of 180°: two parts, each under a degree wide,
    /// not one polygon 359.9° wide.
    @Test(arguments: [["convex"], ["concave", "--hull-ratio", "0.3"]])
    func aClusterAcrossTheAntimeridianIsCutThere(hull: [String]) throws {
        let found = try hulls([(179.95, -17.0), (179.97, -16.93), (-179.97, -17.01), (-179.95, -16.95)], km: 20, minPoints: 3, hull: hull)
        let judged = try #require(found.first)
        #expect(found.count == 1)
        #expect(judged.type == "MultiPolygon" && judged.parts == 2 && judged.valid, "\(judged)")
        #expect(judged.west >= -180 && judged.east <= 180 && judged.widestPart < 1, "\(judged)")
        #expect(judged.missed == 0)
    }

    /// Two projects, three on a line, and one alone (min-points 1): each a valid Polygon holding them.
    @Test func degenerateClustersGetPolygons() throws {
        let found = try hulls([(36.80, -1.30), (36.81, -1.30), (10.0, 5.0), (10.01, 5.01), (10.02, 5.02), (-70.0, -30.0)],
                              km: 5, minPoints: 1, hull: ["convex"])
        #expect(found.count == 3)
        for judged in found { #expect(judged.type == "Polygon" && judged.valid && judged.missed == 0, "\(judged)") }
    }

    /// Nearly collinear points on which GEOS 3.11.1's concave hull crashes (the first set, ratio
    /// 0.1) or leaves a member out (the second, ratio 0.3): each still gets a valid Polygon that
    /// holds every member.
    @Test(arguments: [
        ([(36.707274, -1.296412), (36.761144, -1.269350), (36.795902, -1.251985), (36.736042, -1.282010), (36.700416, -1.299887),
          (36.770824, -1.264630)], "0.1"),
        ([(36.74828, -1.27592), (36.70853, -1.29583), (36.76107, -1.26942), (36.78667, -1.25657), (36.77566, -1.26217),
          (36.75792, -1.27114), (36.7923, -1.2538), (36.79456, -1.25266)], "0.3"),
    ])
    func nearlyCollinearConcaveHullsHoldEveryMember(points: [(Double, Double)], ratio: String) throws {
        let found = try hulls(points, km: 20, minPoints: 2, hull: ["concave", "--hull-ratio", ratio])
        let judged = try #require(found.first)
        #expect(found.count == 1)
        #expect(judged.type == "Polygon" && judged.valid && judged.missed == 0, "\(judged)")
    }
}
