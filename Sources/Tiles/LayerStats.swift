import GeoJSON

/// What a layer holds across every tile, for TileJSON's `vector_layers` and MBTiles' tilestats
/// (mapbox-geostats' form): each attribute's type, distinct values (the first 100, sorted) and
/// numeric range.
public struct LayerStats: Sendable {
    /// The layer's name in the tiles (`projects`, `regions`).
    public let id: String
    /// What the layer holds, for TileJSON's `description`.
    public let description: String
    /// The geometry type for tilestats: `Point` or `Polygon`.
    public let geometry: String
    /// The lowest and highest zoom recorded (Int.max and Int.min until a feature is).
    public var minZoom = Int.max, maxZoom = Int.min
    /// How many features were recorded, each tile's copy counted.
    public private(set) var featureCount = 0
    private var attributes: [String: Attribute] = [:]

    struct Attribute: Sendable {
        var types: Set<String> = []
        var values: Set<TileValue> = []
        var distinct = 0
        var min = Double.infinity, max = -Double.infinity
    }

    /// An empty layer description.
    public init(id: String, description: String, geometry: String) {
        (self.id, self.description, self.geometry) = (id, description, geometry)
    }

    /// Counts one feature at `zoom` with its properties: each attribute's type, its range when
    /// a number, and up to 1,000 of its distinct values.
    public mutating func record(zoom: Int, properties: [(String, TileValue)]) {
        minZoom = Swift.min(minZoom, zoom)
        maxZoom = Swift.max(maxZoom, zoom)
        featureCount += 1
        for (key, value) in properties {
            var attribute = attributes[key, default: Attribute()]
            switch value {
            case .string: attribute.types.insert("string")
            case .double(let d): attribute.types.insert("number"); attribute.min = Swift.min(attribute.min, d); attribute.max = Swift.max(attribute.max, d)
            case .int(let n): attribute.types.insert("number"); attribute.min = Swift.min(attribute.min, Double(n)); attribute.max = Swift.max(attribute.max, Double(n))
            case .bool: attribute.types.insert("boolean")
            }
            if attribute.values.count < 1000 { attribute.values.insert(value) }
            attributes[key] = attribute
        }
    }

    private func type(_ attribute: Attribute) -> String {
        attribute.types.count == 1 ? attribute.types.first! : "mixed"
    }

    /// TileJSON 3.0.0's entry: id, fields (name → type, as TileJSON describes them), zooms, description.
    public var vectorLayer: JSONValue {
        let fields = attributes.keys.sorted().map { key in
            (key: key, value: JSONValue.string(["string": "String", "number": "Number", "boolean": "Boolean"][type(attributes[key]!)] ?? "Mixed"))
        }
        return .object(JSONObject([
            ("id", .string(id)), ("description", .string(description)), ("fields", .object(JSONObject(fields))),
            ("minzoom", .number(Double(featureCount == 0 ? 0 : minZoom))), ("maxzoom", .number(Double(featureCount == 0 ? 0 : maxZoom))),
        ]))
    }

    /// The layer's entry in mapbox-geostats' `tilestats`: each attribute's count of distinct
    /// values, type, the first 100 values in order, and range.
    public var tilestats: JSONValue {
        let list = attributes.keys.sorted().map { key -> JSONValue in
            let attribute = attributes[key]!
            let values = attribute.values.map(Self.json).sorted { Self.order($0, $1) }.prefix(100)
            var members: [(key: String, value: JSONValue)] = [
                ("attribute", .string(key)), ("count", .number(Double(attribute.values.count))),
                ("type", .string(type(attribute))), ("values", .array(Array(values))),
            ]
            if attribute.min <= attribute.max {
                members += [("min", .number(attribute.min)), ("max", .number(attribute.max))]
            }
            return .object(JSONObject(members))
        }
        return .object(JSONObject([
            ("layer", .string(id)), ("count", .number(Double(featureCount))), ("geometry", .string(geometry)),
            ("attributeCount", .number(Double(list.count))), ("attributes", .array(list)),
        ]))
    }

    static func json(_ value: TileValue) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .double(let d): .number(d)
        case .int(let n): .number(Double(n))
        case .bool(let b): .bool(b)
        }
    }

    static func order(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.string(let x), .string(let y)): x < y
        case (.bool(let x), .bool(let y)): !x && y
        default: GeoJSONWriter().write(a) < GeoJSONWriter().write(b)
        }
    }
}

/// TileJSON 3.0.0 for a vector tileset.
public struct TileJSON: Sendable {
    /// The tile URL templates, `{z}/{x}/{y}` (XYZ scheme).
    public var tiles: [String]
    /// The layers, in the order `vector_layers` lists them.
    public var layers: [LayerStats]
    /// The tileset's name, description, version and attribution (TileJSON's members of those names).
    public var name: String, description: String, version: String, attribution: String
    /// The lowest and highest zoom of the tiles.
    public var minZoom: Int, maxZoom: Int
    /// The tiles' box in degrees (CRS84).
    public var bounds: BoundingBox
    /// Where a viewer opens.
    public var center: MapCentre

    /// A TileJSON from its members.
    public init(tiles: [String], layers: [LayerStats], name: String, description: String, version: String, attribution: String,
                minZoom: Int, maxZoom: Int, bounds: BoundingBox, center: MapCentre) {
        (self.tiles, self.layers, self.name, self.description, self.version, self.attribution) = (tiles, layers, name, description, version, attribution)
        (self.minZoom, self.maxZoom, self.bounds, self.center) = (minZoom, maxZoom, bounds, center)
    }

    /// The TileJSON 3.0.0 document, members in a fixed order.
    public var json: JSONValue {
        .object(JSONObject([
            ("tilejson", .string("3.0.0")),
            ("name", .string(name)),
            ("description", .string(description)),
            ("version", .string(version)),
            ("attribution", .string(attribution)),
            ("scheme", .string("xyz")),
            ("tiles", .array(tiles.map(JSONValue.string))),
            ("minzoom", .number(Double(minZoom))),
            ("maxzoom", .number(Double(maxZoom))),
            ("bounds", .array(bounds.degrees.map(JSONValue.number))),
            ("center", .array(center.numbers.map(JSONValue.number))),
            ("vector_layers", .array(layers.map(\.vectorLayer))),
        ]))
    }

    /// MBTiles' `json` metadata value: the layers and their statistics.
    public var mbtilesJSON: JSONValue {
        .object(JSONObject([
            ("vector_layers", .array(layers.map(\.vectorLayer))),
            ("tilestats", .object(JSONObject([("layerCount", .number(Double(layers.count))), ("layers", .array(layers.map(\.tilestats)))]))),
        ]))
    }

    /// MBTiles 1.3's metadata rows.
    public var mbtilesMetadata: [(String, String)] {
        let writer = GeoJSONWriter()
        func number(_ d: Double) -> String { writer.write(.number(d)) }
        return [
            ("name", name), ("format", "pbf"), ("type", "overlay"), ("version", version), ("description", description),
            ("attribution", attribution), ("minzoom", String(minZoom)), ("maxzoom", String(maxZoom)),
            ("bounds", bounds.degrees.map(number).joined(separator: ",")),
            ("center", "\(number(center.longitude)),\(number(center.latitude)),\(center.zoom)"),
            ("json", writer.write(mbtilesJSON)),
        ]
    }

    /// PMTiles' metadata JSON: the same layers and names.
    public var pmtilesMetadata: String {
        GeoJSONWriter().write(.object(JSONObject([
            ("name", .string(name)), ("description", .string(description)), ("version", .string(version)),
            ("attribution", .string(attribution)), ("type", .string("overlay")),
            ("vector_layers", .array(layers.map(\.vectorLayer))),
            ("tilestats", .object(JSONObject([("layerCount", .number(Double(layers.count))), ("layers", .array(layers.map(\.tilestats)))]))),
        ])))
    }
}
