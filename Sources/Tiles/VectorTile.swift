/// A property value as a vector tile holds it.
public enum TileValue: Sendable, Hashable {
    case string(String)
    case double(Double)
    case int(Int64)
    case bool(Bool)
}

/// A point in tile coordinates: 0 ... extent across the tile, y down; a buffer lies outside.
public struct TilePoint: Sendable, Hashable {
    /// Tile coordinates (see the type).
    public var x: Int32, y: Int32

    /// A point from its tile coordinates.
    public init(x: Int32, y: Int32) {
        (self.x, self.y) = (x, y)
    }
}

/// A feature's geometry in tile coordinates (MVT 2.1, §4.3).
public enum TileGeometry: Sendable, Hashable {
    case point(TilePoint)
    /// Rings without their closing point: each exterior (positive area in tile coordinates,
    /// clockwise on screen) followed by its holes (negative area).
    case polygon([[TilePoint]])
}

/// One layer of a Mapbox Vector Tile (MVT 2.1): its features, with keys and values shared.
public struct VectorTileLayer: Sendable {
    /// The layer's name, unique in a tile.
    public let name: String
    /// Tile coordinates across the tile (MVT's `extent`; 4096 by default).
    public let extent: Int
    private var keys: [String] = [], keyIndex: [String: UInt32] = [:]
    private var values: [TileValue] = [], valueIndex: [TileValue: UInt32] = [:]
    private var features: [[UInt8]] = []

    /// An empty layer named `name`, `extent` tile coordinates across.
    public init(name: String, extent: Int = 4096) {
        self.name = name
        self.extent = extent
    }

    /// Whether the layer has no feature (an empty layer is left out of a tile).
    public var isEmpty: Bool { features.isEmpty }
    /// How many features the layer has.
    public var count: Int { features.count }

    /// Adds a feature (MVT 2.1 §4.2): its id when given, its geometry as commands, and its
    /// properties as indices into the layer's keys and values, each key and value stored once.
    public mutating func add(id: UInt64? = nil, geometry: TileGeometry, properties: [(String, TileValue)]) {
        var feature = ProtobufWriter()
        if let id { feature.uint(1, id) }
        var tags: [UInt32] = []
        for (key, value) in properties {
            tags.append(index(of: key))
            tags.append(index(of: value))
        }
        feature.packed(2, tags)
        switch geometry {
        case .point(let p):
            feature.uint(3, 1)
            feature.packed(4, [Self.command(1, count: 1), ProtobufWriter.zigzag(p.x), ProtobufWriter.zigzag(p.y)])
        case .polygon(let rings):
            feature.uint(3, 3)
            var commands: [UInt32] = []
            var cursor = TilePoint(x: 0, y: 0)
            func moveCursor(to p: TilePoint) {
                commands.append(ProtobufWriter.zigzag(p.x &- cursor.x))
                commands.append(ProtobufWriter.zigzag(p.y &- cursor.y))
                cursor = p
            }
            for ring in rings where ring.count >= 3 {
                commands.append(Self.command(1, count: 1))
                moveCursor(to: ring[0])
                commands.append(Self.command(2, count: ring.count - 1))
                for p in ring.dropFirst() { moveCursor(to: p) }
                commands.append(Self.command(7, count: 1))
            }
            feature.packed(4, commands)
        }
        features.append(feature.bytes)
    }

    private static func command(_ id: UInt32, count: Int) -> UInt32 { id & 7 | UInt32(count) << 3 }

    private mutating func index(of key: String) -> UInt32 {
        if let i = keyIndex[key] { return i }
        let i = UInt32(keys.count)
        keys.append(key)
        keyIndex[key] = i
        return i
    }

    private mutating func index(of value: TileValue) -> UInt32 {
        if let i = valueIndex[value] { return i }
        let i = UInt32(values.count)
        values.append(value)
        valueIndex[value] = i
        return i
    }

    var encoded: [UInt8] {
        var layer = ProtobufWriter()
        layer.uint(15, 2)
        layer.string(1, name)
        for feature in features { layer.bytes(2, feature) }
        for key in keys { layer.string(3, key) }
        for value in values {
            var v = ProtobufWriter()
            switch value {
            case .string(let s): v.string(1, s)
            case .double(let d): v.double(3, d)
            case .int(let n) where n >= 0: v.uint(5, UInt64(n))
            case .int(let n): v.uint(6, ProtobufWriter.zigzag(n))
            case .bool(let b): v.uint(7, b ? 1 : 0)
            }
            layer.bytes(4, v.bytes)
        }
        layer.uint(5, UInt64(extent))
        return layer.bytes
    }
}

/// A vector tile: its non-empty layers, in the order given.
public enum VectorTile {
    /// The tile's Protocol Buffers bytes (MVT 2.1): the non-empty layers, in order, uncompressed.
    public static func encode(_ layers: [VectorTileLayer]) -> [UInt8] {
        var tile = ProtobufWriter()
        for layer in layers where !layer.isEmpty { tile.bytes(3, layer.encoded) }
        return tile.bytes
    }
}
