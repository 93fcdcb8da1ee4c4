import Foundation
import GeoJSON
import Participation
import TestSupport
import Testing

/// RFC 4180 text, read and written.
@Suite struct CSVTableTests {
    func parse(_ text: String) -> (CSVTable?, [String]) {
        let (table, problems) = CSVTable.parse(text, file: "in.csv")
        return (table, problems.map(\.description))
    }

    @Test func quotesDoubledQuotesAndLineBreaks() throws {
        let (table, problems) = parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n1,,3")
        #expect(problems == [])
        #expect(table?.header == ["a", "b", "c"])
        #expect(table?.rows == [["x, y", #"say "hi""#, "two\r\nlines"], ["1", "", "3"]])
    }

    @Test func aByteOrderMarkIsSkipped() {
        #expect(parse("\u{FEFF}id,title\n1,T\n").0?.header == ["id", "title"])
    }

    @Test(arguments: ["a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2", "a,b\n\n1,2\n\n"])
    func lineEndsAndBlankLines(text: String) {
        #expect(parse(text).0?.rows == [["1", "2"]])
    }

    @Test func rowsKeepTheirOwnLength() {
        #expect(parse("a,b\n1\n1,2,3\n").0?.rows == [["1"], ["1", "2", "3"]])
    }

    @Test func anUnterminatedQuoteIsNamedAtItsRowAndColumn() {
        #expect(parse("id,title,organisation\n1,T,O\n2,\"T,O\n3,T,O\n").1 == [
            "in.csv: row 2, column title: expected a closing quote, found the end of the file",
        ])
    }

    @Test func anEmptyFileHasNoHeader() {
        #expect(parse("").1 == ["in.csv: expected a header row, found an empty file"])
        #expect(parse("\u{FEFF}\n\n").1 == ["in.csv: expected a header row, found an empty file"])
    }

    @Test func aColumnNamedTwice() {
        #expect(parse("id,title,id\n").1 == [#"in.csv: row 0, column id: expected each column once, found "id" twice"#])
    }

    @Test func writingQuotesOnlyWhereNeeded() {
        let table = CSVTable(header: ["a", "b"], rows: [
            ["plain", "with, comma"], [#"say "hi""#, "two\nlines"], [" padded", "crlf\r\nend"], ["", "ü"],
        ])
        #expect(table.text == "a,b\nplain,\"with, comma\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n\" padded\",\"crlf\r\nend\"\n,ü\n")
        #expect(parse(table.text).0?.rows == table.rows)
    }

    /// Written as `""`, not as a blank line; read back, a row of blank fields is a blank row,
    /// which is ignored like the blank rows spreadsheets leave.
    @Test func aLoneEmptyFieldIsNotABlankLine() {
        let table = CSVTable(header: ["a"], rows: [[""], ["x"]])
        #expect(table.text == "a\n\"\"\nx\n")
        #expect(parse(table.text).0?.rows == [["x"]])
    }
}

/// CSV rows as records: the same rules as features, located by row and column.
@Suite struct ProjectCSVTests {
    static let header = "id,title,organisation,participationLevel,participantGroups,sector,countries,locationPrecision,visibility,sources,lon,lat"
    static let valid = "a,T,O,led,children,civilSociety,KE,exact,public,s,36.8,-1.3"

    func read(_ rows: String..., header: String = header) throws -> (projects: [Project], problems: [String]) {
        try readFile(([header] + rows).joined(separator: "\n") + "\n", extension: "csv")
    }

    @Test func rowsAreRecords() throws {
        let text = Self.header + "\r\n" + #"a,"Panel, ""youth""",Org,led, children ; youngPeople ,civilSociety,KE,exact,public,s1;s2, 36.82 ,-1.29"# + "\r\n"
        let (projects, problems) = try readFile(text, extension: "csv")
        #expect(problems == [])
        #expect(projects == [Project(
            id: "a", title: #"Panel, "youth""#, organisation: "Org", participationLevel: .led,
            participantGroups: [.children, .youngPeople], sector: .civilSociety, countries: ["KE"],
            locationPrecision: .exact, visibility: .public, sources: ["s1", "s2"],
            position: Position(longitude: 36.82, latitude: -1.29), derived: testPlaces.assignment(forCountry: "KE"))])
    }

    @Test func problemsNameTheRowAndColumn() throws {
        #expect(try read(
            Self.valid,
            "c,T,O,Led,children,civilSociety,KE,exact,public,s,36.8,-1.3",
            "d,T,O,led,children;teens,civilSociety,KE,exact,public,s,36.8,-1.3"
        ).problems == [
            #"in.csv: row 2, column participationLevel: expected one of consultation, collaboration, coProduction, led, found "Led""#,
            #"in.csv: row 3, column participantGroups: expected one of children, youngPeople, adultSurvivors, parentsCarers, found "teens""#,
        ])
    }

    @Test func anEmptyCellIsAbsent() throws {
        #expect(try read("a,,O,led,children,civilSociety,KE,exact,public,s,36.8,-1.3").problems == [
            #"in.csv: row 1, column title: expected a "title" property, found none"#,
        ])
        let (projects, problems) = try read("a,T,O,led,children,civilSociety,KE,country,public,s,,")
        #expect(problems == [])
        #expect(projects.first?.position == testPlaces.countryPoint("KE"))
    }

    @Test func aMissingColumnIsAnAbsentProperty() throws {
        #expect(try read("a,T,O,led,children,KE,exact,public,s,36.8,-1.3",
                         header: Self.header.replacingOccurrences(of: "sector,", with: "")).problems == [
            #"in.csv: row 1, column sector: expected a "sector" property, found none"#,
        ])
    }

    @Test(arguments: [
        ("200", "-1.3", #"in.csv: row 1, column lon: expected a longitude in -180..180, found "200""#),
        ("36.8", "-91", #"in.csv: row 1, column lat: expected a latitude in -90..90, found "-91""#),
        ("east", "-1.3", #"in.csv: row 1, column lon: expected a longitude in -180..180, found "east""#),
        ("", "-1.3", "in.csv: row 1, column lon: expected a longitude with the latitude, found none"),
        ("36.8", "", "in.csv: row 1, column lat: expected a latitude with the longitude, found none"),
    ])
    func lonAndLatBothOrNeither(lon: String, lat: String, problem: String) throws {
        #expect(try read("a,T,O,led,children,civilSociety,KE,exact,public,s,\(lon),\(lat)").problems == [problem])
    }

    @Test func precisionNoneWithAPointNamesTheLonColumn() throws {
        #expect(try read("a,T,O,led,children,civilSociety,KE,none,public,s,36.8,-1.3").problems == [
            #"in.csv: row 1, column lon: expected a null geometry for locationPrecision "none", found a Point"#,
        ])
    }

    @Test func yearsAreIntegers() throws {
        let header = Self.header + ",startYear,endYear"
        #expect(try read(Self.valid + ",2023.5,2024", header: header).problems == [
            #"in.csv: row 1, column startYear: expected a year (an integer in 1900..2100), found "2023.5""#,
        ])
        #expect(try read(Self.valid + ", 2023 ,2022", header: header).problems == [
            "in.csv: row 1, column endYear: expected a year no earlier than startYear 2023, found 2022",
        ])
        #expect(try read(Self.valid + ",2023,", header: header).projects.first?.startYear == 2023)
    }

    @Test func listItemsArePointedAtByColumn() throws {
        #expect(try read("a,T,O,led,children,civilSociety,KE;UK,exact,public,s,36.8,-1.3").problems == [
            #"in.csv: row 1, column countries: expected an ISO 3166-1 alpha-2 country code, found "UK" (the United Kingdom is "GB")"#,
        ])
        #expect(try read("a,T,O,led,children;children,civilSociety,KE,exact,public,s,36.8,-1.3").problems == [
            #"in.csv: row 1, column participantGroups: warning: "children" is listed twice; counted once"#,
        ])
    }

    @Test func duplicateIdsAcrossRows() throws {
        let row = "a,T,O,led,children,civilSociety,KE,country,public,s,,"
        #expect(try read(row, "b" + row.dropFirst(), row).problems == [
            #"in.csv: row 3, column id: expected a unique id, found "a" again (first at row 1)"#,
        ])
    }

    @Test func aMissingIdNamesTheIdColumn() throws {
        #expect(try read("," + Self.valid.dropFirst(2)).problems == [
            #"in.csv: row 1, column id: expected an "id" (a string or a number), found none"#,
        ])
    }

    @Test func aRowOfAnotherLengthIsNamedAndTheOthersStillChecked() throws {
        #expect(try read("a,T", "b,T,O,Led,children,civilSociety,KE,exact,public,s,36.8,-1.3,extra",
                         "c,T,O,Led,children,civilSociety,KE,exact,public,s,36.8,-1.3").problems == [
            "in.csv: row 1, column organisation: expected 12 fields as in the header, found 2",
            "in.csv: row 2, column lat: expected 12 fields as in the header, found 13",
            #"in.csv: row 3, column participationLevel: expected one of consultation, collaboration, coProduction, led, found "Led""#,
        ])
    }

    /// Derived columns and `updated` are partmap's own output: skipped without a warning, so that
    /// its CSV export imports back cleanly.
    @Test func unknownColumnsAreWarningsAndDerivedOnesSkipped() throws {
        let (projects, problems) = try read(Self.valid + ",ann@example.org,Africa,2020-01-01", header: Self.header + ",contact,region,updated")
        #expect(problems == [
            #"in.csv: row 1, column contact: warning: unknown property "contact" is kept but never published"#,
        ])
        #expect(projects.first?.extra == JSONObject([("contact", .string("ann@example.org"))]))
    }

    @Test func aPointOutsideItsCountriesNamesTheLonColumn() throws {
        #expect(try read("a,T,O,led,children,civilSociety,DE,exact,public,s,2.35,48.85").problems == [
            "in.csv: row 1, column lon: warning: the point falls in FR, which is not among the countries [DE]",
        ])
    }
}

/// Whole files: format by extension, unreadable input, and records written as CSV read back.
@Suite struct ProjectFileTests {
    @Test func aJSONExtensionIsGeoJSON() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":\#(properties())}]}"#
        #expect(try readFile(text, extension: "json").projects.count == 1)
        #expect(ProjectFile.Format(path: "x/In.CSV") == .csv)
        #expect(ProjectFile.Format(path: "x/in.geojson") == .geojson)
    }

    /// "Café" saved as Windows-1252 (é is byte 0xE9 in that code page): named at its row and
    /// column, with the iconv line that converts the file, which then reads.
    @Test func textThatIsNotUTF8() throws {
        let header = "id,title,organisation,participationLevel,participantGroups,sector,countries,locationPrecision,visibility,sources\n"
        var data = Data((header + "a,T,O,led,children,civilSociety,KE,country,public,s\nb,Caf").utf8)
        data.append(0xE9)
        data.append(contentsOf: Array(",O,led,children,civilSociety,KE,country,public,s\n".utf8))
        #expect(try readFile(data, extension: "csv").problems == [
            "in.csv: row 2, column title: expected UTF-8 text, found byte 0xE9 (a spreadsheet's export? convert it: iconv -f WINDOWS-1252 -t UTF-8)",
        ])
        let windows = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-\(UUID()).csv")
        try data.write(to: windows)
        let converted = try Command.run("iconv", ["-f", "WINDOWS-1252", "-t", "UTF-8", windows.path])
        #expect(converted.status == 0)
        let (projects, problems) = try readFile(converted.stdout, extension: "csv")
        #expect(problems == [])
        #expect(projects.map(\.title) == ["T", "Café"])
        #expect(try readFile(Data([0xFF, 0x69, 0x64]), extension: "csv").problems == [
            "in.csv: row 0, column 1: expected UTF-8 text, found byte 0xFF (a spreadsheet's export? convert it: iconv -f WINDOWS-1252 -t UTF-8)",
        ])
    }

    @Test(arguments: ["csv", "geojson"])
    func aMissingFile(ext: String) {
        let path = "/nonexistent/in.\(ext)"
        #expect(ProjectFile.read(path: path, places: testPlaces).problems.map(\.description) == [
            "\(path): expected a readable file, found no such file",
        ])
    }

    @Test(arguments: [false, true])
    func recordsWrittenAsCSVReadBack(includeDerived: Bool) throws {
        var records = LocationPrecision.allCases.enumerated().map { i, precision in
            var record = project(precision, position: precision == .none ? nil : Position(longitude: 36.9, latitude: -1.31))
            record.id = "p\(i)"
            record.title = "Title, with \"quotes\"\nand a line"
            record.updated = nil
            record.extra = JSONObject()
            record.derived = precision == .none ? nil : testPlaces.assignment(forCountry: "KE")
            return record
        }
        records.append(Project(
            id: "minimal", title: "T", organisation: "O", participationLevel: .collaboration, participantGroups: [.parentsCarers],
            sector: .government, locationPrecision: .none, visibility: .internal, sources: ["s"]))
        let header = ProjectCSV.header(includeDerived: includeDerived)
        let text = CSVTable(header: header, rows: records.map { ProjectCSV.row($0, header: header) }).text
        let (again, problems) = try readFile(text, extension: "csv")
        #expect(again == records)
        #expect(problems == [], "partmap's own CSV reads back with no warnings")
    }

    @Test func theHeaderOrder() {
        #expect(ProjectCSV.header(includeDerived: true) == [
            "id", "title", "organisation", "description", "url", "initiative", "participationLevel", "participantGroups",
            "sector", "purposes", "countries", "city", "startYear", "endYear", "locationPrecision", "visibility", "sources",
            "updated", "lon", "lat", "country", "region", "regionCode", "subregion", "subregionCode", "intermediateRegion",
            "intermediateRegionCode",
        ])
    }
}
