import Clustering
import Foundation
import GeoJSON
import Regions
import Synchronization
import Tiles

/// One tile at a time, as the server renders them from the live store: the same layers,
/// properties and geometry as `TilePyramid` writes for the same tile.
public struct TileRenderer: Sendable {
    let clusters: ProjectClusters
    let counts: RegionCounts
    let regions: [MercatorCountry]
    /// The pyramid's options: zooms, extent, buffer and the regions layer's last zoom.
    public let options: TileOptions
    /// The layers' description, made at its first use and kept with the renderer.
    private let described = DescribedLayers()

    /// A renderer of `clusters` (public views) with the country counts and polygons of the
    /// regions layer; the polygons are projected to Web Mercator once, here.
    public init(clusters: ProjectClusters, counts: RegionCounts, boundaries: [CountryBoundary], options: TileOptions = TileOptions()) {
        self.clusters = clusters
        self.counts = counts
        regions = boundaries.map(MercatorCountry.init)
        self.options = options
    }

    /// The layers as the pyramid of the same view describes them in TileJSON's `vector_layers`
    /// (fields, their types, zooms), computed once (`TilePyramid.describedLayers`, one pass over
    /// the nodes at the highest zoom) and kept for the renderer's life.
    /// - Throws: `ZoomClusterError` when a cluster cannot be read back from the index.
    public func layers() throws -> [LayerStats] {
        try described.kept.withLock { kept in
            if let kept { return kept }
            let made = try TilePyramid.describedLayers(clusters: clusters, countries: regions, options: options)
            kept = made
            return made
        }
    }

    /// The tile's MVT bytes; nil when it holds nothing.
    public func render(_ tile: TileID) throws -> [UInt8]? {
        var projects = VectorTileLayer(name: "projects", extent: options.extent), regionLayer = VectorTileLayer(name: "regions", extent: options.extent)
        let n = Double(1 << tile.z), margin = Double(options.buffer) / Double(options.extent)
        func longitude(_ x: Double) -> Double { WebMercator.longitude(x / n) }
        func latitude(_ y: Double) -> Double { WebMercator.latitude(y / n) }
        let west = longitude(Double(tile.x) - margin), east = longitude(Double(tile.x + 1) + margin)
        let north = latitude(Double(tile.y) - margin), south = latitude(Double(tile.y + 1) + margin)
        for node in clusters.nodes(west: max(-180, west), south: south, east: min(180, east), north: north, zoom: tile.z) {
            let feature = try TilePyramid.tileFeature(node, clusters: clusters, zoom: tile.z) { TilePyramid.properties(of: clusters.projects[$0]) }
            for (placed, point) in TilePyramid.placements(x: feature.x, y: feature.y, zoom: tile.z, options: options) where placed == tile {
                projects.add(id: feature.id, geometry: .point(point), properties: feature.properties)
            }
        }
        if tile.z <= options.regionsMaxZoom {
            for region in regions {
                let rings = region.clipped(tile: tile, options: options)
                guard !rings.isEmpty else { continue }
                regionLayer.add(geometry: .polygon(rings), properties: TilePyramid.regionProperties(region.boundary, counts: counts))
            }
        }
        guard !projects.isEmpty || !regionLayer.isEmpty else { return nil }
        return VectorTile.encode([projects, regionLayer])
    }
}

/// Where a renderer keeps its layers' description once made (a class, as a mutex cannot be copied).
private final class DescribedLayers: Sendable {
    let kept = Mutex<[LayerStats]?>(nil)
}
