import Foundation
import GeoJSON
import Participation
import TestSupport
import Testing

/// CSV as spreadsheets write it (issue 12): `;` or tab separators, other names for the
/// coordinates, trailing empty columns, blank rows, a BOM, CRLF and quoted line breaks. The
/// fields are checked against Python's csv module reading the same text.
@Suite struct SpreadsheetCSVTests {
    static let header = ["id", "title", "organisation", "participationLevel", "participantGroups", "sector", "countries",
                         "locationPrecision", "visibility", "sources"]

    /// Python's csv module's rows (blank rows left out, as partmap leaves them out).
    static func pythonRows(_ text: String, delimiter: String) throws -> [[String]] {
        let script = """
            import csv, io, json, sys
            text = sys.stdin.buffer.read().decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sys.argv[1]))
            print(json.dumps([r for r in rows if any(f.strip() for f in r)]))
            """
        let output = try Python.run(script: "-c", arguments: [script, delimiter], input: text)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]])
    }

    @Test(arguments: [";", "\t", ","])
    func theSeparatorIsDetectedAndFieldsAgreeWithPython(delimiter: String) throws {
        let lists = delimiter == ";" ? "children|youngPeople" : "children;youngPeople"
        let rows = [
            Self.header + ["Longitude", "LAT", "", ""],
            ["a", "Panel, \"youth\"", "Org", "led", lists, "civilSociety", "KE", "exact", "public", "s1", "36.82", "-1.29", "", ""],
            Array(repeating: "", count: 14),
            ["b", "Two\r\nlines", "Org", "led", "children", "civilSociety", "KE", "country", "public", "s", "", "", "", ""],
        ]
        let text = "\u{FEFF}" + rows.map { row in
            row.map { field in
                field.contains(where: { $0 == "\"" || $0 == Character(delimiter) || $0.isNewline || $0 == "," })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: delimiter)
        }.joined(separator: "\r\n") + "\r\n"
        let (table, problems) = CSVTable.parse(text, file: "in.csv")
        #expect(problems.isEmpty)
        let python = try Self.pythonRows(text, delimiter: delimiter)
        // Python keeps the trailing empty columns that partmap drops.
        #expect(table.map { [$0.header] + $0.rows } == python.map { Array($0.prefix(12)) })
        let (projects, readProblems) = try readFile(text, extension: "csv")
        #expect(readProblems == [])
        #expect(projects.map(\.id) == ["a", "b"])
        #expect(projects.first?.participantGroups == [.children, .youngPeople])
        #expect(projects.first?.position == Position(longitude: 36.82, latitude: -1.29))
        #expect(projects.last?.title == "Two\r\nlines")
    }

    @Test(arguments: ["lon,lat", "lng,latitude", "long,y", "X,Y", "LONGITUDE,Latitude"])
    func coordinateAliasesInAnyCase(names: String) throws {
        let text = (Self.header.joined(separator: ",") + "," + names) + "\na,T,O,led,children,civilSociety,KE,exact,public,s,36.8,-1.3\n"
        let (projects, problems) = try readFile(text, extension: "csv")
        #expect(problems == [])
        #expect(projects.first?.position == Position(longitude: 36.8, latitude: -1.3))
    }

    @Test func twoNamesForOneCoordinateAreAProblem() throws {
        let text = (Self.header + ["lon", "x", "lat"]).joined(separator: ",") + "\na,T,O,led,children,civilSociety,KE,exact,public,s,1,1,1\n"
        #expect(try readFile(text, extension: "csv").problems == [
            #"in.csv: row 0, column x: expected one column for "lon", found another one named "x""#,
        ])
    }

    @Test func aGivenDelimiterOverridesDetection() throws {
        // One comma and one semicolon in the header: a tie, which detection gives to the comma.
        let text = "id;title,x\na;b,c\n"
        #expect(CSVTable.parse(text, file: "in.csv").table?.header == ["id;title", "x"])
        #expect(CSVTable.parse(text, file: "in.csv", delimiter: ";").table?.rows == [["a", "b,c"]])
    }

    @Test func problemsStayOnOneLine() throws {
        let text = Self.header.joined(separator: ",") + ",lon,lat\na,T,O,led,children,civilSociety,KE,exact,public,s,\"1\t2\",x\n"
            + "\"c\nd\",T,O,led,children,civilSociety,KE,exact,public,s,36.8,-1.3\n"
        let problems = try readFile(text, extension: "csv").problems
        #expect(problems == [
            #"in.csv: row 1, column lon: expected a longitude in -180..180, found "1\t2""#,
            #"in.csv: row 1, column lat: expected a latitude in -90..90, found "x""#,
            #"in.csv: row 2, column id: expected an id without control characters, found "c\nd""#,
        ])
    }
}
