import GeoJSON
import Participation
import Testing

/// One test per rule of the record, each asserting the exact problem line.
@Suite struct RecordRuleTests {
    @Test func aValidRecordReads() throws {
        let (projects, problems) = try read()
        #expect(problems == [])
        let project = try #require(projects.first)
        #expect(project.id == "p1")
        #expect(project.participationLevel == .led)
        #expect(project.derived?.country == "KE")
        #expect(project.derived?.intermediateRegion?.name == "Eastern Africa")
        #expect(project.position == atlas.countryPoint("KE"))
    }

    @Test(arguments: ["title", "organisation", "participationLevel", "participantGroups", "sector", "locationPrecision", "visibility", "sources"])
    func requiredPropertiesMustBeThere(name: String) throws {
        let (projects, problems) = try read(properties: properties([name: nil]))
        #expect(projects.isEmpty)
        #expect(problems == ["in.geojson: /features/0/properties/\(name): expected a \"\(name)\" property, found none"])
    }

    @Test func idIsRequired() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":\#(properties())}]}"#
        #expect(try readFile(text, extension: "geojson").problems == [
            #"in.geojson: /features/0: expected an "id" (a string or a number), found none"#,
        ])
        #expect(try read(id: #""  ""#).problems == [#"in.geojson: /features/0/id: expected a non-empty id, found "  ""#])
    }

    @Test func aNumericIdIsItsDecimalString() throws {
        #expect(try read(id: "42").projects.first?.id == "42")
    }

    @Test func textsMustBeNonEmptyStrings() throws {
        #expect(try read(properties: properties(["title": #""  ""#])).problems == [
            #"in.geojson: /features/0/properties/title: expected a non-empty string, found "  ""#,
        ])
        #expect(try read(properties: properties(["organisation": "3"])).problems == [
            "in.geojson: /features/0/properties/organisation: expected a string, found a number",
        ])
    }

    @Test func enumsListTheAllowedValues() throws {
        #expect(try read(properties: properties(["participationLevel": #""Led""#])).problems == [
            #"in.geojson: /features/0/properties/participationLevel: expected one of consultation, collaboration, coProduction, led, found "Led""#,
        ])
        #expect(try read(properties: properties(["sector": #""ngo""#])).problems == [
            #"in.geojson: /features/0/properties/sector: expected one of government, privateSector, civilSociety, intergovernmental, academia, found "ngo""#,
        ])
        #expect(try read(properties: properties(["visibility": #""secret""#])).problems == [
            #"in.geojson: /features/0/properties/visibility: expected one of public, internal, found "secret""#,
        ])
    }

    @Test func listElementsArePointedAt() throws {
        #expect(try read(properties: properties(["participantGroups": #"["children","teens"]"#])).problems == [
            #"in.geojson: /features/0/properties/participantGroups/1: expected one of children, youngPeople, adultSurvivors, parentsCarers, found "teens""#,
        ])
        #expect(try read(properties: properties(["purposes": #"["research",5]"#])).problems == [
            "in.geojson: /features/0/properties/purposes/1: expected one of research, policy, advocacy, programmeDesign, governance, campaign, technologyDesign, supportServices, found 5",
        ])
        #expect(try read(properties: properties(["participantGroups": #""children""#])).problems == [
            "in.geojson: /features/0/properties/participantGroups: expected an array, found a string",
        ])
    }

    @Test func groupsAndSourcesNeedAtLeastOne() throws {
        #expect(try read(properties: properties(["participantGroups": "[]"])).problems == [
            "in.geojson: /features/0/properties/participantGroups: expected at least one entry, found none",
        ])
        #expect(try read(properties: properties(["sources": "[]"])).problems == [
            "in.geojson: /features/0/properties/sources: expected at least one entry, found none",
        ])
        #expect(try read(properties: properties(["sources": #"[""]"#])).problems == [
            #"in.geojson: /features/0/properties/sources/0: expected a non-empty string, found """#,
        ])
    }

    @Test func duplicatesInListsAreWarnings() throws {
        let (projects, problems) = try read(properties: properties(["participantGroups": #"["children","children"]"#]))
        #expect(problems == [#"in.geojson: /features/0/properties/participantGroups/1: warning: "children" is listed twice; counted once"#])
        #expect(projects.first?.participantGroups == [.children])
    }

    @Test func countriesAreAlpha2Codes() throws {
        #expect(try read(properties: properties(["countries": #"["KE","UK"]"#])).problems == [
            #"in.geojson: /features/0/properties/countries/1: expected an ISO 3166-1 alpha-2 country code, found "UK" (the United Kingdom is "GB")"#,
        ])
        #expect(try read(properties: properties(["countries": #"["ke"]"#])).problems == [
            #"in.geojson: /features/0/properties/countries/0: expected an ISO 3166-1 alpha-2 country code, found "ke" (did you mean "KE"?)"#,
        ])
    }

    @Test(arguments: ["ftp://example.org/x", "example.org", "https://", "mailto:a@b.org"])
    func urlsAreAbsoluteHTTP(url: String) throws {
        #expect(try read(properties: properties(["url": "\"\(url)\""])).problems == [
            "in.geojson: /features/0/properties/url: expected an absolute http or https URL, found \"\(url)\"",
        ])
    }

    @Test func yearsAreIntegersInOrder() throws {
        #expect(try read(properties: properties(["startYear": "2024", "endYear": "2023"])).problems == [
            "in.geojson: /features/0/properties/endYear: expected a year no earlier than startYear 2024, found 2023",
        ])
        #expect(try read(properties: properties(["startYear": "2023.5"])).problems == [
            "in.geojson: /features/0/properties/startYear: expected a year (an integer in 1900..2100), found 2023.5",
        ])
        #expect(try read(properties: properties(["startYear": #""2023""#])).problems == [
            #"in.geojson: /features/0/properties/startYear: expected a year (an integer in 1900..2100), found "2023""#,
        ])
    }

    @Test func citiesComeFromTheGazetteer() throws {
        #expect(try read(properties: properties(["city": #""Atlantis""#, "locationPrecision": #""city""#])).problems == [
            #"in.geojson: /features/0/properties/city: expected a city of KE in the gazetteer, found "Atlantis""#,
        ])
        #expect(try read(properties: properties(["city": #""Nairobi""#, "countries": "[]", "locationPrecision": #""city""#])).problems == [
            "in.geojson: /features/0/properties/city: expected countries with the city's country first, found none",
        ])
        #expect(try read(properties: properties(["locationPrecision": #""city""#])).problems == [
            #"in.geojson: /features/0/properties/city: expected a city for locationPrecision "city", found none"#,
        ])
    }

    @Test func onlyPointOrNullGeometry() throws {
        let line = #"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#
        #expect(try read(geometry: line).problems == [
            "in.geojson: /features/0/geometry/type: expected a Point or null geometry, found a LineString",
        ])
    }

    @Test func nullGeometryExactlyWhenNoneOrGeocodable() throws {
        let point = #"{"type":"Point","coordinates":[36.82,-1.29]}"#
        #expect(try read(properties: properties(["locationPrecision": #""none""#]), geometry: point).problems == [
            #"in.geojson: /features/0/geometry: expected a null geometry for locationPrecision "none", found a Point"#,
        ])
        #expect(try read(properties: properties(["locationPrecision": #""exact""#, "countries": nil])).problems == [
            "in.geojson: /features/0/geometry: expected a Point, or countries to place the project by, found neither",
        ])
        #expect(try read(properties: properties(["countries": "[]"])).problems == [
            #"in.geojson: /features/0/properties/countries: expected at least one country for locationPrecision "country", found none"#,
        ])
        let (projects, problems) = try read(properties: properties(["locationPrecision": #""none""#, "countries": "[]"]))
        #expect(problems == [])
        #expect(projects.first?.position == nil)
        #expect(projects.first?.derived == nil)
    }

    @Test func storeAndDerivedPropertiesAreIgnoredWithAWarning() throws {
        let (projects, problems) = try read(properties: properties(["updated": #""2020-01-01""#, "region": #""Europe""#]))
        #expect(problems.sorted() == [
            #"in.geojson: /features/0/properties/region: warning: "region" is derived on import; the input value is ignored"#,
            #"in.geojson: /features/0/properties/updated: warning: "updated" is set by the store; the input value is ignored"#,
        ])
        #expect(projects.first?.updated == nil)
        #expect(projects.first?.derived?.region?.name == "Africa")
    }

    @Test func unknownPropertiesAreKeptWithAWarning() throws {
        let (projects, problems) = try read(properties: properties(["contact": #""ann@example.org""#]))
        #expect(problems == [#"in.geojson: /features/0/properties/contact: warning: unknown property "contact" is kept but never published"#])
        #expect(projects.first?.extra["contact"] == .string("ann@example.org"))
    }

    @Test func aPointOutsideItsCountriesIsAWarning() throws {
        let paris = #"{"type":"Point","coordinates":[2.35,48.85]}"#
        let (projects, problems) = try read(properties: properties(["locationPrecision": #""exact""#, "countries": #"["DE"]"#]), geometry: paris)
        #expect(problems == ["in.geojson: /features/0/geometry: warning: the point falls in FR, which is not among the countries [DE]"])
        #expect(projects.first?.derived?.country == "FR")
        let atSea = #"{"type":"Point","coordinates":[-30,0]}"#
        #expect(try read(properties: properties(["locationPrecision": #""exact""#]), geometry: atSea).problems == [
            "in.geojson: /features/0/geometry: warning: the point falls in no country, not in [KE]",
        ])
        #expect(try read(properties: properties(["locationPrecision": #""exact""#, "countries": "[]"]), geometry: atSea).problems == [])
    }

    @Test func geocodingUsesTheMostPopulousCity() throws {
        let (projects, problems) = try read(properties: properties(["city": #""London""#, "countries": #"["GB"]"#, "locationPrecision": #""city""#]))
        #expect(problems == [])
        #expect(projects.first?.position == atlas.cityPoint(named: "London", country: "GB"))
        #expect(projects.first?.derived?.subregion?.name == "Northern Europe")
    }

    @Test func anErrorAnywhereMeansNoRecords() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":null,"properties":\(properties())},
            {"type":"Feature","id":"b","geometry":null,"properties":\(properties(["sector": nil]))}
            ]}
            """
        let (projects, problems) = try readFile(text, extension: "geojson")
        #expect(projects.isEmpty)
        #expect(problems == [#"in.geojson: /features/1/properties/sector: expected a "sector" property, found none"#])
    }
}
