import GEOSKit
import GeoJSON

/// The outline of a cluster of points (CRS84 degrees) for a map: always a Polygon, or a
/// MultiPolygon cut at ±180° when the cluster straddles the antimeridian (RFC 7946 §3.1.9), and
/// always covering every member.
///
/// - The hull is computed where the cluster is contiguous: longitudes west of the widest gap
///   between members are moved by +360°, so a cluster from 179° to −179° spans 2°, not 358°.
/// - Two points, collinear points or one point make a line or a point: it is buffered by
///   `bufferDegrees` into a Polygon (the contract's "one Polygon feature per cluster").
/// - GEOS 3.11.1's concave hull crashes (SIGSEGV in `HullTriangulation::nextBorderTri`) or
///   leaves members out on nearly collinear points: a cluster whose convex hull is thinner than
///   `concaveThinness` gets its convex hull, and any concave hull that is invalid or does not
///   cover every member (`covers`) is replaced by the convex hull.
public enum ClusterHull {
    /// Which hull to draw.
    public enum Kind: Sendable, Hashable {
        /// The convex hull (GEOSConvexHull).
        case convex
        /// GEOS's concave hull by edge length ratio: 0 is the tightest, 1 the convex hull.
        case concave(ratio: Double)
    }

    /// How far a degenerate hull (a point or a line) is buffered, in degrees: about 110 m at the
    /// equator, enough to be seen as an outline and small beside any cluster distance.
    public static let bufferDegrees = 0.001

    /// The thinnest convex hull, as area ÷ perimeter² (a square 1/16, a 250 × 1 rectangle about
    /// 0.004), that may be given a concave hull. GEOS 3.11.1 was seen to crash up to 0.0005.
    public static let concaveThinness = 0.002

    /// The hull of `positions` (at least one), in CRS84 degrees.
    /// - Returns: a `.polygon`, or a `.multiPolygon` of the parts each side of ±180°.
    /// - Throws: `GEOSError` when GEOS fails.
    public static func hull(of positions: [Position], kind: Kind, pool: ContextPool = .shared) throws -> Geometry {
        precondition(!positions.isEmpty, "a hull of no points")
        let longitudes = unwrapped(positions.map(\.longitude)), latitudes = positions.map(\.latitude)
        return try pool.withContext { context in
            let points = try context.multiPoint(longitudes: longitudes, latitudes: latitudes)
            var hull = try points.convexHull()
            let thinness = try hull.area / max(try hull.length * hull.length, .leastNonzeroMagnitude)
            if case .concave(let ratio) = kind, hull.typeName == "Polygon", thinness >= concaveThinness {
                let concave = try points.concaveHull(ratio: ratio)
                let prepared = try concave.prepared()
                if try concave.isValid, try prepared.covers(x: longitudes, y: latitudes).allSatisfy({ $0 }) { hull = concave }
            }
            if hull.typeName != "Polygon" { hull = try hull.buffer(bufferDegrees) }
            guard try hull.bounds.maxX > 180 else { return try hull.geoJSON }
            // Cut at 180°: the part beyond it moves back by 360°.
            var parts = polygons(of: try hull.intersection(try context.geometry(from: box(-180, 180))).geoJSON)
            let east = polygons(of: try hull.intersection(try context.geometry(from: box(180, 540))).geoJSON)
            parts += east.map { $0.map { $0.map { Position(longitude: $0.longitude - 360, latitude: $0.latitude) } } }
            return .polygonal(parts)
        }
    }

    /// Longitudes made contiguous: those west of the widest gap between sorted longitudes move by
    /// +360° when that gap is not the one across ±180°.
    static func unwrapped(_ longitudes: [Double]) -> [Double] {
        let sorted = longitudes.sorted()
        guard let first = sorted.first, let last = sorted.last else { return longitudes }
        var widest = first + 360 - last, cut: Double? = nil
        for (a, b) in zip(sorted, sorted.dropFirst()) where b - a > widest {
            widest = b - a
            cut = a
        }
        guard let cut else { return longitudes }
        return longitudes.map { $0 <= cut ? $0 + 360 : $0 }
    }

    private static func box(_ west: Double, _ east: Double) -> Geometry {
        .polygon([[Position(longitude: west, latitude: -90), Position(longitude: east, latitude: -90),
                   Position(longitude: east, latitude: 90), Position(longitude: west, latitude: 90),
                   Position(longitude: west, latitude: -90)]])
    }

    /// The polygons of an overlay's result; lines and points where the hull only touches 180° are dropped.
    private static func polygons(of geometry: Geometry) -> [[[Position]]] {
        switch geometry {
        case .polygon(let rings): rings.isEmpty ? [] : [rings]
        case .multiPolygon(let polygons): polygons.filter { !$0.isEmpty }
        case .geometryCollection(let members): members.flatMap(polygons(of:))
        default: []
        }
    }
}
