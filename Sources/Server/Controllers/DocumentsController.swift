import GeoJSON
import Hummingbird
import PROJKit

/// OGC API – Features' documents: the landing page, conformance, the API definition, the
/// collections and the projects collection (JSON, or HTML by `f` or `Accept`).
struct DocumentsController {
    let service: ServiceState

    static let conformanceClasses = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    ]

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .get("/", use: landing)
            .get("/conformance", use: conformance)
            .get("/api", use: api)
            .get("/collections", use: collections)
            .get("/collections/projects", use: collection)
            .get("/collections/projects/queryables", use: queryables)
            .get("/collections/projects/schema", use: schema)
    }

    /// Part 3's queryables: every public property, which the areas and filters reach.
    @Sendable func queryables(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await schemaAnswer(request, path: "/collections/projects/queryables", title: "Queryables of the participation projects")
    }

    /// The schema of the features (rel `describedby`): the same properties; with `profile=feature`,
    /// the schema of a whole GeoJSON Feature (rel `describedBy`, the spelling GDAL 3.6 matches).
    @Sendable func schema(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await schemaAnswer(request, path: "/collections/projects/schema", title: "Participation projects", profiles: true)
    }

    func schemaAnswer(_ request: Request, path: String, title: String, profiles: Bool = false) async throws -> Response {
        try await service.answer {
            let query = try service.query(request)
            try query.allowOnly(profiles ? ["f", "profile"] : ["f"])
            var document = Queryables.document(id: service.base + path, title: title)
            switch query["profile"] {
            case nil: break
            case "feature"?: document = Queryables.featureDocument(id: service.base + path + "?profile=feature", title: title)
            case let other?: throw Problem.badParameter("profile", expected: "feature", found: other)
            }
            if try Format.of(request, query) == .html { return HTMLPage.answer(document, format: .html, title: title) }
            return respond(GeoJSONWriter().write(document), type: "application/schema+json")
        }
    }

    @Sendable func landing(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            let query = try service.query(request)
            try query.allowOnly(["f"])
            let format = try Format.of(request, query), base = service.base
            let links = [
                Link.make(base + "/", "self", format == .html ? "text/html" : "application/json", "This document"),
                Link.make(base + "/?f=" + (format == .html ? "json" : "html"), "alternate", format == .html ? "application/json" : "text/html", "This document"),
                Link.make(base + "/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition"),
                Link.make(base + "/conformance", "conformance", "application/json", "Conformance classes"),
                Link.make(base + "/collections", "data", "application/json", "The collections"),
            ]
            let document = JSONValue.object(JSONObject([
                ("title", .string(ServiceState.title)), ("description", .string(ServiceState.description)), ("links", .array(links)),
            ]))
            return HTMLPage.answer(document, format: format, title: ServiceState.title)
        }
    }

    @Sendable func conformance(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            let query = try service.query(request)
            try query.allowOnly(["f"])
            let document = JSONValue.object(JSONObject([("conformsTo", .array(Self.conformanceClasses.map(JSONValue.string)))]))
            return HTMLPage.answer(document, format: try Format.of(request, query), title: "Conformance")
        }
    }

    @Sendable func api(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            try service.query(request).allowOnly(["f"])
            return respond(GeoJSONWriter().write(OpenAPI.document(base: service.base)), type: "application/vnd.oai.openapi+json;version=3.0")
        }
    }

    @Sendable func collections(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            let query = try service.query(request)
            try query.allowOnly(["f"])
            let base = service.base
            let document = JSONValue.object(JSONObject([
                ("links", .array([Link.make(base + "/collections", "self", "application/json", "The collections")])),
                ("collections", .array([try await collectionDocument()])),
            ]))
            return HTMLPage.answer(document, format: try Format.of(request, query), title: "Collections")
        }
    }

    @Sendable func collection(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            let query = try service.query(request)
            try query.allowOnly(["f"])
            return HTMLPage.answer(try await collectionDocument(), format: try Format.of(request, query), title: "Projects")
        }
    }

    /// The projects collection: its extent is the public positions' box.
    func collectionDocument() async throws -> JSONValue {
        let box = try await service.views.extent()
        let bbox = (box ?? BoundingBox(west: -180, south: -90, east: 180, north: 90)).degrees
        let url = service.base + "/collections/projects"
        return .object(JSONObject([
            ("id", .string("projects")), ("title", .string("Participation projects")), ("description", .string(ServiceState.description)),
            ("itemType", .string("feature")),
            ("extent", .object(JSONObject([("spatial", .object(JSONObject([
                ("bbox", .array([.array(bbox.map(JSONValue.number))])), ("crs", .string(CRS.crs84.uri)),
            ])))]))),
            ("crs", .array(ServedCRS.all.map { .string($0.uri) })),
            ("storageCrs", .string(CRS.crs84.uri)),
            ("links", .array([
                Link.make(url, "self", "application/json", "This collection"),
                Link.make(url + "?f=html", "alternate", "text/html", "This collection as HTML"),
                Link.make(url + "/items", "items", "application/geo+json", "The projects"),
                Link.make(url + "/items?f=html", "items", "text/html", "The projects as HTML"),
                Link.make(url + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
                          "The properties the projects can be filtered by"),
                Link.make(url + "/schema", "describedby", "application/schema+json", "The schema of the projects"),
                // GDAL 3.6's OAPIF driver matches the relation `describedBy` exactly (RFC 8288 compares
                // relation types case-insensitively: it is the same relation) and reads the schema of
                // a whole Feature, taking its fields from properties.properties.
                Link.make(url + "/schema?profile=feature", "describedBy", "application/schema+json",
                          "The schema of the projects as GeoJSON Features"),
            ])),
        ]))
    }
}
