/// The 2008 GeoJSON specification's `crs` member, which RFC 7946 §4 removed but GIS exports still
/// write: `"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}`. Read
/// here only as a name; whoever may reproject (PROJ) decides what it means.
public enum LegacyCRSMember {
    /// The CRS name of a document's top-level `crs` member: nil when there is none (or `null`);
    /// a problem at `/crs` (or inside it) when it is not a named CRS. The members before and
    /// after `features` are read; the features array is skipped without parsing it. A document
    /// that is not JSON gives nil: the full read reports where.
    public static func name(in bytes: UnsafeRawBufferPointer, file: String) -> Result<String, Problem>? {
        var parser = JSONParser(bytes: bytes, maxDepth: JSONParser.defaultMaxDepth)
        do throws(JSONSyntaxError) {
            guard parser.take(UInt8(ascii: "{")), !parser.take(UInt8(ascii: "}")) else { return nil }
            repeat {
                guard parser.peek() == UInt8(ascii: "\"") else { return nil }
                let key = try parser.string()
                try parser.expect(UInt8(ascii: ":"), "':'")
                if key == "features" && parser.peek() == UInt8(ascii: "["),
                   let elements = ElementScanner.elements(of: parser.bytes, from: parser.offset + 1)
                {
                    parser.offset = elements.end
                    continue
                }
                let value = try parser.value(depth: 1)
                if key == "crs" { return name(of: value, file: file) }
            } while parser.take(UInt8(ascii: ","))
        } catch {
            return nil
        }
        return nil
    }

    static func name(of value: JSONValue, file: String) -> Result<String, Problem>? {
        func problem(_ pointer: String, _ message: String) -> Result<String, Problem> {
            .failure(Problem(file: file, location: .pointer(pointer), message: message))
        }
        switch value {
        case .null:
            return nil
        case .object(let crs):
            guard case .string("name")? = crs["type"] else {
                return problem("/crs/type", "expected \"name\" (a named CRS), found \(crs["type"]?.quoted ?? "none")")
            }
            guard case .object(let properties)? = crs["properties"] else {
                return problem("/crs/properties", "expected an object with a \"name\", found \(crs["properties"]?.kind ?? "none")")
            }
            guard case .string(let name)? = properties["name"] else {
                return problem("/crs/properties/name", "expected a CRS name (a string), found \(properties["name"]?.kind ?? "none")")
            }
            return .success(name)
        default:
            return problem("/crs", "expected a named CRS object or null, found \(value.kind)")
        }
    }
}
