import Crypto
import Foundation
import GeoJSON
import Participation
import Regions
import Tiles

/// What `publish` is told: the tiles, the base URL, the licence, where Leaflet is, the archives.
public struct SiteOptions: Sendable {
    /// The tile pyramid's zooms and sizes.
    public var tiles = TileOptions()
    /// Where the tiles will be served from: TileJSON's `tiles` is BASE_URL/tiles/{z}/{x}/{y}.mvt.
    public var baseURL = "http://localhost:8080"
    /// The dataset's licence, named in the attribution.
    public var license = "CC BY 4.0"
    /// Debian's libjs-leaflet, copied into the site.
    public var leafletDirectory = "/usr/share/javascript/leaflet"
    /// The tile archives written; the web map needs none of them (it has its own zoom files).
    public var formats: Set<TileFormat> = [.pmtiles]

    /// The defaults `partmap publish` documents.
    public init() {}

    /// The attribution TileJSON, MBTiles and the web map carry: the licence, GeoNames and Natural Earth.
    public var attribution: String {
        "Participation projects: \(license) · \(Site.geonamesAttribution) · Boundaries: Natural Earth"
    }
}

/// A way of publishing the vector tiles: a PMTiles v3 archive, an MBTiles 1.3 file, or a
/// `tiles/{z}/{x}/{y}.mvt` folder.
public enum TileFormat: String, CaseIterable, Sendable {
    case pmtiles, mbtiles, dir
}

/// Why a site cannot be written.
public enum SiteError: Error, CustomStringConvertible {
    case missingLeaflet(String)

    /// One line naming the missing folder and the package that fills it.
    public var description: String {
        switch self {
        case .missingLeaflet(let path): "Leaflet is not at \(path) (install Debian's libjs-leaflet)"
        }
    }
}

/// The published site (the README's list), all from the public view: every file written in a
/// fixed order with no timestamps, so that building twice gives the same bytes.
public enum Site {
    /// The attribution GeoNames' CC BY 4.0 licence asks for.
    public static let geonamesAttribution = "Contains data from GeoNames (geonames.org), CC BY 4.0"

    /// Writes the site into `directory`, which must exist and be empty. `progress` hears the
    /// share of the work done (0 to 1) and what is being done, after each step and each zoom of tiles.
    /// - Throws: `SiteError`, `TileError`, `RegionsError` when the boundaries cannot be read, or a
    ///   file system error when a file cannot be written.
    public static func write(views: [Project], atlas: Atlas, options: SiteOptions, into directory: URL,
                             progress: (_ done: Double, _ step: String) -> Void = { _, _ in }) throws {
        let writer = GeoJSONWriter()
        // Each file is hashed as it is written, for the manifest; folders are made once.
        var entries: [(path: String, size: Int, sha256: String)] = []
        var folders = Set<String>()
        func hex(_ digest: SHA256Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
        func put(_ path: String, _ text: String) throws { try put(path, Array(text.utf8)) }
        func put(_ path: String, _ bytes: [UInt8]) throws {
            let url = directory.appendingPathComponent(path)
            let folder = url.deletingLastPathComponent().path
            if folders.insert(folder).inserted { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(bytes).write(to: url)
            entries.append((path, bytes.count, hex(SHA256.hash(data: bytes))))
        }
        let views = views.sorted { $0.id < $1.id }
        try put("projects.geojson", writer.write(FeatureCollection(features: views.map { $0.feature(includeDerived: true) })) + "\n")
        let summary = Summary(views: views, keys: [.region, .subregion, .country, .level], count: .projects, atlas: atlas)
        try put("summaries.json", writer.write(summary.json) + "\n")
        try put("summaries.csv", summary.csv)
        let counts = RegionCounts(views: views)
        try put("regions.geojson", writer.write(counts.choropleth(boundaries: atlas.boundaries)) + "\n")

        progress(0.05, "summaries")

        let clusters = ProjectClusters(projects: views)
        let zooms = Double(options.tiles.maxZoom - options.tiles.minZoom + 1)
        let folder = options.formats.contains(.dir)
        let pyramid = try TilePyramid(clusters: clusters, counts: counts, boundaries: atlas.boundaries, options: options.tiles, keepMVT: folder) { zoom in
            progress(0.05 + 0.6 * Double(zoom - options.tiles.minZoom + 1) / zooms, "tiles: zoom \(zoom) of \(options.tiles.maxZoom)")
        }
        if folder {
            for tile in pyramid.tiles { try put("tiles/\(tile.id.z)/\(tile.id.x)/\(tile.id.y).mvt", tile.mvt) }
        }
        // Each tile was gzipped once; every archive takes the same bytes.
        let gzipped = pyramid.tiles.map { ($0.id, $0.gzipped) }
        progress(0.75, "tile archives")
        let tileJSON = tileJSON(baseURL: options.baseURL, layers: [pyramid.projectsLayer, pyramid.regionsLayer], clusters: clusters,
                                boundaries: try atlas.boundaries, tiles: options.tiles, attribution: options.attribution)
        try put("tilejson.json", writer.write(tileJSON.json) + "\n")
        if options.formats.contains(.mbtiles) {
            let mbtiles = directory.appendingPathComponent("projects.mbtiles")
            try MBTilesWriter.write(path: mbtiles.path, tiles: gzipped, metadata: tileJSON.mbtilesMetadata)
            let written = try Data(contentsOf: mbtiles)
            entries.append(("projects.mbtiles", written.count, hex(SHA256.hash(data: written))))
        }
        if options.formats.contains(.pmtiles) {
            try put("projects.pmtiles", PMTilesWriter.archive(
                tiles: gzipped, metadata: tileJSON.pmtilesMetadata,
                header: .init(minZoom: options.tiles.minZoom, maxZoom: options.tiles.maxZoom, bounds: tileJSON.bounds, center: tileJSON.center)))
        }
        progress(0.85, "web map")

        try WebMap.write(views: views, atlas: atlas, options: options, bounds: extent(clusters), put: put)
        let files = entries.sorted { $0.path < $1.path }.map { entry in
            JSONValue.object(JSONObject([("path", .string(entry.path)), ("size", .number(Double(entry.size))), ("sha256", .string(entry.sha256))]))
        }
        try put("manifest.json", writer.write(.object(JSONObject([("files", .array(files))]))) + "\n")
    }

    /// The box of the public positions in degrees, west to east with no antimeridian crossing
    /// (the world as Web Mercator covers it when there are none), where the web map opens.
    public static func extent(_ clusters: ProjectClusters) -> BoundingBox {
        let positions = clusters.projects.compactMap(\.position)
        guard !positions.isEmpty else { return world }
        let lons = positions.map(\.longitude), lats = positions.map(\.latitude)
        return BoundingBox(west: lons.min()!, south: lats.min()!, east: lons.max()!, north: lats.max()!)
    }
}
