import GeoJSON
import Participation

/// The JSON Schema (2020-12) of every public property of a project, as OGC API – Features Part 3
/// serves queryables and as GDAL's OAPIF driver reads a collection's schema (rel `describedby`),
/// so that every field arrives in GDAL and QGIS whatever the first page holds.
enum Queryables {
    static func document(id: String, title: String) -> JSONValue {
        func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members.map { (key: $0.0, value: $0.1) })) }
        func text(_ title: String, _ description: String) -> JSONValue {
            object([("title", .string(title)), ("description", .string(description)), ("type", .string("string"))])
        }
        func terms(_ title: String, _ description: String, _ values: [String]) -> JSONValue {
            object([("title", .string(title)), ("description", .string(description)), ("type", .string("string")),
                    ("enum", .array(values.map(JSONValue.string)))])
        }
        func list(_ title: String, _ description: String, _ values: [String]?) -> JSONValue {
            var items: [(String, JSONValue)] = [("type", .string("string"))]
            if let values { items.append(("enum", .array(values.map(JSONValue.string)))) }
            return object([("title", .string(title)), ("description", .string(description)), ("type", .string("array")), ("items", object(items))])
        }
        func year(_ title: String, _ description: String) -> JSONValue {
            object([("title", .string(title)), ("description", .string(description)), ("type", .string("integer"))])
        }
        let properties: [(String, JSONValue)] = [
            ("geometry", object([("$ref", .string("https://geojson.org/schema/Point.json")), ("x-ogc-role", .string("primary-geometry"))])),
            ("title", text("Title", "The project's name")),
            ("organisation", text("Organisation", "Who runs it")),
            ("description", text("Description", "What it does, in a few sentences")),
            ("url", object([("title", .string("Link")), ("description", .string("Where to read more")), ("type", .string("string")),
                            ("format", .string("uri"))])),
            ("initiative", text("Initiative", "Shared by the records of one initiative at several sites")),
            ("participationLevel", terms("Participation level", "Where it stands on the Participation Model",
                                         ParticipationLevel.allCases.map(\.rawValue))),
            ("participantGroups", list("Participant groups", "Who takes part", ParticipantGroup.allCases.map(\.rawValue))),
            ("sector", terms("Sector", "The sector of the organisation", Sector.allCases.map(\.rawValue))),
            ("purposes", list("Purposes", "What participation shapes", Purpose.allCases.map(\.rawValue))),
            ("countries", list("Countries", "ISO 3166-1 alpha-2 codes of where it runs; the first is the main site", nil)),
            ("city", text("City", "A city of the main country")),
            ("startYear", year("Start year", "The year it started")),
            ("endYear", year("End year", "The year it ended, if it has")),
            ("locationPrecision", terms("Location precision", "The most precise location that may be published",
                                        LocationPrecision.allCases.map(\.rawValue))),
            ("visibility", terms("Visibility", "Public projects only, unless a reader token is sent", Visibility.allCases.map(\.rawValue))),
            ("sources", list("Sources", "Where the facts come from", nil)),
            ("updated", object([("title", .string("Updated")), ("description", .string("When the record was last written")),
                                ("type", .string("string")), ("format", .string("date"))])),
            ("country", text("Country", "ISO 3166-1 alpha-2 code of the country the published point lies in")),
            ("region", text("Region", "UN M49 region")),
            ("regionCode", text("Region code", "UN M49 code of the region")),
            ("subregion", text("Sub-region", "UN M49 sub-region")),
            ("subregionCode", text("Sub-region code", "UN M49 code of the sub-region")),
            ("intermediateRegion", text("Intermediate region", "UN M49 intermediate region, where there is one")),
            ("intermediateRegionCode", text("Intermediate region code", "UN M49 code of the intermediate region")),
        ]
        return object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")), ("$id", .string(id)),
            ("type", .string("object")), ("title", .string(title)), ("properties", object(properties)),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// The schema of one project as a GeoJSON Feature (RFC 7946): `type`, `id`, a Point or null
    /// `geometry`, and `properties` holding the public properties of `document`. GDAL 3.6's OAPIF
    /// driver reads a collection's JSON Schema this way (it builds an example object from the
    /// schema and takes its fields from the example's `properties`), so every field arrives in
    /// GDAL and QGIS, not only those the first page holds.
    static func featureDocument(id: String, title: String) -> JSONValue {
        guard case .object(let flat) = document(id: id, title: title), case .object(let all)? = flat["properties"] else { return .null }
        let properties = JSONObject(all.members.filter { $0.key != "geometry" })
        return .object(JSONObject([
            (key: "$schema", value: .string("https://json-schema.org/draft/2020-12/schema")), (key: "$id", value: .string(id)),
            (key: "type", value: .string("object")), (key: "title", value: .string(title)),
            (key: "required", value: .array(["type", "id", "geometry", "properties"].map(JSONValue.string))),
            (key: "properties", value: .object(JSONObject([
                (key: "type", value: .object(JSONObject([(key: "type", value: .string("string")), (key: "enum", value: .array([.string("Feature")]))]))),
                (key: "id", value: .object(JSONObject([(key: "type", value: .string("string"))]))),
                (key: "geometry", value: .object(JSONObject([(key: "oneOf", value: .array([
                    .object(JSONObject([(key: "type", value: .string("null"))])),
                    .object(JSONObject([(key: "$ref", value: .string("https://geojson.org/schema/Point.json"))])),
                ]))]))),
                (key: "properties", value: .object(JSONObject([
                    (key: "type", value: .string("object")), (key: "properties", value: .object(properties)),
                ]))),
            ]))),
        ]))
    }
}
