import GeoJSON
import Regions

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
