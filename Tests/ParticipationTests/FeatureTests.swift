import GeoJSON
import Participation
import Regions
import Testing

/// Records as GeoJSON features: a fixed property order, derived areas as flat strings, and read
/// back as the same record.
@Suite struct FeatureTests {
    @Test func propertiesAreWrittenInTheirFixedOrder() throws {
        let written = GeoJSONWriter().write(project(.exact).feature(includeDerived: true, includeExtra: true))
        #expect(written == """
            {"type":"Feature","id":"p","geometry":{"type":"Point","coordinates":[36.9,-1.31]},"properties":{\
            "title":"Survivor advisory board","organisation":"Org","description":"Shapes services",\
            "url":"https://example.org/board","initiative":"Boards","participationLevel":"led",\
            "participantGroups":["adultSurvivors","youngPeople"],"sector":"civilSociety","purposes":["governance","supportServices"],\
            "countries":["KE"],"city":"Nairobi","startYear":2021,"endYear":2024,"locationPrecision":"exact","visibility":"public",\
            "sources":["Annual Review 2023","https://example.org/report"],"updated":"2026-11-24",\
            "country":"KE","region":"Africa","regionCode":"002","subregion":"Sub-Saharan Africa","subregionCode":"202",\
            "intermediateRegion":"Eastern Africa","intermediateRegionCode":"014","contact":"ann@example.org"}}
            """)
    }

    @Test func absentValuesAreOmitted() throws {
        let record = Project(
            id: "q", title: "T", organisation: "O", participationLevel: .consultation, participantGroups: [.children],
            sector: .academia, locationPrecision: .none, visibility: .internal, sources: ["s"])
        #expect(GeoJSONWriter().write(record.feature(includeDerived: true, includeExtra: true)) == """
            {"type":"Feature","id":"q","geometry":null,"properties":{"title":"T","organisation":"O",\
            "participationLevel":"consultation","participantGroups":["children"],"sector":"academia","purposes":[],\
            "countries":[],"locationPrecision":"none","visibility":"internal","sources":["s"]}}
            """)
    }

    /// What a store wrote reads back as the same record, extra properties and areas included.
    @Test(arguments: [LocationPrecision.exact, .city, .country, .none])
    func storedFeaturesReadBackWhole(precision: LocationPrecision) throws {
        let original = project(precision)
        let text = GeoJSONWriter().write(original.feature(includeDerived: true, includeExtra: true))
        #expect(Project(stored: try JSONParser.parse(text)) == original)
    }

    @Test func aFeatureNoStoreWroteIsNotRead() throws {
        #expect(Project(stored: try JSONParser.parse(#"{"type":"Feature","id":"a","geometry":null,"properties":{"title":"T"}}"#)) == nil)
        #expect(Project(stored: try JSONParser.parse("[]")) == nil)
    }

    @Test func extraAndDerivedAreWrittenOnlyWhenAsked() throws {
        let properties = try #require(project(.exact).feature(includeDerived: false, includeExtra: false).properties)
        #expect(properties.keys == recordTable)
    }

    @Test func derivedAreasReadBack() {
        let areas = testPlaces.assignment(forCountry: "GH")
        var record = project(.country, countries: ["GH"], city: nil)
        record.derived = areas
        #expect(Project.derived(from: record.feature().properties ?? JSONObject()) == areas)
        #expect(Project.derived(from: JSONObject()) == nil)
    }

    /// A feature we wrote reads back as the same record; the only problems are the warnings
    /// that the derived areas and the date are not taken from input.
    @Test(arguments: LocationPrecision.allCases)
    func aWrittenFeatureReadsBackAsTheSameRecord(precision: LocationPrecision) throws {
        var record = project(precision, position: precision == .none ? nil : Position(longitude: 36.9, latitude: -1.31))
        record.derived = precision == .none ? nil : testPlaces.assignment(forCountry: "KE")
        let text = GeoJSONWriter().write(FeatureCollection(features: [record.feature(includeDerived: true, includeExtra: true)]))
        let (projects, problems) = try readFile(text, extension: "geojson")
        var derivedNames = ["country", "region", "regionCode", "subregion", "subregionCode", "intermediateRegion", "intermediateRegionCode"]
        if precision == .none { derivedNames = [] }
        #expect(problems == [
            #"in.geojson: /features/0/properties/updated: warning: "updated" is set by the store; the input value is ignored"#,
        ] + derivedNames.map {
            "in.geojson: /features/0/properties/\($0): warning: \"\($0)\" is derived on import; the input value is ignored"
        } + [
            #"in.geojson: /features/0/properties/contact: warning: unknown property "contact" is kept but never published"#,
        ])
        var again = try #require(projects.first)
        again.updated = record.updated
        #expect(again == record)
    }

    @Test func aWrittenCollectionIsWrittenAgainByteForByte() throws {
        let records = LocationPrecision.allCases.enumerated().map { i, precision in
            var record = project(precision, position: precision == .none ? nil : Position(longitude: 36.9, latitude: -1.31))
            record.id = "p\(i)"
            record.updated = nil
            record.derived = nil
            return record
        }
        let first = GeoJSONWriter().write(FeatureCollection(features: records.map { $0.feature(includeDerived: false, includeExtra: true) }))
        let (projects, _) = try readFile(first, extension: "geojson")
        let second = GeoJSONWriter().write(FeatureCollection(features: projects.map { $0.feature(includeDerived: false, includeExtra: true) }))
        #expect(second == first)
    }

    /// An HTTP body is one feature: a repeated member is named by its pointer into the body.
    @Test func aBodyNamingAMemberTwiceIsRefusedAtTheRepeat() throws {
        let body = #"{"type":"Feature","id":"p1","geometry":null,"properties":"# + properties(["visibility": #""internal""#])
            .dropLast() + #","visibility":"public"}}"#
        let (project, problems) = ProjectFile.read(feature: Array(body.utf8), source: "body", places: testPlaces)
        #expect(project == nil)
        #expect(problems.map(\.description) == [#"body: /properties/visibility: member "visibility" appears twice"#])
    }
}
