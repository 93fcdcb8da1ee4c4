import GeoJSON
import Regions

extension Site {
    /// The box that TileJSON, MBTiles and PMTiles advertise: it covers every layer's data, the
    /// public positions of the `projects` layer and, when the pyramid has a `regions` layer
    /// (`minZoom` ≤ `regionsMaxZoom`), every country boundary, cut at Web Mercator's latitude
    /// limit. West, south, east, north in degrees; the world when there is nothing.
    /// - Returns: the box and its centre at `minZoom` (longitude, latitude, zoom).
    static func tileExtent(_ clusters: ProjectClusters, boundaries: [CountryBoundary], options: TileOptions)
        -> (bounds: BoundingBox, center: MapCentre)
    {
        var west = Double.infinity, south = Double.infinity, east = -Double.infinity, north = -Double.infinity
        func add(_ p: Position) {
            (west, south, east, north) = (min(west, p.longitude), min(south, p.latitude), max(east, p.longitude), max(north, p.latitude))
        }
        for project in clusters.projects { if let p = project.position { add(p) } }
        if options.minZoom <= options.regionsMaxZoom {
            for boundary in boundaries { for polygon in boundary.parts { for ring in polygon { ring.forEach(add) } } }
        }
        guard west <= east else { return (world, MapCentre(longitude: 0, latitude: 0, zoom: options.minZoom)) }
        let bounds = BoundingBox(west: west, south: max(-mercatorLimit, south), east: east, north: min(mercatorLimit, north))
        return (bounds, centre(of: bounds, zoom: options.minZoom))
    }

    /// Web Mercator's latitude limit in degrees rounded to six places, as MBTiles writes it: 85.051129.
    static let mercatorLimit = (WebMercator.maxLatitude * 1e6).rounded() / 1e6

    /// The world as Web Mercator tiles cover it, latitudes to `mercatorLimit`.
    static let world = BoundingBox(west: -180, south: -mercatorLimit, east: 180, north: mercatorLimit)

    /// The middle of `box` at `zoom`.
    static func centre(of box: BoundingBox, zoom: Int) -> MapCentre {
        let middle = box.middle
        return MapCentre(longitude: middle.longitude, latitude: middle.latitude, zoom: zoom)
    }
}
