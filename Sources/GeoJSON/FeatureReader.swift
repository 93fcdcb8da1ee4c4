/// Checks one feature's members (RFC 7946), without reference to other features: safe to run on
/// any thread. Ids are checked for uniqueness later, in document order.
struct FeatureReader: Sendable {
    struct Result: Sendable {
        var pointer: String
        /// The id, when it is a string or a number, even if the feature has other problems.
        var id: FeatureID?
        var feature: Feature?
        var problems: [Problem]
    }

    let file: String
    /// See `GeometryReader.degrees`.
    var degrees = true
    /// See `GeoJSONReader.refusesFeatureCRS`.
    var refusesCRS = true
    private var geometries: GeometryReader { GeometryReader(file: file, degrees: degrees) }

    init(file: String, degrees: Bool = true) {
        self.file = file
        self.degrees = degrees
    }

    func problem(_ pointer: String, _ message: String) -> Problem {
        Problem(file: file, location: .pointer(pointer), message: message)
    }

    /// - Parameter idLiteral: the text of a numeric id as written, which the id keeps.
    func read(_ value: JSONValue, at pointer: String, idLiteral: String? = nil) -> Result {
        var problems: [Problem] = []
        guard case .object(let object) = value else {
            return Result(pointer: pointer, feature: nil, problems: [problem(pointer, "expected a Feature object, found \(value.kind)")])
        }
        switch object["type"] {
        case .string("Feature"): break
        case nil: problems.append(problem(pointer, "expected a \"type\" member, found none"))
        case let type?: problems.append(problem(pointer + "/type", "expected \"Feature\", found \(type.quoted)"))
        }
        var feature = Feature()
        switch object["id"] {
        case nil: break
        case .string(let id)?: feature.id = .string(id)
        case .number(let id)? where id.isFinite: feature.id = .number(idLiteral.map(JSONNumber.decimal) ?? JSONNumber.format(id))
        case .number?: break  // an overflow, reported with the others
        case let other?: problems.append(problem(pointer + "/id", "expected a string or a number, found \(other.kind)"))
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
        if refusesCRS, pointer.hasPrefix("/features/"), object["crs"] != nil {
            problems.append(problem(pointer + "/crs", "expected no \"crs\" member on a feature of a collection (only the top-level object may name the CRS), found one"))
        }
        feature.foreignMembers = JSONObject(object.members.filter {
            !["type", "id", "geometry", "properties", "bbox"].contains($0.key)
        })
        return Result(pointer: pointer, id: feature.id, feature: problems.isEmpty ? feature : nil, problems: problems)
    }

    /// Names each member of `value` that repeats a name its object already used (RFC 8259 §4
    /// says names should be unique; readers disagree on which value wins, so none is taken).
    func repeatedMembers(in value: JSONValue, at pointer: String) -> [Problem] {
        value.repeatedMembers(at: pointer).map { problem($0.pointer, $0.message) }
    }

    /// Names each number of `value` that overflowed a Double; `literals` are their texts in
    /// document order, as the parser kept them.
    func overflows(in value: JSONValue, at pointer: String, literals: [String]) -> [Problem] {
        guard !literals.isEmpty else { return [] }
        var problems: [Problem] = []
        var next = 0
        func walk(_ value: JSONValue, _ pointer: String) {
            switch value {
            case .number(let x) where x.isInfinite:
                let literal = next < literals.count ? literals[next] : JSONNumber.format(x)
                next += 1
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
        return problems
    }
}
