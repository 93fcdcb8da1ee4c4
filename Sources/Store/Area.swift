import GeoJSON
import Regions

/// A longitude/latitude box; `west > east` means it crosses the antimeridian.
public struct BoundingBox: Sendable, Hashable {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    public var crossesAntimeridian: Bool { west > east }

    public func contains(_ p: Position) -> Bool {
        guard p.latitude >= south && p.latitude <= north else { return false }
        return crossesAntimeridian
            ? p.longitude >= west || p.longitude <= east
            : p.longitude >= west && p.longitude <= east
    }
}

/// Where to look: one type for every way users name an area (docs/ARCHITECTURE.md, "How data flows").
public enum Area: Sendable, Hashable {
    case bbox(BoundingBox)
    /// Great-circle distance from the centre, in km.
    case circle(center: Position, radiusKm: Double)
    /// A country by ISO 3166-1 alpha-2 code.
    case country(String)
    /// A UN M49 region, sub-region or intermediate region.
    case region(M49Area)
    /// A Polygon or MultiPolygon (CRS84), already checked valid.
    case polygon(Geometry)
}
