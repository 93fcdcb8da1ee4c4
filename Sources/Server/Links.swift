import Foundation
import GeoJSON
import Hummingbird

/// The service's public address, from `ServerConfig.baseURL`, or the address it listens on once
/// it is bound (port 0 learns its port then). Links never come from a request's Host header.
final class PublicAddress: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String

    init(_ value: String) { self.value = value }

    var url: String { lock.withLock { value } }

    func set(_ url: String) { lock.withLock { value = url } }
}

/// Links as OGC API – Features writes them: `href`, `rel`, `type`, `title`.
enum Link {
    static func make(_ href: String, _ rel: String, _ type: String, _ title: String) -> JSONValue {
        .object(JSONObject([("href", .string(href)), ("rel", .string(rel)), ("type", .string(type)), ("title", .string(title))]))
    }

    /// `path` with the request's query, some parameters replaced (nil removes one).
    static func url(_ path: String, _ query: QueryParameters, replacing: [String: String?] = [:]) -> String {
        let encoded = query.encoded(replacing: replacing)
        return encoded.isEmpty ? path : path + "?" + encoded
    }

    /// An id as one path segment: everything but RFC 3986's unreserved characters encoded, so a
    /// `/` or a space in an id reads back as itself.
    static func segment(_ id: String) -> String { QueryParameters.encode(id) }
}

/// How a document is asked for: `f=json|html`, else the Accept header (a browser gets HTML).
enum Format: Sendable {
    case json, html

    /// - Throws: `Problem` (400) for an `f` other than json or html.
    static func of(_ request: Request, _ query: QueryParameters) throws(Problem) -> Format {
        switch query["f"] {
        case "json": return .json
        case "html": return .html
        case nil:
            let accept = request.headers[.accept] ?? ""
            return accept.contains("text/html") && !accept.contains("json") ? .html : .json
        case let other?: throw Problem.badParameter("f", expected: "json or html", found: other)
        }
    }
}
