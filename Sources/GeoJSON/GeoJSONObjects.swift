/// A GeoJSON position: longitude, latitude and an optional altitude (CRS84).
public struct Position: Sendable, Hashable {
    /// Degrees east (CRS84), or the easting of a position still in another CRS.
    public var longitude: Double
    /// Degrees north (CRS84), or the northing of a position still in another CRS.
    public var latitude: Double
    /// The third number of the position when it has one (RFC 7946 §3.1.1: height in metres), kept as read.
    public var altitude: Double?

    /// A position from its longitude and latitude in degrees, and its altitude if any.
    public init(longitude: Double, latitude: Double, altitude: Double? = nil) {
        self.longitude = longitude
        self.latitude = latitude
        self.altitude = altitude
    }
}

/// An RFC 7946 geometry.
public indirect enum Geometry: Sendable, Hashable {
    case point(Position)
    case multiPoint([Position])
    case lineString([Position])
    case multiLineString([[Position]])
    case polygon([[Position]])
    case multiPolygon([[[Position]]])
    case geometryCollection([Geometry])

    /// The `type` member as RFC 7946 spells it.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }
}

extension Geometry {
    /// The polygonal geometry of `parts` (RFC 7946 §3.1.6–7): a Polygon when there is one part, a
    /// MultiPolygon when there are several. Each part is its rings, exterior first, of positions.
    public static func polygonal(_ parts: [[[Position]]]) -> Geometry {
        parts.count == 1 ? .polygon(parts[0]) : .multiPolygon(parts)
    }
}

/// A feature id: RFC 7946 allows a string or a number.
public enum FeatureID: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    /// A number, as its plain decimal text (`7`, not `7.0`; `1000` for `1e3`), exact at any size.
    case number(String)

    /// The id as a string; a number is its decimal text.
    public var description: String {
        switch self {
        case .string(let string): return string
        case .number(let decimal): return decimal
        }
    }
}

/// An RFC 7946 Feature. Members other than the standard ones are kept in `foreignMembers`.
public struct Feature: Sendable, Hashable {
    /// The feature's `id` member (RFC 7946 §3.2), nil when it has none.
    public var id: FeatureID?
    /// The geometry; nil for `"geometry": null`.
    public var geometry: Geometry?
    /// The `properties` object, in member order; nil for `"properties": null`.
    public var properties: JSONObject?
    /// The `bbox` member (RFC 7946 §5): 2 × n numbers for n dimensions, all minima then all
    /// maxima (west, south, east, north for a 2-D box in degrees).
    public var bbox: [Double]?
    /// Members RFC 7946 does not define (§6.1), in order, written back as read.
    public var foreignMembers: JSONObject

    /// A feature from its members.
    public init(
        id: FeatureID? = nil, geometry: Geometry? = nil, properties: JSONObject? = nil,
        bbox: [Double]? = nil, foreignMembers: JSONObject = JSONObject()
    ) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
        self.bbox = bbox
        self.foreignMembers = foreignMembers
    }
}

/// An RFC 7946 FeatureCollection.
public struct FeatureCollection: Sendable, Hashable {
    /// The features, in document order.
    public var features: [Feature]
    /// The collection's `bbox` member (RFC 7946 §5): all minima then all maxima.
    public var bbox: [Double]?
    /// Members RFC 7946 does not define (§6.1), in order, such as a legacy `crs` or OGC API's `numberMatched`.
    public var foreignMembers: JSONObject

    /// A collection from its members.
    public init(features: [Feature] = [], bbox: [Double]? = nil, foreignMembers: JSONObject = JSONObject()) {
        self.features = features
        self.bbox = bbox
        self.foreignMembers = foreignMembers
    }
}
