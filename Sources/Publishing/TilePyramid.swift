import Clustering
import Foundation
import GeoJSON
import Participation
import Regions
import Tiles

/// How the pyramid is cut: zooms, tile coordinates, the buffer, the regions layer's last zoom,
/// and the size limit.
public struct TileOptions: Sendable {
    /// The lowest and highest zoom of the pyramid (0 to 14 by default).
    public var minZoom = 0, maxZoom = 14
    /// Tile coordinates across a tile, and how far beyond its edges features are kept, so that
    /// markers and outlines are not cut at tile seams.
    public var extent = 4096, buffer = 64
    /// The highest zoom with the regions layer.
    public var regionsMaxZoom = 5
    /// The largest tile allowed, in bytes before compression.
    public var maxTileBytes = 500 * 1024

    /// Options with these zooms and the other defaults.
    public init(minZoom: Int = 0, maxZoom: Int = 14) {
        (self.minZoom, self.maxZoom) = (minZoom, maxZoom)
    }
}

/// Why the pyramid cannot be written.
public enum TileError: Error, CustomStringConvertible {
    case tooLarge(TileID, bytes: Int, limit: Int)

    /// One line naming the tile, its size in bytes and the limit.
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
    /// The `projects` layer's description, from every feature of every tile.
    public private(set) var projectsLayer = TilePyramid.emptyProjectsLayer
    /// The `regions` layer's description, from every feature of every tile.
    public private(set) var regionsLayer = TilePyramid.emptyRegionsLayer

    /// Renders every tile from `minZoom` to `maxZoom` (MVT 2.1, Web Mercator XYZ tiles),
    /// telling `progress` each zoom done.
    /// - Throws: `TileError.tooLarge` for a tile over `maxTileBytes`; `ZoomClusterError` when
    /// a cluster cannot be read back from the index.
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
        return (id, properties, WebMercator.x(position.longitude) * n, WebMercator.y(position.latitude) * n)
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
