import GeoJSON
import PROJKit
import Participation
import Publishing

/// The OpenAPI 3.0 definition of every route and parameter the service answers.
enum OpenAPI {
    static func document(base: String) -> JSONValue {
        func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members.map { (key: $0.0, value: $0.1) })) }
        func string(_ s: String) -> JSONValue { .string(s) }
        func parameter(_ name: String, _ description: String, _ schema: JSONValue, in place: String = "query", required: Bool = false,
                       explode: Bool? = nil) -> JSONValue {
            var members: [(String, JSONValue)] = [("name", string(name)), ("in", string(place)), ("description", string(description)),
                                                  ("required", .bool(required)), ("schema", schema)]
            if let explode { members += [("style", string("form")), ("explode", .bool(explode))] }
            return object(members)
        }
        func enumeration(_ values: [String]) -> JSONValue { object([("type", string("string")), ("enum", .array(values.map(string)))]) }
        func list(_ values: [String]) -> JSONValue { object([("type", string("array")), ("items", enumeration(values))]) }
        let text = object([("type", string("string"))])
        let crsList = ServedCRS.all.map(\.uri)
        let parameters: [(String, JSONValue)] = [
            ("f", parameter("f", "The format: json (GeoJSON for features) or html.", enumeration(["json", "html"]))),
            ("bbox", parameter("bbox", "A box: minimum corner then maximum corner, in bbox-crs (CRS84 unless given); west > east crosses the antimeridian.",
                               object([("type", string("array")), ("minItems", .number(4)), ("maxItems", .number(4)), ("items", object([("type", string("number"))]))]),
                               explode: false)),
            ("bbox-crs", parameter("bbox-crs", "The CRS of bbox.", enumeration(crsList))),
            ("crs", parameter("crs", "The CRS of the answer's coordinates, in its own axis order.", enumeration(crsList))),
            ("limit", parameter("limit", "How many features, 1 to \(ItemsRequest.maxLimit) (larger is clamped).",
                                object([("type", string("integer")), ("minimum", .number(1)), ("maximum", .number(Double(ItemsRequest.maxLimit))),
                                        ("default", .number(Double(ItemsRequest.defaultLimit)))]))),
            ("offset", parameter("offset", "How many matching features to skip.", object([("type", string("integer")), ("minimum", .number(0)), ("default", .number(0))]))),
            ("datetime", parameter("datetime", "Projects active at some time in this instant or interval (RFC 3339; A/B, ../B, A/..).", text)),
            ("level", parameter("level", "Participation levels, any of.", list(ParticipationLevel.allCases.map(\.rawValue)), explode: false)),
            ("group", parameter("group", "Participant groups, any of.", list(ParticipantGroup.allCases.map(\.rawValue)), explode: false)),
            ("sector", parameter("sector", "Sectors, any of.", list(Sector.allCases.map(\.rawValue)), explode: false)),
            ("purpose", parameter("purpose", "Purposes, any of.", list(Purpose.allCases.map(\.rawValue)), explode: false)),
            ("country", parameter("country", "A country: ISO 3166-1 alpha-2 or alpha-3 code, or English name, in any case (KE, KEN, Kenya).", text)),
            ("region", parameter("region", "A UN M49 region, sub-region or intermediate region, by name or code.", text)),
            ("q", parameter("q", "Words in the title, organisation or description.", text)),
            ("near", parameter("near", "The centre of a circle, LON,LAT (with radius-km).", text)),
            ("radius-km", parameter("radius-km", "The circle's radius in great-circle km.", object([("type", string("number")), ("exclusiveMinimum", .bool(true)), ("minimum", .number(0))]))),
            ("within", parameter("within", "A WKT Polygon or MultiPolygon in CRS84.", text)),
            ("by", parameter("by", "Summary keys, comma-separated.", list(SummaryKey.allCases.map(\.rawValue)), required: true, explode: false)),
            ("count", parameter("count", "Count projects or initiatives.", enumeration(SummaryCount.allCases.map(\.rawValue)))),
            ("zoom", parameter("zoom", "The zoom, 0 to 16.", object([("type", string("integer")), ("minimum", .number(0)), ("maximum", .number(16))]), required: true)),
            ("id", parameter("id", "A project's id.", text, in: "path", required: true)),
        ]
        func refs(_ names: [String]) -> JSONValue { .array(names.map { object([("$ref", string("#/components/parameters/\($0)"))]) }) }
        let areaAndFilters = ["bbox", "bbox-crs", "datetime", "level", "group", "sector", "purpose", "country", "region", "q", "near", "radius-km", "within", "f"]
        func response(_ description: String, _ type: String) -> JSONValue {
            object([("description", string(description)), ("content", object([(type, object([("schema", object([("type", string("object"))]))]))]))])
        }
        let problem = object([("description", string("A problem (RFC 9457) naming the parameter")),
                              ("content", object([("application/problem+json", object([("schema", object([("type", string("object"))]))]))]))])
        func get(_ summary: String, _ id: String, _ names: [String], _ type: String, extra: [(String, JSONValue)] = []) -> JSONValue {
            object([("get", object([
                ("summary", string(summary)), ("operationId", string(id)), ("parameters", refs(names)),
                ("responses", object([("200", response(summary, type)), ("400", problem)] + extra)),
            ]))])
        }
        let notFound = [("404", object([("description", string("No project has this id"))]))]
        return object([
            ("openapi", string("3.0.3")),
            ("info", object([("title", string(ServiceState.title)), ("version", string("1.0.0")),
                             ("description", string(ServiceState.description))])),
            ("servers", .array([object([("url", string(base))])])),
            ("paths", object([
                ("/", get("The landing page", "getLandingPage", ["f"], "application/json")),
                ("/conformance", get("The conformance classes", "getConformance", ["f"], "application/json")),
                ("/api", get("This definition", "getAPI", ["f"], "application/vnd.oai.openapi+json;version=3.0")),
                ("/collections", get("The collections", "getCollections", ["f"], "application/json")),
                ("/collections/projects", get("The projects collection", "getCollection", ["f"], "application/json")),
                ("/collections/projects/queryables", get("The queryable properties (JSON Schema)", "getQueryables", ["f"], "application/schema+json")),
                ("/collections/projects/schema", get("The schema of the projects (JSON Schema)", "getSchema", ["f"], "application/schema+json")),
                ("/collections/projects/items", get("Projects in an area, filtered and paged", "getFeatures",
                                                     areaAndFilters + ["crs", "limit", "offset"], "application/geo+json")),
                ("/collections/projects/items/{id}", get("One project", "getFeature", ["id", "crs", "f"], "application/geo+json", extra: notFound)),
                ("/summaries", get("Counts by keys, with totals and shares", "getSummaries", ["by", "count"] + areaAndFilters, "application/json")),
                ("/clusters", get("Clusters at a zoom in a view", "getClusters", ["zoom"] + areaAndFilters, "application/geo+json")),
                ("/health", get("Whether the service and its store answer", "getHealth", [], "application/json")),
            ])),
            ("components", object([("parameters", object(parameters))])),
        ])
    }
}
