import GeoJSON
import Participation
import Testing

/// A valid feature is read straight from its bytes into the record; one with anything worth a
/// problem (here, an unknown property, a warning) takes the general path. Both must give the record
/// built in code.
@Suite struct DirectReadTests {
    @Test(arguments: LocationPrecision.allCases)
    func aRecordReadsTheSameStraightAndTheGeneralWay(precision: LocationPrecision) throws {
        var record = project(precision, position: precision == .none ? nil : Position(longitude: 36.9, latitude: -1.31))
        record.derived = precision == .none ? nil : testPlaces.assignment(forCountry: "KE")
        record.updated = nil
        record.extra = JSONObject()
        let plain = GeoJSONWriter().write(FeatureCollection(features: [record.feature(includeDerived: false)]))
        let (straight, problems) = try readFile(plain, extension: "geojson")
        #expect(problems == [])
        #expect(straight == [record])

        var withExtra = record
        withExtra.extra = JSONObject([("note", .string("n"))])
        let text = GeoJSONWriter().write(FeatureCollection(features: [withExtra.feature(includeDerived: false, includeExtra: true)]))
        let (general, warnings) = try readFile(text, extension: "geojson")
        #expect(warnings == [#"in.geojson: /features/0/properties/note: warning: unknown property "note" is kept but never published"#])
        #expect(general == [withExtra])
    }

    /// What the direct path leaves to the general one is still reported in its place, in file order,
    /// between valid records read straight.
    @Test func problemsBetweenStraightRecordsKeepTheirPlaces() throws {
        let valid = #"{"type":"Feature","id":"ID","geometry":null,"properties":\#(properties())}"#
        let text = """
            {"type":"FeatureCollection","features":[
            \(valid.replacingOccurrences(of: "ID", with: "a")),
            \(valid.replacingOccurrences(of: "ID", with: "b").replacingOccurrences(of: #""led""#, with: #""lead""#)),
            \(valid.replacingOccurrences(of: "ID", with: "a")),
            \(valid.replacingOccurrences(of: "ID", with: "c"))
            ]}
            """
        let (projects, problems) = try readFile(text, extension: "geojson")
        #expect(projects.isEmpty)
        #expect(problems == [
            #"in.geojson: /features/1/properties/participationLevel: expected one of consultation, collaboration, coProduction, led, found "lead""#,
            #"in.geojson: /features/2/id: expected a unique id, found "a" again (first at /features/0/id)"#,
        ])
    }
}
