import Foundation
import GeoJSON
import Participation
import Testing

/// The maximum lengths of texts on input (README: id 200, title 500, organisation 500,
/// description 10,000, url 2,048, initiative 500, city 200, each source 2,000), counted in
/// Unicode scalars: "😀" is one scalar (four UTF-8 bytes, two UTF-16 units).
@Suite struct TextLimitTests {
    static let emoji = "😀"

    @Test(arguments: [("title", 500), ("organisation", 500), ("description", 10_000), ("initiative", 500)])
    func aTextAtItsLimitReadsAndOneMoreIsLocated(name: String, limit: Int) throws {
        let fits = String(repeating: Self.emoji, count: limit)
        #expect(try read(properties: properties([name: "\"\(fits)\""])).problems == [])
        let over = String(repeating: Self.emoji, count: limit + 1)
        let (projects, problems) = try read(properties: properties([name: "\"\(over)\""]))
        #expect(projects.isEmpty)
        #expect(problems == ["in.geojson: /features/0/properties/\(name): expected at most \(limit) characters (Unicode scalars), found \(limit + 1)"])
    }

    @Test func aURLOverItsLimit() throws {
        let url = "https://example.org/" + String(repeating: "a", count: 2_048 - 20)
        #expect(try read(properties: properties(["url": "\"\(url)\""])).problems == [])
        #expect(try read(properties: properties(["url": "\"\(url)b\""])).problems == [
            "in.geojson: /features/0/properties/url: expected at most 2048 characters (Unicode scalars), found 2049",
        ])
    }

    @Test func eachSourceAndTheIdHaveTheirOwn() throws {
        let source = String(repeating: "s", count: 2_001)
        #expect(try read(properties: properties(["sources": "[\"ok\",\"\(source)\"]"])).problems == [
            "in.geojson: /features/0/properties/sources/1: expected at most 2000 characters (Unicode scalars), found 2001",
        ])
        #expect(try read(id: "\"\(String(repeating: Self.emoji, count: 200))\"").problems == [])
        #expect(try read(id: "\"\(String(repeating: Self.emoji, count: 201))\"").problems == [
            "in.geojson: /features/0/id: expected at most 200 characters (Unicode scalars), found 201",
        ])
    }

    @Test func aCSVCellIsNamedByRowAndColumn() throws {
        let text = """
            id,title,organisation,participationLevel,participantGroups,sector,countries,locationPrecision,visibility,sources
            a,\(String(repeating: "t", count: 900_000)),O,led,children,civilSociety,KE,country,public,s

            """
        #expect(try readFile(text, extension: "csv").problems == [
            "in.csv: row 1, column title: expected at most 500 characters (Unicode scalars), found 900000",
        ])
    }
}

/// The table `partmap query --format table` prints.
@Suite struct ProjectTableTests {
    @Test func columnsAreAlignedAndControlCharactersEscaped() {
        var first = project(.country)
        first.id = "a"
        first.title = "Two\nlines"
        var second = project(.exact)
        second.id = "bb"
        second.title = "T"
        #expect(ProjectTable.text([first, second]) == """
            id  title       country  level  precision
            a   Two\\nlines  KE       led    country
            bb  T           KE       led    exact

            """)
    }

    /// A hang guard, not a speed figure: the table is linear in its cells, so a 100,000-character
    /// title takes milliseconds; quadratic work would take minutes.
    @Test func aLongCellIsWrittenInLinearTime() {
        var long = project(.country)
        long.title = String(repeating: "word ", count: 20_000)
        var short = project(.exact)
        short.title = "T"
        let clock = ContinuousClock()
        var text = ""
        let elapsed = clock.measure { text = ProjectTable.text([long, short]) }
        print("table of a 100,000-character title: \(elapsed)")
        #expect(elapsed < .seconds(10), "\(elapsed)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("id  title   ") && lines[0].hasSuffix("   country  level  precision"))
        #expect(lines[0].count == "id  ".count + long.title.count + "  country  level  precision".count)
        #expect(lines[1] == "p   \(long.title)  KE       led    country")
        #expect(lines[2] == "p   T" + String(repeating: " ", count: long.title.count - 1) + "  KE       led    exact")
    }
}
