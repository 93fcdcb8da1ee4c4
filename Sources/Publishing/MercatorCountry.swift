import Foundation
import GeoJSON
import Regions
import Tiles

/// A country's polygons in Web Mercator's unit square [0, 1]² (y down), cut into tiles on demand.
struct MercatorCountry: Sendable {
    let boundary: CountryBoundary
    /// Parts, each an outer ring then its holes, without closing points.
    let parts: [[[(x: Double, y: Double)]]]
    let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]

    init(_ boundary: CountryBoundary) {
        self.boundary = boundary
        parts = boundary.parts.map { part in
            part.map { ring in ring.dropLast().map { (x: WebMercator.x($0.longitude), y: WebMercator.y($0.latitude)) } }
        }
        boxes = parts.map { part in
            let outer = part.first ?? []
            return (outer.map(\.x).min() ?? 0, outer.map(\.y).min() ?? 0, outer.map(\.x).max() ?? 0, outer.map(\.y).max() ?? 0)
        }
    }

    /// The rings of each tile the country touches at `zoom`, clipped to the tile and its buffer,
    /// in tile coordinates, exteriors positive and holes negative (MVT 2.1's winding), made a
    /// valid polygon per tile (`TilePolygons.valid`).
    func clipped(zoom: Int, options: TileOptions) -> [(TileID, [[TilePoint]])] {
        let n = 1 << zoom, scale = Double(n)
        let margin = Double(options.buffer) / Double(options.extent)
        var byTile: [TileID: [[TilePoint]]] = [:]
        for (part, box) in zip(parts, boxes) {
            let x0 = max(0, Int((box.minX * scale - margin).rounded(.down))), x1 = min(n - 1, Int((box.maxX * scale + margin).rounded(.down)))
            let y0 = max(0, Int((box.minY * scale - margin).rounded(.down))), y1 = min(n - 1, Int((box.maxY * scale + margin).rounded(.down)))
            guard x0 <= x1, y0 <= y1 else { continue }
            for tx in x0 ... x1 {
                for ty in y0 ... y1 {
                    let tile = TileID(z: zoom, x: tx, y: ty)
                    let rings = Self.cut(part, to: tile, options: options)
                    if !rings.isEmpty { byTile[tile, default: []] += rings }
                }
            }
        }
        return byTile.sorted { ($0.key.x, $0.key.y) < ($1.key.x, $1.key.y) }.map { ($0.key, TilePolygons.valid($0.value)) }
    }

    /// The rings of one tile, or none when the country does not reach it; valid as
    /// `clipped(zoom:options:)`'s.
    func clipped(tile: TileID, options: TileOptions) -> [[TilePoint]] {
        let scale = Double(1 << tile.z), margin = Double(options.buffer) / Double(options.extent)
        var rings: [[TilePoint]] = []
        for (part, box) in zip(parts, boxes)
        where box.maxX * scale + margin >= Double(tile.x) && box.minX * scale - margin <= Double(tile.x + 1)
            && box.maxY * scale + margin >= Double(tile.y) && box.minY * scale - margin <= Double(tile.y + 1) {
            rings += Self.cut(part, to: tile, options: options)
        }
        return TilePolygons.valid(rings)
    }

    /// A part (outer ring, then holes) cut to a tile; nothing when its outer ring is cut away.
    static func cut(_ part: [[(x: Double, y: Double)]], to tile: TileID, options: TileOptions) -> [[TilePoint]] {
        let scale = Double(1 << tile.z), extent = Double(options.extent)
        var rings: [[TilePoint]] = []
        for (index, ring) in part.enumerated() {
            let local = ring.map { (x: ($0.x * scale - Double(tile.x)) * extent, y: ($0.y * scale - Double(tile.y)) * extent) }
            let cut = clip(local, low: -Double(options.buffer), high: extent + Double(options.buffer))
            guard let quantised = quantise(cut, exterior: index == 0) else {
                if index == 0 { return [] } else { continue }
            }
            rings.append(quantised)
        }
        return rings
    }

    /// Sutherland–Hodgman against the square [low, high]²: a ring stays a ring (edges along the
    /// square where it leaves and comes back), which is what a fill needs.
    static func clip(_ ring: [(x: Double, y: Double)], low: Double, high: Double) -> [(x: Double, y: Double)] {
        var points = ring
        for edge in 0 ..< 4 {
            guard !points.isEmpty else { break }
            func inside(_ p: (x: Double, y: Double)) -> Bool {
                switch edge {
                case 0: p.x >= low
                case 1: p.x <= high
                case 2: p.y >= low
                default: p.y <= high
                }
            }
            func cross(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> (x: Double, y: Double) {
                let bound = edge % 2 == 0 ? low : high
                if edge < 2 {
                    let t = (bound - a.x) / (b.x - a.x)
                    return (bound, a.y + t * (b.y - a.y))
                }
                let t = (bound - a.y) / (b.y - a.y)
                return (a.x + t * (b.x - a.x), bound)
            }
            var output: [(x: Double, y: Double)] = []
            var previous = points[points.count - 1]
            for current in points {
                if inside(current) {
                    if !inside(previous) { output.append(cross(previous, current)) }
                    output.append(current)
                } else if inside(previous) {
                    output.append(cross(previous, current))
                }
                previous = current
            }
            points = output
        }
        return points
    }

    /// Rounds to whole tile coordinates and drops repeated points; nil for a ring with no area
    /// left. Exteriors come out with positive area, holes negative.
    static func quantise(_ ring: [(x: Double, y: Double)], exterior: Bool) -> [TilePoint]? {
        var points: [TilePoint] = []
        for p in ring {
            let q = TilePoint(x: Int32(p.x.rounded()), y: Int32(p.y.rounded()))
            if q != points.last { points.append(q) }
        }
        while points.count > 1 && points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { return nil }
        var area: Int64 = 0
        for i in points.indices {
            let a = points[i], b = points[(i + 1) % points.count]
            area += Int64(a.x) * Int64(b.y) - Int64(b.x) * Int64(a.y)
        }
        guard area != 0 else { return nil }
        if (area > 0) != exterior { points.reverse() }
        return points
    }
}
