import Foundation
import GeoJSON
import Regions
import Tiles

extension Site {
    /// TileJSON's `name` of the tiles.
    public static let tilesName = "partmap participation projects"
    /// TileJSON's `description` of the published tiles.
    public static let tilesDescription =
        "Projects in which children, young people and adult survivors shape research, policy, advocacy and technology"

    /// The TileJSON 3.0.0 of the public view's tiles, for `publish` and `serve` alike: `tiles` is
    /// `baseURL/tiles/{z}/{x}/{y}.mvt` (slashes around the base URL dropped), `vector_layers`
    /// from `layers`, zooms from `tiles`, and bounds and centre from `tileExtent` (degrees).
    public static func tileJSON(
        baseURL: String, layers: [LayerStats], clusters: ProjectClusters, boundaries: [CountryBoundary], tiles: TileOptions,
        attribution: String, description: String = tilesDescription
    ) -> TileJSON {
        let (bounds, center) = tileExtent(clusters, boundaries: boundaries, options: tiles)
        return TileJSON(
            tiles: [baseURL.trimmingCharacters(in: ["/"]) + "/tiles/{z}/{x}/{y}.mvt"], layers: layers, name: tilesName,
            description: description, version: "1.0.0", attribution: attribution, minZoom: tiles.minZoom, maxZoom: tiles.maxZoom,
            bounds: bounds, center: center)
    }
}

extension TilePyramid {
    static let emptyProjectsLayer = LayerStats(id: "projects", description: "Clusters of participation projects, and single projects", geometry: "Point")
    static let emptyRegionsLayer = LayerStats(id: "regions", description: "Countries with their numbers of projects", geometry: "Polygon")

    /// The layers the pyramid of `clusters` describes, without rendering it (for tiles rendered on
    /// demand), with the same `vector_layers` entries (fields, their types, zooms) as the pyramid's:
    /// - `projects`: the nodes at `maxZoom` and the clusters at `minZoom`. A node single at some
    ///   zoom is single at every higher zoom, and a cluster at some zoom lies inside a cluster at
    ///   every lower one (supercluster's hierarchy), so these hold every property name and type the
    ///   pyramid writes at any zoom;
    /// - `regions`: at each zoom up to `regionsMaxZoom`, the first country with a part in a tile
    ///   (every country has the same properties).
    /// Counts and values (MBTiles' tilestats) are the pyramid's alone: these layers record fewer features.
    /// - Throws: `ZoomClusterError` when a cluster cannot be read back from the index.
    static func describedLayers(clusters: ProjectClusters, countries: [MercatorCountry], options: TileOptions) throws -> [LayerStats] {
        var projects = emptyProjectsLayer, regions = emptyRegionsLayer
        for zoom in Set([options.minZoom, options.maxZoom]).sorted() {
            for node in clusters.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom) {
                if zoom != options.maxZoom, case .point = node { continue }
                let (_, properties, _, _) = try tileFeature(node, clusters: clusters, zoom: zoom) { TilePyramid.properties(of: clusters.projects[$0]) }
                projects.record(zoom: zoom, properties: properties)
            }
        }
        if options.minZoom <= min(options.maxZoom, options.regionsMaxZoom) {
            for zoom in options.minZoom ... min(options.maxZoom, options.regionsMaxZoom) {
                guard let country = countries.first(where: { !$0.clipped(zoom: zoom, options: options).isEmpty }) else { continue }
                regions.record(zoom: zoom, properties: regionProperties(country.boundary, counts: RegionCounts(views: [])))
            }
        }
        return [projects, regions]
    }
}
