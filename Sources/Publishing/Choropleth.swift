import GeoJSON
import Regions

/// The one builder of choropleth collections: every country boundary as a feature, in the
/// boundaries' order, with its country's alpha-2 code (null for a boundary of no country), its
/// name, and the properties its caller counts for that country.
enum Choropleth {
    static func collection(
        boundaries: [CountryBoundary], properties: (_ country: String?) -> [(key: String, value: JSONValue)]
    ) -> FeatureCollection {
        FeatureCollection(features: boundaries.map { boundary in
            let code = boundary.assignment.country
            return Feature(geometry: .polygonal(boundary.parts), properties: JSONObject([
                ("country", code.map(JSONValue.string) ?? .null),
                ("name", .string(boundary.name)),
            ] + properties(code)))
        })
    }
}
