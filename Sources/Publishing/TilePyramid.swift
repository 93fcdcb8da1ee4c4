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
///
/// The work runs on every core: each zoom's features and the tiles they fall in, each country
/// cut to the tiles of each zoom, then each tile encoded and gzipped. Every answer is put in its
/// place in a fixed order (zoom, column, row; within a tile, projects in the order of their
/// nodes and countries in the atlas's), so the tiles are the same bytes however the work ran.
public struct TilePyramid: Sendable {
    /// One tile: its MVT bytes (empty unless kept), and the same gzipped (RFC 1952, as MBTiles
    /// and PMTiles hold them).
    public struct Tile: Sendable {
        /// Where the tile is: zoom, column, row (XYZ).
        public let id: TileID
        /// The tile's MVT 2.1 bytes, or none when publish was not asked to keep them.
        public let mvt: [UInt8]
        /// The MVT bytes gzipped, as every archive stores them.
        public let gzipped: [UInt8]
    }

    /// Every tile, ordered by zoom, column, row.
    public private(set) var tiles: [Tile] = []
    /// The `projects` layer's description, from every feature of every tile.
    public private(set) var projectsLayer = TilePyramid.emptyProjectsLayer
    /// The `regions` layer's description, from every feature of every tile.
    public private(set) var regionsLayer = TilePyramid.emptyRegionsLayer

    /// Renders every tile of `options`' zooms. `keepMVT` keeps each tile's bytes before
    /// compression too (for a `tiles/` folder). `progress` hears each zoom once its tiles are done.
    /// - Throws: `TileError.tooLarge` for the first tile (in the order above) over
    ///   `maxTileBytes`; `ZoomClusterError` when a cluster cannot be read back from the index;
    ///   `GzipError` when zlib fails.
    public init(clusters: ProjectClusters, counts: RegionCounts, boundaries: [CountryBoundary], options: TileOptions = TileOptions(),
                keepMVT: Bool = true, progress: (Int) -> Void = { _ in }) throws {
        let regions = boundaries.map(MercatorCountry.init)
        let regionProperties = regions.map { Self.regionProperties($0.boundary, counts: counts) }
        // A project's properties are the same at every zoom: made once each.
        let projects = clusters.projects
        let projectProperties = inParallel(projects.count) { Self.properties(of: projects[$0]) }
        let zooms = Array(options.minZoom ... options.maxZoom)
        let plans = try inParallel(zooms.count) { (index: Int) throws(ZoomClusterError) in
            try ZoomPlan(zoom: zooms[index], clusters: clusters, options: options) { projectProperties[$0] }
        }
        let regionZooms = zooms.filter { $0 <= options.regionsMaxZoom }
        let cuts = inParallel(regionZooms.count * regions.count) { index in
            regions[index % regions.count].clipped(zoom: regionZooms[index / regions.count], options: options)
        }
        for plan in plans {
            let zoom = plan.zoom
            for feature in plan.features { projectsLayer.record(zoom: zoom, properties: feature.properties) }
            var polygons: [TileID: [(country: Int, rings: [[TilePoint]])]] = [:]
            if let row = regionZooms.firstIndex(of: zoom) {
                for country in regions.indices {
                    let cut = cuts[row * regions.count + country]
                    for (tile, rings) in cut { polygons[tile, default: []].append((country, rings)) }
                    if !cut.isEmpty { regionsLayer.record(zoom: zoom, properties: regionProperties[country]) }
                }
            }
            tiles += try Self.encode(plan, polygons: polygons, regionProperties: regionProperties, options: options, keepMVT: keepMVT)
            progress(zoom)
        }
    }

    /// A zoom's tiles in order of column and row, encoded and gzipped on every core: in each,
    /// the plan's features placed there in their order, then `polygons`, each tile's countries
    /// (indices into `regionProperties`) in the atlas's order.
    static func encode(_ plan: ZoomPlan, polygons: [TileID: [(country: Int, rings: [[TilePoint]])]],
                       regionProperties: [[(String, TileValue)]], options: TileOptions, keepMVT: Bool) throws -> [Tile] {
        let ids = Set(plan.points.keys).union(polygons.keys).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        // Tiles in runs of `run`, each run with one gzip stream, reset between its tiles.
        let run = 32
        let runs = try inParallel((ids.count + run - 1) / run) { (chunk: Int) throws -> [Tile] in
            let gzip = try GzipCompressor()
            return try ids[chunk * run ..< min(ids.count, chunk * run + run)].map { id throws -> Tile in
                var projects = VectorTileLayer(name: "projects", extent: options.extent)
                for (feature, point) in plan.points[id] ?? [] {
                    projects.add(id: plan.features[feature].id, geometry: .point(point), properties: plan.features[feature].properties)
                }
                var regions = VectorTileLayer(name: "regions", extent: options.extent)
                for (country, rings) in polygons[id] ?? [] { regions.add(geometry: .polygon(rings), properties: regionProperties[country]) }
                let bytes = VectorTile.encode([projects, regions])
                guard bytes.count <= options.maxTileBytes else { throw TileError.tooLarge(id, bytes: bytes.count, limit: options.maxTileBytes) }
                return Tile(id: id, mvt: keepMVT ? bytes : [], gzipped: try gzip.compress(bytes))
            }
        }
        return runs.flatMap { $0 }
    }
}

/// One zoom of the `projects` layer: its features in the order of their nodes, and for each tile
/// the features placed in it (by index) with their positions in tile coordinates.
struct ZoomPlan: Sendable {
    let zoom: Int
    var features: [(id: UInt64?, properties: [(String, TileValue)])] = []
    var points: [TileID: [(feature: Int, point: TilePoint)]] = [:]

    init(zoom: Int, clusters: ProjectClusters, options: TileOptions, project: (Int) -> [(String, TileValue)]) throws(ZoomClusterError) {
        self.zoom = zoom
        for node in clusters.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom) {
            let feature = try TilePyramid.tileFeature(node, clusters: clusters, zoom: zoom, project: project)
            for (tile, point) in TilePyramid.placements(x: feature.x, y: feature.y, zoom: zoom, options: options) {
                points[tile, default: []].append((features.count, point))
            }
            features.append((feature.id, feature.properties))
        }
    }
}
