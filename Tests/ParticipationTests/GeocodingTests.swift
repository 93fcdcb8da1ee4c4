import GeoJSON
import Participation
import Testing

/// Geocoding and derivation on import (docs/ARCHITECTURE.md, "What a project is", last paragraph).
@Suite struct GeocodingTests {
    static let paris = #"{"type":"Point","coordinates":[2.35,48.85]}"#
    static let atSea = #"{"type":"Point","coordinates":[-30,0]}"#

    @Test func aRecordWithoutAPointIsPlacedAtItsCountry() throws {
        let project = try #require(try read().projects.first)
        #expect(project.position == testPlaces.countryPoint("KE"))
        #expect(project.derived == testPlaces.assignment(forCountry: "KE"))
    }

    @Test func aRecordWithACityIsPlacedAtTheMostPopulousMatch() throws {
        let (projects, problems) = try read(properties: properties(["city": #""Newport""#, "countries": #"["GB"]"#, "locationPrecision": #""city""#]))
        #expect(problems == [])
        let project = try #require(projects.first)
        #expect(project.position == Position(longitude: -2.99835, latitude: 51.58774))
        #expect(project.derived?.subregion?.name == "Northern Europe")
    }

    /// Issue 12 ("say what is true"): `exact` needs a geometry; a city or country is not geocoded
    /// into one.
    @Test func anExactRecordNeedsAPoint() throws {
        let properties = properties(["city": #""Bangkok""#, "countries": #"["TH"]"#, "locationPrecision": #""exact""#])
        let (projects, problems) = try read(properties: properties)
        #expect(projects.isEmpty)
        #expect(problems == [#"in.geojson: /features/0/geometry: expected a Point for locationPrecision "exact", found null"#])
        let header = "id,title,organisation,participationLevel,participantGroups,sector,countries,locationPrecision,visibility,sources,lon,lat"
        let csv = try readFile(header + "\na,T,O,led,children,civilSociety,KE,exact,public,s,,\n", extension: "csv")
        #expect(csv.problems == [#"in.csv: row 1, column lon: expected a Point for locationPrecision "exact", found null"#])
    }

    @Test func aCountryWithoutAPointCannotPlaceARecord() throws {
        #expect(try read(properties: properties(["countries": #"["AQ"]"#])).problems == [
            #"in.geojson: /features/0/properties/countries/0: expected a country with a known point to place the project by, found "AQ"; give a Point"#,
        ])
    }

    @Test func aGivenPointIsStoredAsGiven() throws {
        let point = #"{"type":"Point","coordinates":[36.9,-1.31]}"#
        for precision in ["exact", "city", "country"] {
            let changes = ["locationPrecision": "\"\(precision)\"", "city": precision == "city" ? #""Nairobi""# : nil]
            let (projects, problems) = try read(properties: properties(changes), geometry: point)
            #expect(problems == [])
            #expect(projects.first?.position == Position(longitude: 36.9, latitude: -1.31))
        }
    }

    @Test func anExactPointIsPlacedWhereItFalls() throws {
        let (projects, problems) = try read(properties: properties(["locationPrecision": #""exact""#, "countries": #"["GB","IE"]"#]),
                                            geometry: #"{"type":"Point","coordinates":[-6.26,53.35]}"#)
        #expect(problems == [])
        #expect(projects.first?.derived?.country == "IE")
    }

    /// A record published at its city or country says no more than its main country, wherever its
    /// stored point is.
    @Test(arguments: ["city", "country"])
    func lessPreciseRecordsTakeTheirMainCountrysAreas(precision: String) throws {
        let changes = ["locationPrecision": "\"\(precision)\"", "countries": #"["GB","IE"]"#, "city": precision == "city" ? #""London""# : nil]
        let (projects, problems) = try read(properties: properties(changes), geometry: #"{"type":"Point","coordinates":[-6.26,53.35]}"#)
        #expect(problems == [])
        #expect(projects.first?.derived == testPlaces.assignment(forCountry: "GB"))
    }

    @Test func aPointOutsideItsCountriesIsAWarning() throws {
        let (projects, problems) = try read(properties: properties(["locationPrecision": #""exact""#, "countries": #"["DE"]"#]), geometry: Self.paris)
        #expect(problems == ["in.geojson: /features/0/geometry: warning: the point falls in FR, which is not among the countries [DE]"])
        #expect(projects.first?.derived?.country == "FR")
    }

    @Test func aLessPrecisePointOutsideItsCountriesIsAWarningToo() throws {
        let (projects, problems) = try read(properties: properties(["countries": #"["DE","GB"]"#]), geometry: Self.paris)
        #expect(problems == ["in.geojson: /features/0/geometry: warning: the point falls in FR, which is not among the countries [DE, GB]"])
        #expect(projects.first?.derived?.country == "DE")
    }

    @Test func aPointInNoCountryIsAWarningOnlyWhenCountriesAreNamed() throws {
        #expect(try read(properties: properties(["locationPrecision": #""exact""#]), geometry: Self.atSea).problems == [
            "in.geojson: /features/0/geometry: warning: the point falls in no country, not in [KE]",
        ])
        let (projects, problems) = try read(properties: properties(["locationPrecision": #""exact""#, "countries": nil]), geometry: Self.atSea)
        #expect(problems.isEmpty, "an online project with no countries may sit anywhere")
        #expect(projects.first?.derived == nil)
    }

    @Test func aWholeFileIsAssignedInOneCall() throws {
        let places = TestPlaces()
        let point = #"{"type":"Point","coordinates":[36.9,-1.31]}"#
        let features = (0 ..< 5).map { i in
            // Given points are exact; the others are placed at their country's point.
            let precision = i % 2 == 0 ? #""exact""# : #""country""#
            return #"{"type":"Feature","id":"\#(i)","geometry":\#(i % 2 == 0 ? point : "null"),"properties":\#(properties(["locationPrecision": precision]))}"#
        }
        let text = #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
        let (projects, problems) = try readFile(text, extension: "geojson", places: places)
        #expect(problems == [])
        #expect(projects.count == 5)
        #expect(places.assignCalls == [3])
    }

    @Test func aFileWithoutGivenPointsMakesNoAssignCall() throws {
        let places = TestPlaces()
        #expect(try read(places: places).projects.count == 1)
        #expect(places.assignCalls == [])
    }
}
