import GeoJSON
import Regions

extension Site {
    /// The box that TileJSON, MBTiles and PMTiles advertise: it covers every layer's data, the
    /// public positions of the `projects` layer and, when the pyramid has a `regions` layer
    /// (`minZoom` ≤ `regionsMaxZoom`), every country boundary, cut at Web Mercator's latitude
    /// limit. West, south, east, north in degrees; the world when there is nothing.
    /// - Returns: the box and its centre at `minZoom` (longitude, latitude, zoom).
    public static func tileExtent(_ clusters: ProjectClusters, boundaries: [CountryBoundary], options: TileOptions)
        -> ([Double], (Double, Double, Int))
    {
        var west = Double.infinity, south = Double.infinity, east = -Double.infinity, north = -Double.infinity
        func add(_ p: Position) {
            (west, south, east, north) = (min(west, p.longitude), min(south, p.latitude), max(east, p.longitude), max(north, p.latitude))
        }
        for project in clusters.projects { if let p = project.position { add(p) } }
        if options.minZoom <= options.regionsMaxZoom {
            for boundary in boundaries { for polygon in boundary.parts { for ring in polygon { ring.forEach(add) } } }
        }
        guard west <= east else { return ([-180, -mercatorLimit, 180, mercatorLimit], (0, 0, options.minZoom)) }
        let bounds = [west, max(-mercatorLimit, south), east, min(mercatorLimit, north)]
        return (bounds, ((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, options.minZoom))
    }

    /// Web Mercator's latitude limit in degrees rounded to six places, as MBTiles writes it: 85.051129.
    static let mercatorLimit = (WebMercator.maxLatitude * 1e6).rounded() / 1e6
}
