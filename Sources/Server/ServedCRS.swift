import GeoJSON
import PROJKit
import Store
import Synchronization

/// The coordinate reference systems the service speaks (OGC API – Features Part 2), each named
/// by its OGC URI: CRS84 (stored, longitude first), EPSG:4326 (latitude first) and EPSG:3857
/// (metres). Points move between them through PROJ, in each CRS's own axis order.
enum ServedCRS {
    static let all: [CRS] = [.crs84, .wgs84, .webMercator]

    /// The CRS a `crs` or `bbox-crs` value names: one of `all`, by its OGC URI exactly.
    /// - Throws: `Problem` (400) naming the parameter and listing the URIs.
    static func parse(_ value: String, parameter: String) throws(Problem) -> CRS {
        guard let crs = CRS(value), crs.uri == value, all.contains(crs) else {
            throw Problem.badParameter(parameter, expected: "one of " + all.map(\.uri).joined(separator: ", "), found: value)
        }
        return crs
    }

    /// The points in `crs`, each in the CRS's axis order, moved in one PROJ batch. Latitudes are
    /// cut at Web Mercator's limit first when `crs` is EPSG:3857, whose y grows without bound
    /// towards the poles.
    /// - Throws: `Problem` (500) when PROJ cannot make or run the transformation.
    static func positions(_ points: [Position], in crs: CRS) throws(Problem) -> [Position] {
        guard !crs.isCRS84, !points.isEmpty else { return points }
        let limit = crs == .webMercator ? WebMercator.maxLatitude : 90
        var xs = points.map(\.longitude), ys = points.map { max(-limit, min(limit, $0.latitude)) }
        let pair = try pair(crs)
        try proj { () throws(PROJError) in try pair.fromCRS84.transform(x: &xs, y: &ys) }
        return zip(xs, ys).map { x, y in pair.latitudeFirst ? Position(longitude: y, latitude: x) : Position(longitude: x, latitude: y) }
    }

    /// What turns a box's four numbers in `crs` (lower corner then upper, each in the CRS's axis
    /// order) into a box in degrees (west, south, east, north), for `SelectionParser`; nil for CRS84,
    /// which needs nothing. The function answers nil for a corner outside the CRS's world: one
    /// PROJ cannot transform, or would wrap round (it maps back to other numbers).
    /// - Throws: `Problem` (500) when PROJ cannot make the transformation.
    static func boxInDegrees(_ crs: CRS) throws(Problem) -> ((GivenBox) -> BoundingBox?)? {
        guard !crs.isCRS84 else { return nil }
        let pair = try pair(crs)
        return { box in
            let firsts = [box.lowerFirst, box.upperFirst], seconds = [box.lowerSecond, box.upperSecond]
            var xs = pair.latitudeFirst ? seconds : firsts, ys = pair.latitudeFirst ? firsts : seconds
            let (givenX, givenY) = (xs, ys)
            do throws(PROJError) {
                try pair.toCRS84.transform(x: &xs, y: &ys)
                var backX = xs, backY = ys
                try pair.fromCRS84.transform(x: &backX, y: &backY)
                func near(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) } }
                guard near(backX, givenX), near(backY, givenY) else { return nil }
            } catch {
                return nil
            }
            return BoundingBox(west: xs[0], south: ys[0], east: xs[1], north: ys[1])
        }
    }

    private struct Pair: Sendable {
        let toCRS84: Transformer, fromCRS84: Transformer, latitudeFirst: Bool
    }

    /// Transformers are made once per CRS and kept: making one reads PROJ's database.
    private static let pairs = Mutex<[CRS: Pair]>([:])

    private static func pair(_ crs: CRS) throws(Problem) -> Pair {
        if let pair = pairs.withLock({ $0[crs] }) { return pair }
        let pair = try proj { () throws(PROJError) in
            Pair(toCRS84: try Transformer(from: crs, to: .crs84), fromCRS84: try Transformer(from: .crs84, to: crs), latitudeFirst: try isLatitudeFirst(crs))
        }
        pairs.withLock { $0[crs] = pair }
        return pair
    }

    private static func proj<T>(_ body: () throws(PROJError) -> T) throws(Problem) -> T {
        do { return try body() } catch { throw Problem(.internalServerError, "coordinates: \(error)") }
    }
}
