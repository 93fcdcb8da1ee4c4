import GeoJSON
import Participation
import Testing

/// A feature written straight from a project's fields (for pages of items) is the feature the
/// writer makes of `feature(includeDerived: true)`, byte for byte, with JSON's escapes (RFC 8259 §7).
@Suite struct FeatureTextTests {
    func text(_ record: Project, position: Position?) -> String {
        var out = ""
        record.writeFeature(position: position, into: &out)
        return out
    }

    @Test(arguments: [LocationPrecision.exact, .city, .country, .none])
    func writtenAsTheFeatureIs(precision: LocationPrecision) {
        let record = project(precision)
        #expect(text(record, position: record.position) == GeoJSONWriter().write(record.feature(includeDerived: true)))
    }

    /// Escapes as RFC 8259 spells them, absent values left out, no extra property, an altitude kept,
    /// and a point moved elsewhere written where the stored one was.
    @Test func escapesAbsentValuesAndMovedPoints() {
        var record = Project(
            id: "a\"b", title: "Tab\there \\ \u{1}", organisation: "Ünïcode ✓", participationLevel: .consultation,
            participantGroups: [], sector: .academia, locationPrecision: .exact, visibility: .internal, sources: ["line\nbreak"])
        record.startYear = 1999
        record.extra = JSONObject([("secret", .string("kept out"))])
        #expect(text(record, position: nil) == #"""
            {"type":"Feature","id":"a\"b","geometry":null,"properties":{"title":"Tab\there \\ \u0001","organisation":"Ünïcode ✓",\#
            "participationLevel":"consultation","participantGroups":[],"sector":"academia","purposes":[],"countries":[],\#
            "startYear":1999,"locationPrecision":"exact","visibility":"internal","sources":["line\nbreak"]}}
            """#)
        #expect(text(record, position: nil) == GeoJSONWriter().write(record.feature(includeDerived: true)))
        let moved = text(record, position: Position(longitude: 4_107_478.25, latitude: -145_918.5, altitude: 12))
        #expect(moved.hasPrefix(#"{"type":"Feature","id":"a\"b","geometry":{"type":"Point","coordinates":[4107478.25,-145918.5,12]},"#))
    }

    /// With `includeExtra`, the extra properties the feature keeps follow the derived ones (none
    /// that shadows a written property, and the first of a repeated name); `precision` rounds
    /// every coordinate, the altitude too, as the writer does.
    @Test func extraPropertiesAndPrecision() {
        var record = project(.exact)
        record.description = nil
        record.updated = "2026-01-02"
        record.extra = JSONObject([
            ("contact", .string("a@b.example")), ("title", .string("shadowed")), ("description", .string("absent, so kept")),
            ("updated", .string("shadowed")), ("country", .string("shadowed by the derived one")),
            ("nested", .object(JSONObject([("n", .number(7)), ("list", .array([.null, .bool(true), .number(0.125)]))]))),
            ("contact", .string("repeated")),
        ])
        for precision in [nil, 0, 3] {
            var out = ""
            let moved = Position(longitude: 12.345678, latitude: -0.0004, altitude: 9.87654)
            record.writeFeature(position: moved, precision: precision, includeExtra: true, into: &out)
            var feature = record.feature(includeDerived: true, includeExtra: true)
            feature.geometry = .point(moved)
            #expect(out == GeoJSONWriter(precision: precision).write(feature))
        }
        var out = ""
        record.writeFeature(position: nil, precision: 2, includeExtra: true, into: &out)
        #expect(out.hasSuffix(#""contact":"a@b.example","description":"absent, so kept","nested":{"n":7,"list":[null,true,0.125]}}}"#), "\(out)")
    }
}
