import Clustering
import Foundation
import GeoJSON
import Participation
import Regions
import Tiles

public struct TileOptions: Sendable {
    public var minZoom = 0, maxZoom = 14
    /// Tile coordinates across a tile, and how far beyond its edges features are kept, so that
    /// markers and outlines are not cut at tile seams.
    public var extent = 4096, buffer = 64
    /// The highest zoom with the regions layer.
    public var regionsMaxZoom = 5
    /// The largest tile allowed, in bytes before compression.
    public var maxTileBytes = 500 * 1024

    public init(minZoom: Int = 0, maxZoom: Int = 14) {
        (self.minZoom, self.maxZoom) = (minZoom, maxZoom)
    }
}

public enum TileError: Error, CustomStringConvertible {
    case tooLarge(TileID, bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .tooLarge(let tile, let bytes, let limit): "tile \(tile) would hold \(bytes) bytes, over the limit of \(limit)"
        }
    }
}

/// The vector tiles of the public view. Layer `projects`: at each zoom, partmap's clusters with
/// the contract's cluster properties and single projects with their public properties. Layer
/// `regions`, up to `regionsMaxZoom`: country polygons clipped to the tile, with their counts.
/// Values a tile cannot hold (lists, objects) are written as compact JSON text. Tiles with no
/// feature are left out.
public struct TilePyramid: Sendable {
    /// Each tile's MVT bytes, ordered by zoom, column, row.
    public private(set) var tiles: [(TileID, [UInt8])] = []
    public private(set) var projectsLayer = LayerStats(id: "projects", description: "Clusters of participation projects, and single projects", geometry: "Point")
    public private(set) var regionsLayer = LayerStats(id: "regions", description: "Countries with their numbers of projects", geometry: "Polygon")

    public init(clusters: ProjectClusters, counts: RegionCounts, boundaries: [CountryBoundary], options: TileOptions = TileOptions(),
                progress: (Int) -> Void = { _ in }) throws {
        let regions = boundaries.map(MercatorCountry.init)
        for zoom in options.minZoom ... options.maxZoom {
            var layers: [TileID: (projects: VectorTileLayer, regions: VectorTileLayer)] = [:]
            let empty = (projects: VectorTileLayer(name: "projects", extent: options.extent), regions: VectorTileLayer(name: "regions", extent: options.extent))
            for node in clusters.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom) {
                guard let (id, properties, x, y) = try Self.tileFeature(node, clusters: clusters, zoom: zoom) else { continue }
                for (tile, point) in Self.placements(x: x, y: y, zoom: zoom, options: options) {
                    layers[tile, default: empty].projects.add(id: id, geometry: .point(point), properties: properties)
                }
                projectsLayer.record(zoom: zoom, properties: properties)
            }
            if zoom <= options.regionsMaxZoom {
                for region in regions {
                    let properties = Self.regionProperties(region.boundary, counts: counts)
                    var any = false
                    for (tile, rings) in region.clipped(zoom: zoom, options: options) {
                        layers[tile, default: empty].regions.add(geometry: .polygon(rings), properties: properties)
                        any = true
                    }
                    if any { regionsLayer.record(zoom: zoom, properties: properties) }
                }
            }
            for (tile, pair) in layers.sorted(by: { ($0.key.x, $0.key.y) < ($1.key.x, $1.key.y) }) {
                let bytes = VectorTile.encode([pair.projects, pair.regions])
                guard bytes.count <= options.maxTileBytes else { throw TileError.tooLarge(tile, bytes: bytes.count, limit: options.maxTileBytes) }
                tiles.append((tile, bytes))
            }
            progress(zoom)
        }
    }

    /// A node of the `projects` layer: its id (clusters), its properties (a project's id first),
    /// and where it is in tiles of this zoom.
    static func tileFeature(_ node: ClusterNode, clusters: ProjectClusters, zoom: Int) throws -> (UInt64?, [(String, TileValue)], Double, Double)? {
        let feature = try clusters.feature(node)
        guard case .point(let position)? = feature.geometry else { return nil }
        var properties = properties(feature)
        var id: UInt64?
        if case .cluster(let cluster) = node { id = UInt64(cluster.id) } else if case .string(let key)? = feature.id {
            properties.insert(("id", .string(key)), at: 0)
        }
        let n = Double(1 << zoom)
        return (id, properties, Mercator.x(position.longitude) * n, Mercator.y(position.latitude) * n)
    }

    /// The tiles a point at (x, y), in tiles of this zoom, falls in or within the buffer of.
    static func placements(x: Double, y: Double, zoom: Int, options: TileOptions) -> [(TileID, TilePoint)] {
        let n = 1 << zoom, extent = Double(options.extent), buffer = Double(options.buffer)
        let tx = min(n - 1, max(0, Int(x.rounded(.down)))), ty = min(n - 1, max(0, Int(y.rounded(.down))))
        var found: [(TileID, TilePoint)] = []
        for dx in -1 ... 1 {
            for dy in -1 ... 1 {
                let cx = tx + dx, cy = ty + dy
                guard cx >= 0, cx < n, cy >= 0, cy < n else { continue }
                let px = ((x - Double(cx)) * extent).rounded(), py = ((y - Double(cy)) * extent).rounded()
                guard px >= -buffer, px <= extent + buffer, py >= -buffer, py <= extent + buffer else { continue }
                found.append((TileID(z: zoom, x: cx, y: cy), TilePoint(x: Int32(px), y: Int32(py))))
            }
        }
        return found
    }

    /// A country's properties in the regions layer.
    public static func regionProperties(_ boundary: CountryBoundary, counts: RegionCounts) -> [(String, TileValue)] {
        let code = boundary.assignment.country
        return [
            ("country", .string(code ?? boundary.adm0)), ("name", .string(boundary.name)),
            ("count", .int(Int64(counts.count(code)))), ("levels", .string(GeoJSONWriter().write(counts.levels(code)))),
        ]
    }

    /// A feature's properties as tile values, in order; nulls left out.
    public static func properties(_ feature: Feature) -> [(String, TileValue)] {
        var result: [(String, TileValue)] = []
        for (key, value) in feature.properties ?? JSONObject() {
            switch value {
            case .null: continue
            case .bool(let b): result.append((key, .bool(b)))
            case .string(let s): result.append((key, .string(s)))
            case .number(let d): result.append((key, d.rounded() == d && abs(d) < 9e15 ? .int(Int64(d)) : .double(d)))
            case .array, .object: result.append((key, .string(GeoJSONWriter().write(value))))
            }
        }
        if let bbox = feature.bbox { result.append(("bbox", .string(GeoJSONWriter().write(.array(bbox.map(JSONValue.number)))))) }
        return result
    }
}

/// A country's polygons in spherical Mercator [0, 1]² (y down), cut into tiles on demand.
struct MercatorCountry: Sendable {
    let boundary: CountryBoundary
    /// Parts, each an outer ring then its holes, without closing points.
    let parts: [[[(x: Double, y: Double)]]]
    let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]

    init(_ boundary: CountryBoundary) {
        self.boundary = boundary
        parts = boundary.parts.map { part in
            part.map { ring in ring.dropLast().map { (x: Mercator.x($0.longitude), y: Mercator.y($0.latitude)) } }
        }
        boxes = parts.map { part in
            let outer = part.first ?? []
            return (outer.map(\.x).min() ?? 0, outer.map(\.y).min() ?? 0, outer.map(\.x).max() ?? 0, outer.map(\.y).max() ?? 0)
        }
    }

    /// The rings of each tile the country touches at `zoom`, clipped to the tile and its buffer,
    /// in tile coordinates, exteriors positive and holes negative (MVT 2.1's winding).
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
        return byTile.sorted { ($0.key.x, $0.key.y) < ($1.key.x, $1.key.y) }.map { ($0.key, $0.value) }
    }

    /// The rings of one tile, or none when the country does not reach it.
    func clipped(tile: TileID, options: TileOptions) -> [[TilePoint]] {
        let scale = Double(1 << tile.z), margin = Double(options.buffer) / Double(options.extent)
        var rings: [[TilePoint]] = []
        for (part, box) in zip(parts, boxes)
        where box.maxX * scale + margin >= Double(tile.x) && box.minX * scale - margin <= Double(tile.x + 1)
            && box.maxY * scale + margin >= Double(tile.y) && box.minY * scale - margin <= Double(tile.y + 1) {
            rings += Self.cut(part, to: tile, options: options)
        }
        return rings
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
