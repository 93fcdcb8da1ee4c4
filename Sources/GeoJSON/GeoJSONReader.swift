import Foundation

/// Reads RFC 7946 documents (a FeatureCollection or a single Feature) and reports every problem
/// with its JSON Pointer. Features are handed over one at a time as they are read, so a
/// collection of a million features never exists in memory as a whole.
public struct GeoJSONReader: Sendable {
    public let file: String
    public var maxDepth = JSONParser.defaultMaxDepth

    public init(file: String) {
        self.file = file
    }

    /// Reads a document, calling `feature` with the index and value of every valid feature in order.
    /// Returns every problem found, errors and warnings, in document order.
    public func read(_ bytes: UnsafeRawBufferPointer, feature: (Int, Feature) -> Void) -> [Problem] {
        read(bytes) { index, value, _ in feature(index, value) }
    }

    /// `read`, letting the caller add its own problems about each feature where they belong in
    /// document order: the callback gets the list so far.
    public func read(_ bytes: UnsafeRawBufferPointer, feature: (Int, Feature, inout [Problem]) -> Void) -> [Problem] {
        var state = ReadState(reader: self)
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        do {
            try readDocument(&parser, &state, feature)
        } catch {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: bytes)
            return state.problems + [Problem(file: file, location: .line(line, column: column), message: error.message)]
        }
        return state.problems
    }

    /// Reads a whole document into a collection (a single Feature becomes a collection of one).
    /// The collection is nil when there is any error.
    public func readCollection(_ bytes: UnsafeRawBufferPointer) -> (FeatureCollection?, [Problem]) {
        var features: [Feature] = []
        var foreign = JSONObject()
        var bbox: [Double]?
        var state = ReadState(reader: self)
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        do {
            try readDocument(&parser, &state) { _, feature, _ in features.append(feature) }
            foreign = state.foreignMembers
            bbox = state.bbox
        } catch {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: bytes)
            return (nil, state.problems + [Problem(file: file, location: .line(line, column: column), message: error.message)])
        }
        guard state.problems.allSatisfy(\.isWarning) else { return (nil, state.problems) }
        return (FeatureCollection(features: features, bbox: bbox, foreignMembers: foreign), state.problems)
    }

    /// Reads a file; a missing or unreadable file is one problem naming it.
    public func readFile(_ path: String) -> (FeatureCollection?, [Problem]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Problem(file: file, location: .file, message: Self.unreadableMessage(path))])
        }
        return data.withUnsafeBytes { readCollection($0) }
    }

    /// Reads a file feature by feature.
    public func readFile(_ path: String, feature: (Int, Feature, inout [Problem]) -> Void) -> [Problem] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return [Problem(file: file, location: .file, message: Self.unreadableMessage(path))]
        }
        return data.withUnsafeBytes { read($0, feature: feature) }
    }

    static func unreadableMessage(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return "expected a readable file, found no such file"
        }
        return isDirectory.boolValue ? "expected a readable file, found a directory" : "expected a readable file, found one that cannot be read"
    }

    /// Validates a geometry given as JSON (an area, a request body), with pointers under `pointer`.
    public func geometry(_ value: JSONValue, at pointer: String = "") -> (Geometry?, [Problem]) {
        var problems: [Problem] = []
        let geometry = GeometryReader(file: file).geometry(value, at: pointer, into: &problems)
        return (geometry, problems)
    }

    // MARK: The document

    private func readDocument(
        _ parser: inout JSONParser, _ state: inout ReadState, _ feature: (Int, Feature, inout [Problem]) -> Void
    ) throws(JSONSyntaxError) {
        guard parser.peek() == UInt8(ascii: "{") else {
            let value = try parser.value()
            try parser.end()
            state.problems.append(state.problem("", "expected a FeatureCollection or a Feature, found \(value.kind)"))
            return
        }
        try parser.expect(UInt8(ascii: "{"), "'{'")
        var members: [(key: String, value: JSONValue)] = []
        var featureCount: Int?
        if !parser.take(UInt8(ascii: "}")) {
            repeat {
                guard parser.peek() == UInt8(ascii: "\"") else { throw parser.error("expected a member name in double quotes") }
                let key = try parser.string()
                try parser.expect(UInt8(ascii: ":"), "':' after a member name")
                if key == "features" && parser.peek() == UInt8(ascii: "[") {
                    featureCount = try readFeatures(&parser, &state, feature)
                } else {
                    let value = try parser.value(depth: 1)
                    state.reportOverflows(in: value, at: "/" + JSONPointer.escape(key), parser: parser)
                    members.append((key, value))
                }
            } while parser.take(UInt8(ascii: ","))
            try parser.expect(UInt8(ascii: "}"), "',' or '}' after an object member")
        }
        try parser.end()

        let top = JSONObject(members)
        switch top["type"] {
        case .string("FeatureCollection"):
            if featureCount == nil {
                state.problems.append(state.problem(
                    "", top["features"].map { "expected \"features\" to be an array, found \($0.kind)" }
                        ?? "expected a \"features\" member, found none"))
            }
            state.bbox = top["bbox"].flatMap { state.geometries.bbox($0, at: "/bbox", into: &state.problems) }
            state.foreignMembers = JSONObject(members.filter { !["type", "bbox", "features"].contains($0.key) })
        case .string("Feature") where featureCount == nil:
            if let single = state.feature(.object(top), at: "") { feature(0, single, &state.problems) }
        case nil:
            state.problems.append(state.problem("", "expected a \"type\" member, found none"))
        case let type?:
            state.problems.append(state.problem("/type", "expected \"FeatureCollection\" or \"Feature\", found \(type.quoted)"))
        }
    }

    /// Reads the `features` array element by element; returns how many there were.
    private func readFeatures(
        _ parser: inout JSONParser, _ state: inout ReadState, _ feature: (Int, Feature, inout [Problem]) -> Void
    ) throws(JSONSyntaxError) -> Int {
        try parser.expect(UInt8(ascii: "["), "'['")
        var index = 0
        if parser.take(UInt8(ascii: "]")) { return 0 }
        repeat {
            let value = try parser.value(depth: 2)
            let pointer = "/features/" + String(index)
            state.reportOverflows(in: value, at: pointer, parser: parser)
            if let valid = state.feature(value, at: pointer) { feature(index, valid, &state.problems) }
            index += 1
        } while parser.take(UInt8(ascii: ","))
        try parser.expect(UInt8(ascii: "]"), "',' or ']' after an array element")
        return index
    }

    static func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (Int, Int) {
        var line = 1, lineStart = 0
        for index in 0 ..< min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}

/// What a read collects as it goes.
private struct ReadState {
    let reader: GeoJSONReader
    let geometries: GeometryReader
    var problems: [Problem] = []
    var bbox: [Double]?
    var foreignMembers = JSONObject()
    /// First pointer of each id, to report duplicates.
    var ids: [String: String] = [:]
    /// How many of the parser's overflowed numbers have been reported.
    var overflowsReported = 0

    init(reader: GeoJSONReader) {
        self.reader = reader
        geometries = GeometryReader(file: reader.file)
    }

    func problem(_ pointer: String, _ message: String) -> Problem {
        Problem(file: reader.file, location: .pointer(pointer), message: message)
    }

    /// Names each number of `value` that overflowed a Double, with its pointer.
    mutating func reportOverflows(in value: JSONValue, at pointer: String, parser: borrowing JSONParser) {
        guard parser.overflows.count > overflowsReported else { return }
        func walk(_ value: JSONValue, _ pointer: String) {
            switch value {
            case .number(let x) where x.isInfinite:
                let literal = overflowsReported < parser.overflows.count ? parser.overflows[overflowsReported] : JSONNumber.format(x)
                overflowsReported += 1
                problems.append(problem(pointer, "expected a number within the range of a 64-bit float, found \(literal)"))
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, pointer + "/" + String(index)) }
            case .object(let object):
                for member in object { walk(member.value, pointer + "/" + JSONPointer.escape(member.key)) }
            default:
                break
            }
        }
        walk(value, pointer)
    }

    mutating func feature(_ value: JSONValue, at pointer: String) -> Feature? {
        guard case .object(let object) = value else {
            problems.append(problem(pointer, "expected a Feature object, found \(value.kind)"))
            return nil
        }
        let before = problems.count
        switch object["type"] {
        case .string("Feature"): break
        case nil: problems.append(problem(pointer, "expected a \"type\" member, found none"))
        case let type?: problems.append(problem(pointer + "/type", "expected \"Feature\", found \(type.quoted)"))
        }
        var feature = Feature()
        switch object["id"] {
        case nil: break
        case .string(let id)?: feature.id = .string(id)
        case .number(let id)? where id.isFinite: feature.id = .number(id)
        case .number?: break  // an overflow, already reported
        case let other?: problems.append(problem(pointer + "/id", "expected a string or a number, found \(other.kind)"))
        }
        if let id = feature.id {
            let key = id.description
            if let first = ids[key] {
                problems.append(problem(pointer + "/id", "expected a unique id, found \(id.quotedForMessage) again (first at \(first))"))
            } else {
                ids[key] = pointer + "/id"
            }
        }
        switch object["geometry"] {
        case nil: problems.append(problem(pointer, "expected a \"geometry\" member (an object or null), found none"))
        case .null?: break
        case let geometry?: feature.geometry = geometries.geometry(geometry, at: pointer + "/geometry", into: &problems)
        }
        switch object["properties"] {
        case nil: problems.append(problem(pointer, "expected a \"properties\" member (an object or null), found none"))
        case .null?: break
        case .object(let properties)?: feature.properties = properties
        case let other?: problems.append(problem(pointer + "/properties", "expected an object or null, found \(other.kind)"))
        }
        if let bbox = object["bbox"] {
            feature.bbox = geometries.bbox(bbox, at: pointer + "/bbox", into: &problems)
        }
        feature.foreignMembers = JSONObject(object.members.filter {
            !["type", "id", "geometry", "properties", "bbox"].contains($0.key)
        })
        return problems.count == before ? feature : nil
    }
}

extension FeatureID {
    /// The id as a message quotes it: strings in quotes, numbers bare.
    var quotedForMessage: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .number: description
        }
    }
}
