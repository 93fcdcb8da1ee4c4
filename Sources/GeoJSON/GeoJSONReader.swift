import Foundation

/// Reads RFC 7946 documents (a FeatureCollection or a single Feature) and reports every problem
/// with its JSON Pointer. Features are handed over one at a time as they are read, so a
/// collection of a million features never exists in memory as a whole.
public struct GeoJSONReader: Sendable {
    /// The file name problems are reported under (`FILE` in the contract's problem lines).
    public let file: String
    /// How deep arrays and objects may nest before the document is refused (see `JSONParser`).
    public var maxDepth = JSONParser.defaultMaxDepth
    /// A `features` array of at least this many bytes is read on all cores.
    public var concurrentThreshold = 1 << 22
    /// Features per batch when reading on all cores: bounds the memory a read holds at once.
    public var batchSize = 8192
    /// Told after each batch of a large collection how many of its features have been read, and
    /// how many there are: enough for a progress bar.
    public var progress: (@Sendable (_ read: Int, _ total: Int) -> Void)?
    /// Whether positions are longitude and latitude in degrees (RFC 7946), and checked as such.
    /// A caller that found a legacy `crs` member naming another CRS (`LegacyCRSMember`) turns it
    /// off and checks the positions once it has reprojected them.
    public var degrees = true
    /// Whether a `crs` member on a feature of a collection is a problem at `/features/N/crs`
    /// (the 2008 GeoJSON spec puts `crs` on the top-level object only, and GDAL ignores it on a
    /// feature, so its positions would be misread). Off for a lone Feature read as a collection of
    /// one (an HTTP body), whose `crs` is its top-level one.
    public var refusesFeatureCRS = true

    /// A reader whose problems name `file`.
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
        read(bytes, map: { _, feature in (feature, []) }, deliver: feature)
    }

    /// Reads a document, turning each valid feature into a `T` with `map` (on all cores for a large
    /// collection: `map` must not depend on other features), and handing the results to `deliver` in
    /// document order, with the problems so far. Problems `map` reports are placed after the
    /// feature's own; a feature `map` turns into nil is not delivered.
    public func read<T: Sendable>(
        _ bytes: UnsafeRawBufferPointer,
        map: @escaping @Sendable (Int, Feature) -> (T?, [Problem]),
        deliver: (Int, T, inout [Problem]) -> Void
    ) -> [Problem] {
        read(bytes, direct: nil, map: map, deliver: deliver)
    }

    /// `read(_:map:deliver:)`, offering each feature of a collection to `direct` first (see
    /// `DirectDecoder`); the features it declines take the general path.
    public func read<T: Sendable>(
        _ bytes: UnsafeRawBufferPointer, direct: DirectDecoder<T>?,
        map: @escaping @Sendable (Int, Feature) -> (T?, [Problem]),
        deliver: (Int, T, inout [Problem]) -> Void
    ) -> [Problem] {
        var state = ReadState(reader: self)
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        let outcome = withoutActuallyEscaping(deliver) { deliver in
            Result { () throws(JSONSyntaxError) in
                try readDocument(&parser, &state, FeatureSink(map: map, deliver: deliver, direct: direct))
            }
        }
        do {
            try outcome.get()
        } catch {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: bytes)
            return state.problems + [Problem(file: file, location: .line(line, column: column), message: error.message)]
        }
        return state.problems
    }

    /// Reads a whole document into a collection (a single Feature becomes a collection of one).
    /// The collection is nil when there is any error.
    public func readCollection(_ bytes: UnsafeRawBufferPointer) -> (collection: FeatureCollection?, problems: [Problem]) {
        var features: [Feature] = []
        var foreign = JSONObject()
        var bbox: [Double]?
        var state = ReadState(reader: self)
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        do {
            let sink = FeatureSink<Feature>(map: { _, feature in (feature, []) }, deliver: { _, feature, _ in features.append(feature) })
            try readDocument(&parser, &state, sink)
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
    public func readFile(_ path: String) -> (collection: FeatureCollection?, problems: [Problem]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Problem(file: file, location: .file, message: Self.unreadableMessage(path))])
        }
        return data.withUnsafeBytes { readCollection($0) }
    }

    /// Reads a file feature by feature, as `read(_:map:deliver:)` does.
    public func readFile<T: Sendable>(
        _ path: String, map: @escaping @Sendable (Int, Feature) -> (T?, [Problem]), deliver: (Int, T, inout [Problem]) -> Void
    ) -> [Problem] {
        readFile(path, direct: nil, map: map, deliver: deliver)
    }

    static func unreadableMessage(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return "expected a readable file, found no such file"
        }
        return isDirectory.boolValue ? "expected a readable file, found a directory" : "expected a readable file, found one that cannot be read"
    }

    // MARK: The document

    private func readDocument<T: Sendable>(
        _ parser: inout JSONParser, _ state: inout ReadState, _ sink: FeatureSink<T>
    ) throws(JSONSyntaxError) {
        guard parser.peek() == UInt8(ascii: "{") else {
            let value = try parser.value()
            try parser.end()
            state.problems.append(state.problem("", "expected a FeatureCollection or a Feature, found \(value.kind)"))
            return
        }
        try parser.expect(UInt8(ascii: "{"), "'{'")
        var members: [(key: String, value: JSONValue)] = []
        var names = Set<String>()
        var featureCount: Int?
        var idLiteral: String?
        if !parser.take(UInt8(ascii: "}")) {
            repeat {
                guard parser.peek() == UInt8(ascii: "\"") else { throw parser.error("expected a member name in double quotes") }
                let key = try parser.string()
                try parser.expect(UInt8(ascii: ":"), "':' after a member name")
                let pointer = JSONPointer.appending("", key)
                if !names.insert(key).inserted {
                    state.problems.append(state.problem(pointer, "member \(Problem.quote(key)) appears twice"))
                }
                if key == "features" && parser.peek() == UInt8(ascii: "[") {
                    featureCount = try readFeatures(&parser, &state, sink)
                } else {
                    let value = try parser.memberValue(key, depth: 1)
                    if key == "id" { idLiteral = parser.numericID(depth: 1) }
                    state.problems += state.noted(in: value, at: pointer, parser: &parser)
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
            let read = state.features.read(.object(top), at: "", idLiteral: idLiteral)
            state.take(read, index: 0, sink: sink, mapped: read.feature.map { sink.map(0, $0) })
        case nil:
            state.problems.append(state.problem("", "expected a \"type\" member, found none"))
        case let type?:
            state.problems.append(state.problem("/type", "expected \"FeatureCollection\" or \"Feature\", found \(type.quoted)"))
        }
    }

    /// Reads the `features` array; returns how many elements it had.
    private func readFeatures<T: Sendable>(
        _ parser: inout JSONParser, _ state: inout ReadState, _ sink: FeatureSink<T>
    ) throws(JSONSyntaxError) -> Int {
        try parser.expect(UInt8(ascii: "["), "'['")
        if parser.take(UInt8(ascii: "]")) { return 0 }
        var index = 0
        if parser.bytes.count - parser.offset >= concurrentThreshold {
            switch try readConcurrently(from: parser.offset, parser.bytes, &state, sink) {
            case .read(let end, let count):
                parser.offset = end
                return count
            case .rest(let offset, let first):
                parser.offset = offset
                index = first
            }
        }
        repeat {
            if let direct = sink.direct,
               let read = Self.directElement(direct, parser.bytes, from: parser.offset, index: index, maxDepth: maxDepth)
            {
                parser.offset = read.end
                state.take(Self.directResult(index: index, id: read.id), index: index, sink: sink, mapped: (read.value, []))
                index += 1
                continue
            }
            let value = try parser.value(depth: 2)
            let pointer = "/features/" + String(index)
            let idLiteral = parser.numericID(depth: Self.featureDepth)
            state.problems += state.noted(in: value, at: pointer, parser: &parser)
            let read = state.features.read(value, at: pointer, idLiteral: idLiteral)
            state.take(read, index: index, sink: sink, mapped: read.feature.map { sink.map(index, $0) })
            index += 1
        } while parser.take(UInt8(ascii: ","))
        try parser.expect(UInt8(ascii: "]"), "',' or ']' after an array element")
        return index
    }

    /// The parser's depth of a Feature object in the `features` array.
    static let featureDepth = 3

    static func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (Int, Int) {
        var line = 1, lineStart = 0
        for index in 0 ..< min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
