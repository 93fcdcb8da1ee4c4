/// A coordinate reference system as users name it: `EPSG:N`, `OGC:CRS84` (or `CRS84`), the
/// OGC URIs `http://www.opengis.net/def/crs/EPSG/0/N` and `http://www.opengis.net/def/crs/OGC/1.3/CRS84`,
/// or the URNs of 2008-style GeoJSON `crs` members (`urn:ogc:def:crs:EPSG::N`,
/// `urn:ogc:def:crs:OGC:1.3:CRS84`).
public struct CRS: Sendable, Hashable, CustomStringConvertible {
    /// The canonical name PROJ takes: `EPSG:N` or `OGC:CRS84`.
    public let name: String

    /// OGC's CRS84: WGS 84 longitude, latitude in degrees, the CRS of RFC 7946 and of the store.
    public static let crs84 = CRS(canonical: "OGC:CRS84")
    /// EPSG:4326: WGS 84 in degrees, latitude first by its own axis order.
    public static let wgs84 = CRS(canonical: "EPSG:4326")
    /// EPSG:3857: Web Mercator (pseudo-Mercator), easting and northing in metres.
    public static let webMercator = CRS(canonical: "EPSG:3857")

    private init(canonical: String) {
        name = canonical
    }

    /// Parses a user's name for a CRS; nil when it is not one of the accepted forms.
    /// Whether PROJ knows the code is checked when a transformer is made.
    public init?(_ text: String) {
        let text = text.trimmingSpaces
        let upper = text.uppercased()
        if upper == "CRS84" || upper == "OGC:CRS84" || text == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
            || upper == "URN:OGC:DEF:CRS:OGC:1.3:CRS84" || upper == "URN:OGC:DEF:CRS:OGC::CRS84"
        {
            name = "OGC:CRS84"
        } else if let code = Self.code(after: "EPSG:", in: upper) ?? Self.code(after: "http://www.opengis.net/def/crs/EPSG/0/", in: text)
            ?? Self.code(after: "URN:OGC:DEF:CRS:EPSG::", in: upper)
        {
            name = "EPSG:\(code)"
        } else {
            return nil
        }
    }

    private static func code(after prefix: String, in text: String) -> Int? {
        guard text.hasPrefix(prefix) else { return nil }
        let digits = text.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let code = Int(digits), code > 0 else { return nil }
        return code
    }

    /// Whether this is OGC:CRS84.
    public var isCRS84: Bool { name == "OGC:CRS84" }

    /// The EPSG code, nil for CRS84.
    public var epsgCode: Int? {
        name.hasPrefix("EPSG:") ? Int(name.dropFirst(5)) : nil
    }

    /// The OGC URI (OGC API – Features Part 2).
    public var uri: String {
        if let code = epsgCode { return "http://www.opengis.net/def/crs/EPSG/0/\(code)" }
        return "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    }

    /// The URN that 2008-style GeoJSON `crs` members carry.
    public var urn: String {
        if let code = epsgCode { return "urn:ogc:def:crs:EPSG::\(code)" }
        return "urn:ogc:def:crs:OGC:1.3:CRS84"
    }

    /// The canonical name, `EPSG:N` or `OGC:CRS84`.
    public var description: String { name }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
