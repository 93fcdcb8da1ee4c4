/// What one `GeoJSONReader` read keeps as it goes, and what its workers hand back.

/// What a read does with each valid feature: `map` (possibly on another thread), then `deliver` in order.
struct FeatureSink<T> {
    let map: @Sendable (Int, Feature) -> (T?, [Problem])
    let deliver: (Int, T, inout [Problem]) -> Void
    /// Offered each feature of a collection before the general path.
    var direct: GeoJSONReader.DirectDecoder<T>? = nil
}

/// One element read on a worker.
struct ElementResult<T: Sendable>: Sendable {
    var syntaxError: JSONSyntaxError?
    var overflows: [Problem] = []
    var read: FeatureReader.Result?
    var mapped: (T?, [Problem])?
}

/// One batch's results, each slot written by exactly one worker.
struct SharedSlots<T: Sendable>: @unchecked Sendable {
    let base: UnsafeMutablePointer<ElementResult<T>>
}

/// The input, shared read-only by the workers of one read.
struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}

/// What a read collects as it goes.
struct ReadState {
    let reader: GeoJSONReader
    let geometries: GeometryReader
    let features: FeatureReader
    var problems: [Problem] = []
    var bbox: [Double]?
    var foreignMembers = JSONObject()
    /// The pointer of the first feature with each id, to report duplicates.
    var ids: [String: String] = [:]

    init(reader: GeoJSONReader) {
        self.reader = reader
        geometries = GeometryReader(file: reader.file, degrees: reader.degrees)
        var features = FeatureReader(file: reader.file, degrees: reader.degrees)
        features.refusesCRS = reader.refusesFeatureCRS
        self.features = features
    }

    func problem(_ pointer: String, _ message: String) -> Problem {
        Problem(file: reader.file, location: .pointer(pointer), message: message)
    }

    /// The overflowed numbers and repeated members of a value read by the document's own parser.
    func noted(in value: JSONValue, at pointer: String, parser: inout JSONParser) -> [Problem] {
        guard !parser.overflows.isEmpty || parser.repeatedMembers > 0 else {
            parser.forgetOverflows()
            return []
        }
        defer { parser.forgetOverflows() }
        return features.overflows(in: value, at: pointer, literals: parser.overflows)
            + (parser.repeatedMembers > 0 ? features.repeatedMembers(in: value, at: pointer) : [])
    }

    /// Takes one checked feature in document order: its problems, a duplicate id, then what
    /// `map` made of it, delivered unless anything was wrong.
    mutating func take<T: Sendable>(_ read: FeatureReader.Result, index: Int, sink: FeatureSink<T>, mapped: consuming (T?, [Problem])?) {
        problems += read.problems
        if let id = read.id {
            if let first = ids[id.description] {
                problems.append(problem(
                    read.pointer + "/id", "expected a unique id, found \(id.quotedForMessage) again (first at \(first)/id)"))
                return
            }
            ids[id.description] = read.pointer
        }
        guard read.feature != nil else { return }
        guard let (value, mapProblems) = mapped else { return }
        problems += mapProblems
        if let value { sink.deliver(index, value, &problems) }
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
