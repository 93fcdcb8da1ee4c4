import Foundation

/// A query string read as `application/x-www-form-urlencoded` (WHATWG URL Standard §5.1: `+` is
/// a space, then percent-decoding), which is what HTML forms, owslib and requests send. Names
/// and values in order; bounded in count and length, so one URL cannot make unbounded work.
struct QueryParameters: Sendable {
    static let maxCount = 100
    static let maxBytes = 64 * 1024

    private(set) var pairs: [(name: String, value: String)] = []

    /// - Throws: `Problem` (400) for a query over the bounds or with broken percent-encoding.
    init(_ query: String?) throws(Problem) {
        guard let query, !query.isEmpty else { return }
        guard query.utf8.count <= Self.maxBytes else {
            throw Problem(.badRequest, "the query string: expected at most \(Self.maxBytes) bytes, found \(query.utf8.count)")
        }
        let parts = query.split(separator: "&", omittingEmptySubsequences: true)
        guard parts.count <= Self.maxCount else {
            throw Problem(.badRequest, "the query string: expected at most \(Self.maxCount) parameters, found \(parts.count)")
        }
        for part in parts {
            let sides = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(sides[0], what: "a parameter name")
            let value = sides.count > 1 ? try Self.decode(sides[1], what: "query parameter \(name)") : ""
            pairs.append((name, value))
        }
    }

    private static func decode(_ text: Substring, what: String) throws(Problem) -> String {
        guard let decoded = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw Problem(.badRequest, "\(what): expected percent-encoded UTF-8, found \"\(text)\"")
        }
        return decoded
    }

    /// The first value of `name`.
    subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    var names: Set<String> { Set(pairs.map(\.name)) }

    /// Refuses any parameter the route does not know.
    /// - Throws: `Problem` (400) naming the first unknown one and listing the known.
    func allowOnly(_ known: Set<String>) throws(Problem) {
        for (name, _) in pairs where !known.contains(name) {
            throw Problem(.badRequest, "query parameter \(name) is not known here; known: \(known.sorted().joined(separator: ", "))")
        }
    }

    /// The query with some parameters replaced (nil removes), encoded back for a link.
    func encoded(replacing: [String: String?]) -> String {
        var items = pairs.filter { replacing[$0.name] == nil }
        for name in replacing.keys.sorted() {
            if let value = replacing[name] ?? nil { items.append((name, value)) }
        }
        return items.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    /// Percent-encodes all but the unreserved characters of RFC 3986 (ASCII letters, digits and
    /// `-._~`), byte by byte of the UTF-8, so that a link's value reads back as itself under form
    /// decoding (a space is %20, never `+`).
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "0") ... UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
