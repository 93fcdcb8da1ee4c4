import Foundation
import GeoJSON
import Hummingbird
import Participation
import Publishing
import Regions
import Store
import Tiles

/// How a document is asked for: `f=json|html`, else the Accept header (a browser gets HTML).
enum Format: Sendable { case json, html }

extension FeaturesService {
    static func format(_ request: Request, allowed: Set<String>) throws(Problem) -> Format {
        let parameters = request.uri.queryParameters
        for (name, _) in parameters where !allowed.contains(String(name)) {
            throw Problem(.badRequest, "query parameter \(name) is not known here; known: \(allowed.sorted().joined(separator: ", "))")
        }
        switch parameters["f"] {
        case "json": return .json
        case "html": return .html
        case nil:
            let accept = request.headers[.accept] ?? ""
            return accept.contains("text/html") && !accept.contains("json") ? .html : .json
        case let other?: throw Problem.badParameter("f", expected: "json or html", found: String(other))
        }
    }

    /// The address the client used, so that links work behind any host name.
    static func base(_ request: Request) -> String {
        "http://" + (request.head.authority ?? "localhost")
    }

    static func link(_ href: String, _ rel: String, _ type: String, _ title: String) -> JSONValue {
        .object(JSONObject([("href", .string(href)), ("rel", .string(rel)), ("type", .string(type)), ("title", .string(title))]))
    }

    /// `path` with the request's query, some parameters replaced.
    static func url(_ path: String, _ request: Request, replacing: [String: String]) -> String {
        var items: [(String, String)] = []
        for (name, value) in request.uri.queryParameters where replacing[String(name)] == nil {
            items.append((String(name), String(value)))
        }
        for name in replacing.keys.sorted() { items.append((name, replacing[name]!)) }
        guard !items.isEmpty else { return path }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+,/:")
        return path + "?" + items.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    static func pathComponent(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func page(_ title: String, body: String, links: [JSONValue]) -> String {
        let list = links.compactMap { link -> String? in
            guard case .object(let o) = link, case .string(let href)? = o["href"], case .string(let rel)? = o["rel"] else { return nil }
            return "<li><a href=\"\(escape(href))\" rel=\"\(escape(rel))\">\(escape(rel))</a></li>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title></head>
            <body><h1>\(escape(title))</h1>\(body)<ul>\(list.joined())</ul></body></html>

            """
    }

    /// A JSON document, or the same as an HTML page listing its links.
    static func answer(_ document: JSONValue, format: Format, title: String) -> Response {
        switch format {
        case .json:
            return respond(GeoJSONWriter().write(document), type: "application/json")
        case .html:
            var links: [JSONValue] = []
            if case .object(let o) = document, case .array(let l)? = o["links"] { links = l }
            let body = "<pre>\(escape(GeoJSONWriter().write(document)))</pre>"
            return respond(page(title, body: body, links: links), type: "text/html; charset=utf-8")
        }
    }
}

/// Clusters of the public view, made once per set of filters and kept until the store changes
/// through this service.
actor ClusterCache {
    let store: any ProjectStore
    let atlas: Atlas
    private var byQuery: [ProjectQuery: ProjectClusters] = [:]

    init(store: any ProjectStore, atlas: Atlas) {
        self.store = store
        self.atlas = atlas
    }

    func clusters(for query: ProjectQuery) async throws -> ProjectClusters {
        var whole = query
        whole.limit = nil
        whole.offset = 0
        if let cached = byQuery[whole] { return cached }
        let clusters = ProjectClusters(projects: try await store.query(whole).projects)
        if byQuery.count > 64 { byQuery.removeAll() }
        byQuery[whole] = clusters
        return clusters
    }

    private var renderer: TileRenderer?
    private var tiles: [TileID: (bytes: [UInt8], etag: String)?] = [:]

    /// A tile of the public view, with its ETag; nil when it holds nothing.
    func tile(_ id: TileID) async throws -> (bytes: [UInt8], etag: String)? {
        if let cached = tiles[id] { return cached }
        let renderer = try await tileRenderer()
        let rendered = try renderer.render(id).map { bytes in (bytes, Self.etag(bytes)) }
        if tiles.count > 20_000 { tiles.removeAll() }
        tiles[id] = rendered
        return rendered
    }

    func tileRenderer() async throws -> TileRenderer {
        if let renderer { return renderer }
        let clusters = try await clusters(for: ProjectQuery())
        let made = TileRenderer(clusters: clusters, counts: RegionCounts(views: clusters.projects), boundaries: atlas.boundaries)
        renderer = made
        return made
    }

    /// FNV-1a over the bytes: an entity tag that changes when the tile does.
    static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return "\"" + String(hash, radix: 16) + "\""
    }

    /// Forgets everything made from the store, after a write.
    func invalidate() {
        byQuery.removeAll()
        renderer = nil
        tiles.removeAll()
    }
}
