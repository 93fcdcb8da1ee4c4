/// Writes GeoJSON and JSON compactly and deterministically: the same value, the same bytes.
///
/// A collection is written one feature per line, so that files diff well and stream:
/// `{"type":"FeatureCollection","features":[` newline, features joined by `,` newline, `]}` newline.
public struct GeoJSONWriter: Sendable {
    /// Decimals kept in coordinates; nil keeps every digit (shortest round-trip form).
    public var precision: Int?

    /// A writer keeping `precision` decimals in coordinates (nil: every digit).
    public init(precision: Int? = nil) {
        self.precision = precision
    }

    /// The collection as text, one feature per line (see the type), ending with a newline:
    /// `type`, the foreign members, `bbox`, then `features`.
    public func write(_ collection: FeatureCollection) -> String {
        var out = "{\"type\":\"FeatureCollection\""
        for member in collection.foreignMembers where !["type", "features", "bbox"].contains(member.key) {
            out += ","
            Self.string(member.key, into: &out)
            out += ":"
            value(member.value, into: &out)
        }
        if let bbox = collection.bbox {
            out += ",\"bbox\":"
            numbers(bbox, into: &out)
        }
        guard !collection.features.isEmpty else { return out + ",\"features\":[]}\n" }
        out += ",\"features\":[\n"
        for (index, feature) in collection.features.enumerated() {
            if index > 0 { out += ",\n" }
            write(feature, into: &out)
        }
        return out + "\n]}\n"
    }

    /// The feature as one line of compact JSON: `type`, `id`, `geometry`, `properties`, `bbox`, then foreign members.
    public func write(_ feature: Feature) -> String {
        var out = ""
        write(feature, into: &out)
        return out
    }

    /// The geometry as compact JSON (RFC 7946 §3.1).
    public func write(_ geometry: Geometry) -> String {
        var out = ""
        write(geometry, into: &out)
        return out
    }

    /// Any JSON value as compact JSON (RFC 8259): members in order, numbers as `JSONNumber.format` writes them.
    public func write(_ json: JSONValue) -> String {
        var out = ""
        value(json, into: &out)
        return out
    }

    /// Appends the feature to `out`, as `write(_:)` writes it.
    public func write(_ feature: Feature, into out: inout String) {
        out += "{\"type\":\"Feature\""
        switch feature.id {
        case .string(let id)?: out += ",\"id\":"; Self.string(id, into: &out)
        case .number(let decimal)?: out += ",\"id\":" + decimal
        case nil: break
        }
        out += ",\"geometry\":"
        if let geometry = feature.geometry { write(geometry, into: &out) } else { out += "null" }
        out += ",\"properties\":"
        if let properties = feature.properties { object(properties, into: &out) } else { out += "null" }
        if let bbox = feature.bbox {
            out += ",\"bbox\":"
            numbers(bbox, into: &out)
        }
        for member in feature.foreignMembers {
            out += ","
            Self.string(member.key, into: &out)
            out += ":"
            value(member.value, into: &out)
        }
        out += "}"
    }

    /// Appends the geometry to `out`, as `write(_:)` writes it.
    public func write(_ geometry: Geometry, into out: inout String) {
        out += "{\"type\":\"" + geometry.typeName + "\","
        switch geometry {
        case .point(let p): out += "\"coordinates\":"; position(p, into: &out)
        case .multiPoint(let ps), .lineString(let ps): out += "\"coordinates\":"; positions(ps, into: &out)
        case .multiLineString(let lines), .polygon(let lines): out += "\"coordinates\":"; list(lines, into: &out, positions)
        case .multiPolygon(let polygons):
            out += "\"coordinates\":"
            list(polygons, into: &out) { rings, out in list(rings, into: &out, positions) }
        case .geometryCollection(let geometries):
            out += "\"geometries\":"
            list(geometries, into: &out) { geometry, out in write(geometry, into: &out) }
        }
        out += "}"
    }

    private func list<T>(_ items: [T], into out: inout String, _ element: (T, inout String) -> Void) {
        out += "["
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            element(item, &out)
        }
        out += "]"
    }

    private func positions(_ items: [Position], into out: inout String) {
        list(items, into: &out, position)
    }

    private func position(_ p: Position, into out: inout String) {
        out += "[" + coordinate(p.longitude) + "," + coordinate(p.latitude)
        if let altitude = p.altitude { out += "," + coordinate(altitude) }
        out += "]"
    }

    private func coordinate(_ x: Double) -> String {
        precision.map { JSONNumber.format(x, maxFractionDigits: $0) } ?? JSONNumber.format(x)
    }

    private func numbers(_ items: [Double], into out: inout String) {
        list(items, into: &out) { x, out in out += coordinate(x) }
    }

    func value(_ json: JSONValue, into out: inout String) {
        switch json {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let x): out += JSONNumber.format(x)
        case .string(let text): Self.string(text, into: &out)
        case .array(let items): list(items, into: &out, value)
        case .object(let members): object(members, into: &out)
        }
    }

    private func object(_ members: JSONObject, into out: inout String) {
        out += "{"
        for (index, member) in members.enumerated() {
            if index > 0 { out += "," }
            Self.string(member.key, into: &out)
            out += ":"
            value(member.value, into: &out)
        }
        out += "}"
    }

    /// Appends `text` as a JSON string (RFC 8259 §7), escaping only what JSON requires: quote,
    /// backslash and control characters.
    public static func string(_ text: String, into out: inout String) {
        out += "\""
        // Native strings are contiguous UTF-8: scanned as a buffer, not through the view's iterator.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        } ?? !text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        if plain {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
