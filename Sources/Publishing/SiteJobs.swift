import Foundation
import GeoJSON
import Participation
import Regions
import Tiles

/// Files a job of `Site.write` made, to be written in this order: paths within the site and
/// their bytes. The first `leading` are written before the tiles, the rest after them.
struct SiteFiles: Sendable {
    var files: [(path: String, bytes: [UInt8])] = []
    var leading = 0
    /// The MBTiles file, already written in place (SQLite writes it), when asked for.
    var mbtiles: URL?
}

/// The caller's progress, heard from the tiles' job only (one thread at a time).
struct Progress: @unchecked Sendable {
    let report: (_ done: Double, _ step: String) -> Void
    init(_ report: @escaping (_ done: Double, _ step: String) -> Void) { self.report = report }
}

extension Site {
    /// The tiles of the public view and the archives of `options.formats`: the `tiles/` folder's
    /// files, `tilejson.json`, the PMTiles archive's bytes, and the MBTiles file written at
    /// `directory`/projects.mbtiles.
    /// - Throws: `TileError`, `GzipError`, `ZoomClusterError`, `RegionsError`, or SQLite's error.
    static func tileFiles(clusters: ProjectClusters, counts: RegionCounts, atlas: Atlas, options: SiteOptions,
                          into directory: URL, progress: Progress) throws -> SiteFiles {
        var made = SiteFiles()
        let writer = GeoJSONWriter()
        let zooms = Double(options.tiles.maxZoom - options.tiles.minZoom + 1)
        let folder = options.formats.contains(.dir)
        let boundaries = try atlas.boundaries
        let pyramid = try TilePyramid(clusters: clusters, counts: counts, boundaries: boundaries, options: options.tiles, keepMVT: folder) { zoom in
            progress.report(0.05 + 0.6 * Double(zoom - options.tiles.minZoom + 1) / zooms, "tiles: zoom \(zoom) of \(options.tiles.maxZoom)")
        }
        if folder {
            for tile in pyramid.tiles { made.files.append(("tiles/\(tile.id.z)/\(tile.id.x)/\(tile.id.y).mvt", tile.mvt)) }
        }
        // Each tile was gzipped once; every archive takes the same bytes.
        let gzipped = pyramid.tiles.map { ($0.id, $0.gzipped) }
        progress.report(0.75, "tile archives")
        let tileJSON = tileJSON(baseURL: options.baseURL, layers: [pyramid.projectsLayer, pyramid.regionsLayer], clusters: clusters,
                                boundaries: boundaries, tiles: options.tiles, attribution: options.attribution)
        made.files.append(("tilejson.json", Array((writer.write(tileJSON.json) + "\n").utf8)))
        if options.formats.contains(.mbtiles) {
            let mbtiles = directory.appendingPathComponent("projects.mbtiles")
            try MBTilesWriter.write(path: mbtiles.path, tiles: gzipped, metadata: tileJSON.mbtilesMetadata)
            made.mbtiles = mbtiles
        }
        if options.formats.contains(.pmtiles) {
            made.files.append(("projects.pmtiles", try PMTilesWriter.archive(
                tiles: gzipped, metadata: tileJSON.pmtilesMetadata,
                header: .init(minZoom: options.tiles.minZoom, maxZoom: options.tiles.maxZoom, bounds: tileJSON.bounds, center: tileJSON.center))))
        }
        return made
    }

    /// The files made beside the tiles: `projects.geojson`, the summaries and `regions.geojson`
    /// (the leading ones), then the web map's.
    /// - Throws: `SiteError` when Leaflet is missing, `RegionsError` when the boundaries cannot be read.
    static func otherFiles(views: [Project], counts: RegionCounts, atlas: Atlas, options: SiteOptions, bounds: BoundingBox) throws -> SiteFiles {
        var made = SiteFiles()
        let writer = GeoJSONWriter()
        func text(_ path: String, _ text: String) { made.files.append((path, Array(text.utf8))) }
        text("projects.geojson", writer.write(FeatureCollection(features: views.map { $0.feature(includeDerived: true) })) + "\n")
        let summary = Summary(views: views, keys: [.region, .subregion, .country, .level], count: .projects, atlas: atlas)
        text("summaries.json", writer.write(summary.json) + "\n")
        text("summaries.csv", summary.csv)
        text("regions.geojson", writer.write(try counts.choropleth(boundaries: atlas.boundaries)) + "\n")
        made.leading = made.files.count
        try WebMap.write(views: views, atlas: atlas, options: options, bounds: bounds) { path, bytes in made.files.append((path, bytes)) }
        return made
    }
}
