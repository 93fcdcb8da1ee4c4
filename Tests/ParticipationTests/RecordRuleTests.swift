import GeoJSON
import Participation
import TestSupport
import Testing

/// One test per rule of the record (docs/ARCHITECTURE.md, "What a project is"), each asserting the exact problem lines.
@Suite struct RecordRuleTests {
    @Test func aValidRecordReads() throws {
        let (projects, problems) = try read()
        #expect(problems == [])
        let project = try #require(projects.first)
        #expect(project == Project(
            id: "p1", title: "Youth panel", organisation: "Org", participationLevel: .led, participantGroups: [.youngPeople],
            sector: .civilSociety, purposes: [.advocacy], countries: ["KE"], locationPrecision: .country, visibility: .public,
            sources: ["Annual Review 2023"], position: testPlaces.countryPoint("KE"),
            derived: testPlaces.assignment(forCountry: "KE")))
    }

    // MARK: id

    @Test func idIsRequired() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":\#(properties())}]}"#
        #expect(try readFile(text, extension: "geojson").problems == [
            #"in.geojson: /features/0: expected an "id" (a string or a number), found none"#,
        ])
    }

    @Test func idIsNotBlank() throws {
        #expect(try read(id: #""  ""#).problems == [#"in.geojson: /features/0/id: expected a non-empty id, found "  ""#])
    }

    /// Ids go into URLs, CSV rows and database keys; NUL, tabs and line breaks break them.
    @Test(arguments: [#""a\u0000b""#, #""a\tb""#, #""line\nbreak""#])
    func idHasNoControlCharacters(written: String) throws {
        let problems = try read(id: written).problems
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("in.geojson: /features/0/id: expected an id without control characters, found \"") == true, "\(problems)")
    }

    /// A numeric id is its exact decimal text at any size (issue 12: 9007199254740993, above 2^53,
    /// once became …992); the expected texts are Python's `decimal` module's.
    @Test func aNumericIdIsItsDecimalString() throws {
        let written = ["42", "7.5", "1e3", "9007199254740993", "9007199254740992", "123456789012345678901234567890",
                       "-17", "1.250e2", "0.000123", "12E-2", "1E+2", "-3.0"]
        let script = "import sys, decimal\nfrom decimal import Decimal\ndecimal.getcontext().prec = 1000\nfor l in sys.stdin.read().split():\n    print(format(Decimal(l).normalize(), 'f'))"
        let expected = try Python.run(script: "-c", arguments: [script], input: written.joined(separator: "\n"))
            .split(separator: "\n").map(String.init)
        #expect(expected.count == written.count)
        for (literal, id) in zip(written, expected) {
            #expect(try read(id: literal).projects.map(\.id) == [id], "\(literal)")
        }
    }

    @Test func idsThatOneDoubleWouldMergeStayDistinct() throws {
        let features = ["9007199254740993", "9007199254740992"].map { id in
            #"{"type":"Feature","id":\#(id),"geometry":null,"properties":\#(properties())}"#
        }
        let (projects, problems) = try readFile(#"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#, extension: "geojson")
        #expect(problems == [])
        #expect(projects.map(\.id) == ["9007199254740993", "9007199254740992"])
    }

    // MARK: Required properties and types

    @Test(arguments: ["title", "organisation", "participationLevel", "participantGroups", "sector", "locationPrecision", "visibility", "sources"])
    func requiredPropertiesMustBeThere(name: String) throws {
        let (projects, problems) = try read(properties: properties([name: nil]))
        #expect(projects.isEmpty)
        #expect(problems == ["in.geojson: /features/0/properties: expected a \"\(name)\" property, found none"])
    }

    @Test func aRequiredNullIsNamed() throws {
        #expect(try read(properties: properties(["title": "null"])).problems == [
            #"in.geojson: /features/0/properties/title: expected a value for "title", found null"#,
        ])
    }

    @Test func anOptionalNullIsAbsent() throws {
        let (projects, problems) = try read(properties: properties(["description": "null", "url": "null", "startYear": "null"]))
        #expect(problems == [])
        #expect(projects.first?.description == nil)
    }

    @Test func nullPropertiesNameEveryRequiredOne() throws {
        let problems = try read(properties: "null").problems
        #expect(problems.count == 8)
        #expect(problems.first == #"in.geojson: /features/0/properties: expected a "title" property, found none"#)
    }

    @Test(arguments: [
        ("title", "3", "expected a string, found a number"),
        ("organisation", "[]", "expected a string, found an array"),
        ("description", "true", "expected a string, found a boolean"),
        ("initiative", "{}", "expected a string, found an object"),
    ])
    func textsMustBeStrings(name: String, value: String, message: String) throws {
        #expect(try read(properties: properties([name: value])).problems == ["in.geojson: /features/0/properties/\(name): \(message)"])
    }

    @Test(arguments: ["title", "organisation", "description", "initiative"])
    func textsMustNotBeBlank(name: String) throws {
        #expect(try read(properties: properties([name: #"" \t ""#])).problems == [
            // The tab escaped: a problem is one line.
            "in.geojson: /features/0/properties/\(name): expected a non-empty string, found \" \\t \"",
        ])
    }

    @Test func textsAreKeptAsWritten() throws {
        #expect(try read(properties: properties(["title": #"" Youth panel ""#])).projects.first?.title == " Youth panel ")
    }

    // MARK: Enums

    @Test(arguments: [
        ("participationLevel", #""Led""#, #"expected one of consultation, collaboration, coProduction, led, found "Led""#),
        ("sector", #""ngo""#, #"expected one of government, privateSector, civilSociety, intergovernmental, academia, found "ngo""#),
        ("locationPrecision", #""street""#, #"expected one of exact, city, country, none, found "street""#),
        ("visibility", #""secret""#, #"expected one of public, internal, found "secret""#),
        ("visibility", "true", "expected one of public, internal, found true"),
    ])
    func enumsListTheAllowedValues(name: String, value: String, message: String) throws {
        #expect(try read(properties: properties([name: value])).problems == ["in.geojson: /features/0/properties/\(name): \(message)"])
    }

    @Test func listElementsArePointedAt() throws {
        #expect(try read(properties: properties(["participantGroups": #"["children","teens"]"#])).problems == [
            #"in.geojson: /features/0/properties/participantGroups/1: expected one of children, youngPeople, adultSurvivors, parentsCarers, found "teens""#,
        ])
        #expect(try read(properties: properties(["purposes": #"["research",5]"#])).problems == [
            "in.geojson: /features/0/properties/purposes/1: expected one of research, policy, advocacy, programmeDesign, governance, campaign, technologyDesign, supportServices, found 5",
        ])
    }

    @Test(arguments: ["participantGroups", "purposes", "countries", "sources"])
    func listsMustBeArrays(name: String) throws {
        #expect(try read(properties: properties([name: #""x""#])).problems == [
            "in.geojson: /features/0/properties/\(name): expected an array, found a string",
        ])
    }

    @Test func purposesMayBeAbsentOrEmpty() throws {
        #expect(try read(properties: properties(["purposes": nil])).projects.first?.purposes == [])
        #expect(try read(properties: properties(["purposes": "[]"])).projects.first?.purposes == [])
    }

    // MARK: Lists

    @Test(arguments: ["participantGroups", "sources"])
    func needAtLeastOne(name: String) throws {
        #expect(try read(properties: properties([name: "[]"])).problems == [
            "in.geojson: /features/0/properties/\(name): expected at least one entry, found none",
        ])
    }

    @Test func sourcesAreNonEmptyStrings() throws {
        #expect(try read(properties: properties(["sources": #"["a",""]"#])).problems == [
            #"in.geojson: /features/0/properties/sources/1: expected a non-empty string, found """#,
        ])
        #expect(try read(properties: properties(["sources": #"["a",2]"#])).problems == [
            "in.geojson: /features/0/properties/sources/1: expected a non-empty string, found 2",
        ])
    }

    /// Decision: a repeated entry is a warning (it is counted once), not an error.
    @Test(arguments: [
        ("participantGroups", #"["children","youngPeople","children"]"#, 2, #""children""#),
        ("purposes", #"["policy","policy"]"#, 1, #""policy""#),
        ("countries", #"["KE","GB","KE"]"#, 2, #""KE""#),
        ("sources", #"["Review","Review"]"#, 1, #""Review""#),
    ])
    func duplicatesInListsAreWarnings(name: String, value: String, index: Int, quoted: String) throws {
        let (projects, problems) = try read(properties: properties([name: value]))
        #expect(problems == ["in.geojson: /features/0/properties/\(name)/\(index): warning: \(quoted) is listed twice; counted once"])
        let project = try #require(projects.first)
        #expect(project.participantGroups == (name == "participantGroups" ? [.children, .youngPeople] : [.youngPeople]))
        #expect(project.countries == (name == "countries" ? ["KE", "GB"] : ["KE"]))
        #expect(project.sources.count == 1)
    }

    // MARK: Countries

    @Test(arguments: [
        (#"["KE","UK"]"#, 1, #"expected an ISO 3166-1 alpha-2 country code, found "UK" (the United Kingdom is "GB")"#),
        (#"["ke"]"#, 0, #"expected an ISO 3166-1 alpha-2 country code, found "ke" (did you mean "KE"?)"#),
        (#"["KEN"]"#, 0, #"expected an ISO 3166-1 alpha-2 country code, found "KEN""#),
        (#"["XX"]"#, 0, #"expected an ISO 3166-1 alpha-2 country code, found "XX""#),
        (#"[404]"#, 0, "expected an ISO 3166-1 alpha-2 country code, found 404"),
    ])
    func countriesAreAlpha2Codes(value: String, index: Int, message: String) throws {
        #expect(try read(properties: properties(["countries": value])).problems == [
            "in.geojson: /features/0/properties/countries/\(index): \(message)",
        ])
    }

    // MARK: url

    @Test(arguments: ["ftp://example.org/x", "example.org", "https://", "mailto:a@b.org", "https:example.org", "https://example.org/a b"])
    func urlsAreAbsoluteHTTP(url: String) throws {
        #expect(try read(properties: properties(["url": "\"\(url)\""])).problems == [
            "in.geojson: /features/0/properties/url: expected an absolute http or https URL, found \"\(url)\"",
        ])
    }

    @Test(arguments: ["https://example.org", "http://example.org/a?b=1#c", "HTTPS://Example.org/x"])
    func httpURLsAreAccepted(url: String) throws {
        let (projects, problems) = try read(properties: properties(["url": "\"\(url)\""]))
        #expect(problems == [])
        #expect(projects.first?.url == url)
    }

    // MARK: Years

    @Test(arguments: [
        ("startYear", "2023.5", "2023.5"), ("startYear", #""2023""#, #""2023""#), ("endYear", "1899", "1899"),
        ("endYear", "2101", "2101"), ("startYear", "-2020", "-2020"),
    ])
    func yearsAreIntegersInRange(name: String, value: String, found: String) throws {
        #expect(try read(properties: properties([name: value])).problems == [
            "in.geojson: /features/0/properties/\(name): expected a year (an integer in 1900..2100), found \(found)",
        ])
    }

    @Test func endYearIsNoEarlierThanStartYear() throws {
        #expect(try read(properties: properties(["startYear": "2024", "endYear": "2023"])).problems == [
            "in.geojson: /features/0/properties/endYear: expected a year no earlier than startYear 2024, found 2023",
        ])
        let (projects, problems) = try read(properties: properties(["startYear": "2024", "endYear": "2024"]))
        #expect(problems == [])
        #expect(projects.first.map { [$0.startYear, $0.endYear] } == [2024, 2024])
    }

    // MARK: City

    @Test func aCityMustBeInTheGazetteerOfTheMainCountry() throws {
        #expect(try read(properties: properties(["city": #""Atlantis""#, "countries": #"["GB"]"#, "locationPrecision": #""city""#])).problems == [
            #"in.geojson: /features/0/properties/city: expected a city of GB in the gazetteer, found "Atlantis""#,
        ])
        // Dublin is in the gazetteer, but not in the main country.
        #expect(try read(properties: properties(["city": #""Dublin""#, "countries": #"["GB","IE"]"#, "locationPrecision": #""city""#])).problems == [
            #"in.geojson: /features/0/properties/city: expected a city of GB in the gazetteer, found "Dublin""#,
        ])
    }

    @Test func aCityNeedsCountries() throws {
        #expect(try read(properties: properties(["city": #""Nairobi""#, "countries": "[]", "locationPrecision": #""exact""#]),
                         geometry: #"{"type":"Point","coordinates":[36.8,-1.3]}"#).problems == [
            "in.geojson: /features/0/properties/city: expected countries with the city's country first, found none",
        ])
    }

    @Test func cityPrecisionNeedsACity() throws {
        #expect(try read(properties: properties(["locationPrecision": #""city""#])).problems == [
            #"in.geojson: /features/0/properties: expected a city for locationPrecision "city", found none"#,
        ])
    }

    @Test func cityNamesMatchWithoutRegardToCase() throws {
        let (projects, problems) = try read(properties: properties(["city": #""nairobi""#, "locationPrecision": #""city""#]))
        #expect(problems == [])
        #expect(projects.first?.city == "nairobi")
    }

    // MARK: Geometry and precision

    @Test(arguments: [
        (#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#, "LineString"),
        (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#, "Polygon"),
        (#"{"type":"MultiPoint","coordinates":[[36.8,-1.3]]}"#, "MultiPoint"),
    ])
    func onlyPointOrNullGeometry(geometry: String, type: String) throws {
        #expect(try read(geometry: geometry).problems == [
            "in.geojson: /features/0/geometry/type: expected a Point or null geometry, found a \(type)",
        ])
    }

    @Test func precisionNoneHasNoPoint() throws {
        let point = #"{"type":"Point","coordinates":[36.82,-1.29]}"#
        #expect(try read(properties: properties(["locationPrecision": #""none""#]), geometry: point).problems == [
            #"in.geojson: /features/0/geometry: expected a null geometry for locationPrecision "none", found a Point"#,
        ])
    }

    /// Decision: a record that is not mapped may still name the countries it works in.
    @Test func precisionNoneMayNameCountries() throws {
        let (projects, problems) = try read(properties: properties(["locationPrecision": #""none""#]))
        #expect(problems == [])
        let project = try #require(projects.first)
        #expect(project.countries == ["KE"])
        #expect(project.position == nil)
        #expect(project.derived == nil)
    }

    @Test func precisionNoneMayNameNoCountry() throws {
        let (projects, problems) = try read(properties: properties(["locationPrecision": #""none""#, "countries": nil]))
        #expect(problems == [])
        #expect(projects.first?.countries == [])
    }

    @Test func exactNeedsAPoint() throws {
        #expect(try read(properties: properties(["locationPrecision": #""exact""#, "countries": nil])).problems == [
            #"in.geojson: /features/0/geometry: expected a Point for locationPrecision "exact", found null"#,
        ])
    }

    @Test func countryPrecisionNeedsACountry() throws {
        #expect(try read(properties: properties(["countries": nil])).problems == [
            #"in.geojson: /features/0/properties: expected at least one country for locationPrecision "country", found none"#,
        ])
        #expect(try read(properties: properties(["countries": "[]"])).problems == [
            #"in.geojson: /features/0/properties/countries: expected at least one country for locationPrecision "country", found none"#,
        ])
    }

    // MARK: Properties the input does not set

    @Test func updatedIsSetByTheStore() throws {
        let (projects, problems) = try read(properties: properties(["updated": #""2020-01-01""#]))
        #expect(problems == [#"in.geojson: /features/0/properties/updated: warning: "updated" is set by the store; the input value is ignored"#])
        #expect(projects.first?.updated == nil)
    }

    @Test(arguments: ["country", "region", "regionCode", "subregion", "subregionCode", "intermediateRegion", "intermediateRegionCode"])
    func derivedPropertiesAreIgnored(name: String) throws {
        let (projects, problems) = try read(properties: properties([name: #""Europe""#]))
        #expect(problems == ["in.geojson: /features/0/properties/\(name): warning: \"\(name)\" is derived on import; the input value is ignored"])
        #expect(projects.first?.derived == testPlaces.assignment(forCountry: "KE"))
    }

    @Test func unknownPropertiesAreKeptWithAWarning() throws {
        let (projects, problems) = try read(properties: properties(["contact": #""ann@example.org""#, "notes": #"{"a":1}"#]))
        #expect(problems == [
            #"in.geojson: /features/0/properties/contact: warning: unknown property "contact" is kept but never published"#,
            #"in.geojson: /features/0/properties/notes: warning: unknown property "notes" is kept but never published"#,
        ])
        #expect(projects.first?.extra == JSONObject([
            ("contact", .string("ann@example.org")), ("notes", .object(JSONObject([("a", .number(1))]))),
        ]))
    }

    @Test func pointersEscapePropertyNames() throws {
        #expect(try read(properties: properties(["a/b~c": "1"])).problems == [
            #"in.geojson: /features/0/properties/a~1b~0c: warning: unknown property "a/b~c" is kept but never published"#,
        ])
    }

    // MARK: Files

    @Test func everyProblemOfEveryRecordIsListed() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":null,"properties":\(properties(["title": "1", "sector": nil]))},
            {"type":"Feature","id":"b","geometry":null,"properties":\(properties(["contact": #""x""#]))},
            {"type":"Feature","id":"a","geometry":null,"properties":\(properties())}
            ]}
            """
        let (projects, problems) = try readFile(text, extension: "geojson")
        #expect(projects.isEmpty, "a file with an error lands not at all")
        #expect(problems == [
            "in.geojson: /features/0/properties/title: expected a string, found a number",
            #"in.geojson: /features/0/properties: expected a "sector" property, found none"#,
            #"in.geojson: /features/1/properties/contact: warning: unknown property "contact" is kept but never published"#,
            #"in.geojson: /features/2/id: expected a unique id, found "a" again (first at /features/0/id)"#,
        ])
    }

    @Test func warningsAloneKeepTheRecords() throws {
        let (projects, problems) = try read(properties: properties(["contact": #""x""#]))
        #expect(problems.count == 1)
        #expect(projects.count == 1)
    }
}
