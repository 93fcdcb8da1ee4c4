import Foundation
import GeoJSON
import HTTPTypes
import Hummingbird
import Logging
import Participation
import Publishing
import Regions
import Store
import Tiles

/// OGC API – Features over a store (Part 1 core, GeoJSON, HTML, OpenAPI 3.0; Part 2 CRS), with
/// summaries and clusters on the same areas and filters. Every answer is the public view.
public struct FeaturesService: Sendable {
    let store: any ProjectStore
    let atlas: Atlas
    let clusters: ClusterCache
    let tokens: AccessTokens
    let maxBodyBytes: Int
    let logger: Logger
    let metrics = Metrics()
    let requestTimeout: Double
    public static let title = "partmap participation projects"
    static let collectionDescription =
        "Projects in which children, young people and adult survivors of online child sexual abuse shape research, policy, advocacy and technology"

    public init(store: any ProjectStore, atlas: Atlas, tokens: AccessTokens = AccessTokens(editor: nil, reader: nil),
                maxBodyBytes: Int = 1 << 20, requestTimeout: Double = 10, logger: Logger = Logger(label: "partmap")) {
        self.requestTimeout = requestTimeout
        self.store = store
        self.atlas = atlas
        self.tokens = tokens
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
        clusters = ClusterCache(store: store, atlas: atlas)
    }

    /// - Parameter corsOrigin: the origin browsers may call from ("*" for any); nil sends no CORS headers.
    public func router(corsOrigin: String? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        if let corsOrigin {
            router.add(middleware: CORSMiddleware(
                allowOrigin: corsOrigin == "*" ? .all : .custom(corsOrigin),
                allowHeaders: [.accept, .authorization, .contentType, .ifMatch, .ifNoneMatch],
                allowMethods: [.get, .head, .post, .put, .delete, .options],
                exposedHeaders: ["ETag", "Location", "Content-Crs"]))
        }
        router.get("/") { request, _ in try await handle { try landing(request) } }
        router.get("/conformance") { request, _ in try await handle { try conformance(request) } }
        router.get("/api") { request, _ in try await handle { try api(request) } }
        router.get("/collections") { request, _ in try await handle { try await collections(request) } }
        router.get("/collections/projects") { request, _ in try await handle { try await collection(request) } }
        router.get("/collections/projects/items") { request, _ in try await handle { try await items(request) } }
        router.get("/collections/projects/items/:id") { request, context in
            try await handle { try await item(request, id: context.parameters.get("id") ?? "") }
        }
        router.post("/collections/projects/items") { request, _ in try await handle { try await create(request) } }
        router.put("/collections/projects/items/:id") { request, context in
            try await handle { try await replace(request, id: context.parameters.get("id") ?? "") }
        }
        router.delete("/collections/projects/items/:id") { request, context in
            try await handle { try await remove(request, id: context.parameters.get("id") ?? "") }
        }
        router.get("/summaries") { request, _ in try await handle { try await summaries(request) } }
        router.get("/clusters") { request, _ in try await handle { try await clusterFeatures(request) } }
        router.get("/health") { _, _ in try await handle { try await health() } }
        router.get("/metrics") { _, _ in
            try await handle { respond(metrics.text(projects: try await store.count(includeInternal: false)), type: "text/plain; version=0.0.4") }
        }
        router.get("/map") { request, _ in try await handle { try await webMap(request, file: "index.html") } }
        router.get("/assets/:file") { request, context in try await handle { try await webMap(request, file: context.parameters.get("file") ?? "") } }
        router.get("/assets/leaflet/:file") { request, context in
            try await handle { try await webMap(request, file: "leaflet/" + (context.parameters.get("file") ?? "")) }
        }
        router.get("/assets/leaflet/images/:file") { request, context in
            try await handle { try await webMap(request, file: "leaflet/images/" + (context.parameters.get("file") ?? "")) }
        }
        router.get("/tilejson.json") { request, _ in try await handle { try await tileJSON(request) } }
        router.get("/tiles/:z/:x/:file") { request, context in
            try await handle { try await tile(request, z: context.parameters.get("z"), x: context.parameters.get("x"), file: context.parameters.get("file")) }
        }
        return router
    }

    /// Runs a handler within the request timeout; a problem becomes its problem+json answer,
    /// and a store that fails or does not answer in time a 503 with Retry-After.
    private func handle(_ body: @escaping @Sendable () async throws -> Response) async throws -> Response {
        do {
            return try await Deadline.run(seconds: requestTimeout, body)
        } catch let problem as Problem {
            return problem.response
        } catch let error as StoreError {
            var problem = Problem(.serviceUnavailable, "the store is unavailable: \(error.reason)")
            problem.headers[.retryAfter] = "5"
            return problem.response
        } catch is Deadline.Expired {
            var problem = Problem(.serviceUnavailable, "no answer within \(requestTimeout) s: the store may be unavailable")
            problem.headers[.retryAfter] = "5"
            return problem.response
        }
    }

    // MARK: Documents

    func landing(_ request: Request) throws -> Response {
        let format = try Self.format(request, allowed: ["f"])
        let base = Self.base(request)
        let links = [
            Self.link(base + "/", "self", format == .html ? "text/html" : "application/json", "This document"),
            Self.link(base + "/?f=" + (format == .html ? "json" : "html"), "alternate", format == .html ? "application/json" : "text/html", "This document"),
            Self.link(base + "/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition"),
            Self.link(base + "/conformance", "conformance", "application/json", "Conformance classes"),
            Self.link(base + "/collections", "data", "application/json", "The collections"),
        ]
        let document = JSONValue.object(JSONObject([
            ("title", .string(Self.title)), ("description", .string(Self.collectionDescription)), ("links", .array(links)),
        ]))
        return Self.answer(document, format: format, title: Self.title)
    }

    static let conformanceClasses = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    ]

    func conformance(_ request: Request) throws -> Response {
        let format = try Self.format(request, allowed: ["f"])
        return Self.answer(.object(JSONObject([("conformsTo", .array(Self.conformanceClasses.map(JSONValue.string)))])), format: format, title: "Conformance")
    }

    func collections(_ request: Request) async throws -> Response {
        let format = try Self.format(request, allowed: ["f"])
        let base = Self.base(request)
        let document = JSONValue.object(JSONObject([
            ("links", .array([Self.link(base + "/collections", "self", "application/json", "The collections")])),
            ("collections", .array([try await collectionDocument(base)])),
        ]))
        return Self.answer(document, format: format, title: "Collections")
    }

    func collection(_ request: Request) async throws -> Response {
        let format = try Self.format(request, allowed: ["f"])
        return Self.answer(try await collectionDocument(Self.base(request)), format: format, title: "Projects")
    }

    func collectionDocument(_ base: String) async throws -> JSONValue {
        let box = try await store.extent(includeInternal: false)
        let bbox: [Double] = box.map { [$0.west, $0.south, $0.east, $0.north] } ?? [-180, -90, 180, 90]
        let url = base + "/collections/projects"
        return .object(JSONObject([
            ("id", .string("projects")), ("title", .string("Participation projects")), ("description", .string(Self.collectionDescription)),
            ("itemType", .string("feature")),
            ("extent", .object(JSONObject([("spatial", .object(JSONObject([
                ("bbox", .array([.array(bbox.map(JSONValue.number))])), ("crs", .string(ServiceCRS.crs84.rawValue)),
            ])))]))),
            ("crs", .array(ServiceCRS.allCases.map { .string($0.rawValue) })),
            ("storageCrs", .string(ServiceCRS.crs84.rawValue)),
            ("links", .array([
                Self.link(url, "self", "application/json", "This collection"),
                Self.link(url + "?f=html", "alternate", "text/html", "This collection as HTML"),
                Self.link(url + "/items", "items", "application/geo+json", "The projects"),
                Self.link(url + "/items?f=html", "items", "text/html", "The projects as HTML"),
            ])),
        ]))
    }

    // MARK: Features

    func items(_ request: Request) async throws -> Response {
        let parsed = try ItemsRequest(request.uri.queryParameters, allowed: ItemsRequest.items, atlas: atlas, includeInternal: tokens.role(request) != .anonymous)
        let result = try await store.query(parsed.query)
        let base = Self.base(request), path = base + "/collections/projects/items"
        var links = [
            Self.link(Self.url(path, request, replacing: [:]), "self", parsed.html ? "text/html" : "application/geo+json", "This page"),
            Self.link(Self.url(path, request, replacing: ["f": parsed.html ? "json" : "html"]), "alternate",
                      parsed.html ? "application/geo+json" : "text/html", "This page in another format"),
        ]
        let offset = parsed.query.offset, returned = result.projects.count
        if offset + returned < result.numberMatched {
            links.append(Self.link(Self.url(path, request, replacing: ["offset": String(offset + parsed.limit), "limit": String(parsed.limit)]),
                                   "next", "application/geo+json", "The next page"))
        }
        if offset > 0 {
            links.append(Self.link(Self.url(path, request, replacing: ["offset": String(max(0, offset - parsed.limit)), "limit": String(parsed.limit)]),
                                   "prev", "application/geo+json", "The previous page"))
        }
        let writer = GeoJSONWriter()
        if parsed.html {
            let rows = result.projects.map { project in
                "<tr><td><a href=\"\(Self.escape(path + "/" + Self.pathComponent(project.id)))?f=html\">\(Self.escape(project.id))</a></td><td>\(Self.escape(project.title))</td><td>\(project.participationLevel.rawValue)</td></tr>"
            }
            let body = "<p>\(result.numberMatched) projects match; \(returned) shown.</p><table><tr><th>id</th><th>title</th><th>level</th></tr>\(rows.joined())</table>"
            return respond(Self.page("Projects", body: body, links: links), type: "text/html; charset=utf-8")
        }
        var text = "{\"type\":\"FeatureCollection\",\"numberMatched\":\(result.numberMatched),\"numberReturned\":\(returned),"
        text += "\"links\":" + writer.write(.array(links)) + ",\"features\":["
        text += result.projects.map { writer.write(Self.feature($0, crs: parsed.crs)) }.joined(separator: ",")
        text += "]}"
        var headers = HTTPFields()
        headers[.contentCRS] = "<\(parsed.crs.rawValue)>"
        return respond(text, type: "application/geo+json", headers: headers)
    }

    func item(_ request: Request, id: String) async throws -> Response {
        let parsed = try ItemsRequest(request.uri.queryParameters, allowed: ["f", "crs"], atlas: atlas, includeInternal: false)
        let seesInternal = tokens.role(request) != .anonymous
        guard let stored = try await store.get(ids: [id]).first, let project = seesInternal ? stored : stored.publicView(places: atlas) else {
            throw Problem(.notFound, "no project has id \"\(id)\"")
        }
        let base = Self.base(request), url = base + "/collections/projects/items/" + Self.pathComponent(id)
        var feature = Self.feature(project, crs: parsed.crs)
        feature.foreignMembers = JSONObject([("links", .array([
            Self.link(url, "self", "application/geo+json", "This project"),
            Self.link(url + "?f=html", "alternate", "text/html", "This project as HTML"),
            Self.link(base + "/collections/projects", "collection", "application/json", "The collection"),
        ]))])
        if parsed.html {
            let rows = (feature.properties ?? JSONObject()).map { "<tr><th>\(Self.escape($0.key))</th><td>\(Self.escape(GeoJSONWriter().write($0.value)))</td></tr>" }
            return respond(Self.page(project.title, body: "<table>\(rows.joined())</table>", links: []), type: "text/html; charset=utf-8")
        }
        var headers = HTTPFields()
        headers[.contentCRS] = "<\(parsed.crs.rawValue)>"
        headers[.eTag] = Self.etag(stored)
        return respond(GeoJSONWriter().write(feature), type: "application/geo+json", headers: headers)
    }

    /// A project's feature with its point in `crs`: CRS84 as stored, EPSG:4326 latitude first,
    /// EPSG:3857 in metres.
    static func feature(_ project: Project, crs: ServiceCRS) -> Feature {
        var feature = project.feature(includeDerived: true)
        if case .point(let p)? = feature.geometry {
            switch crs {
            case .crs84: break
            case .epsg4326: feature.geometry = .point(Position(longitude: p.latitude, latitude: p.longitude))
            case .epsg3857:
                let r = 6_378_137.0, lat = max(-85.051_128_779_806_59, min(85.051_128_779_806_59, p.latitude))
                feature.geometry = .point(Position(longitude: r * p.longitude * .pi / 180, latitude: r * log(tan(.pi / 4 + lat * .pi / 360))))
            }
        }
        return feature
    }

    // MARK: Beyond features

    func summaries(_ request: Request) async throws -> Response {
        let parameters = request.uri.queryParameters
        let seesInternal = tokens.role(request) != .anonymous
        let parsed = try ItemsRequest(parameters, allowed: ItemsRequest.areaAndFilters, routeOwn: ["by", "count"], atlas: atlas, includeInternal: seesInternal)
        guard let by = parameters["by"] else { throw Problem(.badRequest, "query parameter by: expected KEY[,KEY...], found none") }
        var keys: [SummaryKey] = []
        for name in by.split(separator: ",") {
            guard let key = SummaryKey(rawValue: String(name)) else {
                throw Problem.badParameter("by", expected: "keys among " + SummaryKey.allCases.map(\.rawValue).joined(separator: ", "), found: String(name))
            }
            keys.append(key)
        }
        let count = try parameters["count"].map { value throws(Problem) in
            guard let c = SummaryCount(rawValue: String(value)) else { throw Problem.badParameter("count", expected: "projects or initiatives", found: String(value)) }
            return c
        } ?? .projects
        let summary: Summary
        if parsed.query.area == nil && parsed.query.filter == ProjectFilter() {
            let counts = try await store.facetCounts(Summary.facets(keys: keys, count: count), includeInternal: seesInternal)
            summary = Summary(facetCounts: counts, keys: keys, count: count, atlas: atlas)
        } else {
            summary = Summary(views: try await store.query(parsed.query).projects, keys: keys, count: count, atlas: atlas)
        }
        return respond(GeoJSONWriter().write(summary.json), type: "application/json")
    }

    func clusterFeatures(_ request: Request) async throws -> Response {
        let parameters = request.uri.queryParameters
        let parsed = try ItemsRequest(parameters, allowed: ItemsRequest.areaAndFilters, routeOwn: ["zoom", "bbox"], atlas: atlas,
                                      includeInternal: tokens.role(request) != .anonymous)
        guard let zoomText = parameters["zoom"], let zoom = Int(zoomText), (0 ... 16).contains(zoom) else {
            throw Problem.badParameter("zoom", expected: "a zoom of 0 to 16", found: String(parameters["zoom"] ?? ""))
        }
        var view = [-180.0, -90, 180, 90]
        if let bbox = parameters["bbox"] {
            let n = bbox.split(separator: ",", omittingEmptySubsequences: false).compactMap { Double($0) }
            guard n.count == 4, n.allSatisfy(\.isFinite), n[1] <= n[3] else {
                throw Problem.badParameter("bbox", expected: "W,S,E,N with S <= N", found: String(bbox))
            }
            view = n
        }
        let index = try await clusters.clusters(for: parsed.query)
        let features = try index.features(west: view[0], south: view[1], east: view[2], north: view[3], zoom: zoom)
        return respond(GeoJSONWriter().write(FeatureCollection(features: features)), type: "application/geo+json")
    }

    func tile(_ request: Request, z: String?, x: String?, file: String?) async throws -> Response {
        _ = try Self.format(request, allowed: [])
        guard let z = z.flatMap(Int.init), (0 ... 16).contains(z), let x = x.flatMap(Int.init), let file, file.hasSuffix(".mvt"),
              let y = Int(file.dropLast(4)), (0 ..< 1 << z).contains(x), (0 ..< 1 << z).contains(y)
        else { throw Problem(.notFound, "no tile at \(request.uri.path): expected /tiles/{z}/{x}/{y}.mvt with z 0 to 16 and x, y within it") }
        var headers = HTTPFields()
        headers[.cacheControl] = "public, max-age=60"
        guard let tile = try await clusters.tile(TileID(z: z, x: x, y: y)) else {
            return Response(status: .noContent, headers: headers)
        }
        headers[.eTag] = tile.etag
        if request.headers[.ifNoneMatch] == tile.etag { return Response(status: .notModified, headers: headers) }
        return respond(tile.bytes, type: "application/vnd.mapbox-vector-tile", headers: headers)
    }

    func tileJSON(_ request: Request) async throws -> Response {
        _ = try Self.format(request, allowed: [])
        let renderer = try await clusters.tileRenderer()
        let (bounds, center) = Site.extent(try await clusters.clusters(for: ProjectQuery()), minZoom: 0)
        var projects = LayerStats(id: "projects", description: "Clusters of participation projects, and single projects", geometry: "Point")
        var regions = LayerStats(id: "regions", description: "Countries with their numbers of projects", geometry: "Polygon")
        let index = try await clusters.clusters(for: ProjectQuery())
        for node in index.index.nodes(west: -180, south: -90, east: 180, north: 90, zoom: 0) {
            projects.record(zoom: 0, properties: TilePyramid.properties(try index.feature(node)))
        }
        for project in index.projects.prefix(1000) {
            projects.record(zoom: renderer.options.maxZoom, properties: [("id", .string(project.id))] + TilePyramid.properties(project.feature(includeDerived: true)))
        }
        for boundary in atlas.boundaries.prefix(1) {
            regions.record(zoom: 0, properties: TilePyramid.regionProperties(boundary, counts: RegionCounts(views: [])))
            regions.record(zoom: renderer.options.regionsMaxZoom, properties: [])
        }
        let json = TileJSON(
            tiles: [Self.base(request) + "/tiles/{z}/{x}/{y}.mvt"], layers: [projects, regions], name: Self.title,
            description: Self.collectionDescription, version: "1.0.0", attribution: SiteOptions().attribution,
            minZoom: 0, maxZoom: renderer.options.maxZoom, bounds: bounds, center: center)
        return respond(GeoJSONWriter().write(json.json), type: "application/json")
    }

    /// The web map on the live routes: the published page, its script and style, Leaflet from
    /// Debian's libjs-leaflet, and data.js with the countries and terms only.
    func webMap(_ request: Request, file: String) async throws -> Response {
        _ = try Self.format(request, allowed: file == "index.html" ? ["zoom", "lat", "lon", "level", "group", "sector", "region"] : [])
        let options = SiteOptions()
        switch file {
        case "index.html": return respond(WebMap.page(options: options), type: "text/html; charset=utf-8")
        case "map.js": return respond(WebMap.script, type: "text/javascript; charset=utf-8")
        case "map.css": return respond(WebMap.style, type: "text/css; charset=utf-8")
        case "data.js":
            let index = try await clusters.clusters(for: ProjectQuery())
            let regions = Set(index.projects.compactMap { $0.derived?.region }).sorted { $0.code < $1.code }
            let (bounds, _) = Site.extent(index, minZoom: 0)
            let text = WebMap.liveData(counts: RegionCounts(views: index.projects), regions: regions, atlas: atlas, options: options, bounds: bounds)
            return respond(text, type: "text/javascript; charset=utf-8")
        default:
            let name = file.split(separator: "/").last.map(String.init) ?? ""
            guard file.hasPrefix("leaflet/"), !name.hasPrefix("."), !file.contains(".."),
                  let data = FileManager.default.contents(atPath: options.leafletDirectory + "/" + file.dropFirst("leaflet/".count))
            else { throw Problem(.notFound, "no file \(request.uri.path)") }
            let type = name.hasSuffix(".js") ? "text/javascript" : name.hasSuffix(".css") ? "text/css" : name.hasSuffix(".png") ? "image/png" : "application/octet-stream"
            return respond(Array(data), type: type)
        }
    }

    func health() async throws -> Response {
        let count = try await store.count(includeInternal: false)
        return respond(GeoJSONWriter().write(.object(JSONObject([("status", .string("ok")), ("projects", .number(Double(count)))]))),
                       type: "application/json")
    }

    func api(_ request: Request) throws -> Response {
        _ = try Self.format(request, allowed: ["f"])
        return respond(GeoJSONWriter().write(OpenAPI.document(base: Self.base(request))), type: "application/vnd.oai.openapi+json;version=3.0")
    }
}

extension HTTPField.Name {
    static let contentCRS = HTTPField.Name("Content-Crs")!
}
