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

    /// The layers the pyramid of `clusters` would describe, without rendering it (for tiles
    /// rendered on demand): the `projects` layer from the clusters at `minZoom` and from up to
    /// 1000 single projects at `maxZoom`, the `regions` layer from one country up to `regionsMaxZoom`.
    /// - Throws: `ZoomClusterError` when a cluster cannot be read back from the index.
    public static func describedLayers(clusters: ProjectClusters, boundaries: [CountryBoundary], options: TileOptions) throws -> [LayerStats] {
        var projects = emptyProjectsLayer, regions = emptyRegionsLayer
        for node in clusters.nodes(west: -180, south: -90, east: 180, north: 90, zoom: options.minZoom) {
            projects.record(zoom: options.minZoom, properties: properties(try clusters.feature(node)))
        }
        for project in clusters.projects.prefix(1000) {
            projects.record(zoom: options.maxZoom, properties: [("id", .string(project.id))] + properties(project.feature(includeDerived: true)))
        }
        for boundary in boundaries.prefix(1) {
            regions.record(zoom: options.minZoom, properties: regionProperties(boundary, counts: RegionCounts(views: [])))
            regions.record(zoom: options.regionsMaxZoom, properties: [])
        }
        return [projects, regions]
    }
}
