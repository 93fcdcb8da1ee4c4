/// A GeoJSON position: longitude, latitude and an optional altitude (CRS84).
public struct Position: Sendable, Hashable {
    public var longitude: Double
    public var latitude: Double
    public var altitude: Double?

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
    public var id: FeatureID?
    public var geometry: Geometry?
    public var properties: JSONObject?
    public var bbox: [Double]?
    public var foreignMembers: JSONObject

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
    public var features: [Feature]
    public var bbox: [Double]?
    public var foreignMembers: JSONObject

    public init(features: [Feature] = [], bbox: [Double]? = nil, foreignMembers: JSONObject = JSONObject()) {
        self.features = features
        self.bbox = bbox
        self.foreignMembers = foreignMembers
    }
}
