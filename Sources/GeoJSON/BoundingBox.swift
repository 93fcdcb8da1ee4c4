/// A longitude/latitude box in degrees (CRS84); `west > east` means it crosses the antimeridian.
///
/// Written as a JSON array in the order RFC 7946 §5 and TileJSON 3.0.0's `bounds` use:
/// west, south, east, north.
public struct BoundingBox: Sendable, Hashable {
    /// The western edge, degrees of longitude.
    public var west: Double
    /// The southern edge, degrees of latitude.
    public var south: Double
    /// The eastern edge, degrees of longitude.
    public var east: Double
    /// The northern edge, degrees of latitude.
    public var north: Double

    /// A box from its edges in degrees: longitudes in -180...180, latitudes in -90...90, `south <= north`.
    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// Whether the box crosses the antimeridian (`west > east`).
    public var crossesAntimeridian: Bool { west > east }

    /// Whether `p` lies in the box, edges included.
    public func contains(_ p: Position) -> Bool {
        guard p.latitude >= south && p.latitude <= north else { return false }
        return crossesAntimeridian
            ? p.longitude >= west || p.longitude <= east
            : p.longitude >= west && p.longitude <= east
    }

    /// The four numbers west, south, east, north, as RFC 7946 §5 and TileJSON's `bounds` write them.
    public var degrees: [Double] { [west, south, east, north] }

    /// The point halfway between the edges, in degrees (no antimeridian handling).
    public var middle: Position { Position(longitude: (west + east) / 2, latitude: (south + north) / 2) }
}

/// Where a map opens: TileJSON 3.0.0's `center` and the PMTiles v3 header's centre.
public struct MapCentre: Sendable, Hashable {
    /// Degrees of longitude (CRS84).
    public var longitude: Double
    /// Degrees of latitude (CRS84).
    public var latitude: Double
    /// The Web Mercator zoom level.
    public var zoom: Int

    /// A centre from its longitude and latitude in degrees and its zoom level.
    public init(longitude: Double, latitude: Double, zoom: Int) {
        (self.longitude, self.latitude, self.zoom) = (longitude, latitude, zoom)
    }

    /// The three numbers longitude, latitude, zoom, as TileJSON's `center` writes them.
    public var numbers: [Double] { [longitude, latitude, Double(zoom)] }
}
