import Participation
import Testing

@Suite struct CSVTests {
    static let header = "id,title,organisation,participationLevel,participantGroups,sector,countries,locationPrecision,visibility,sources,lon,lat"

    @Test func rowsAreRecords() throws {
        let text = Self.header + "\r\n" + #"a,"Panel, ""youth""",Org,led,children;youngPeople,civilSociety,KE,exact,public,s1;s2,36.82,-1.29"# + "\r\n"
        let (projects, problems) = try readFile(text, extension: "csv")
        #expect(problems == [])
        let project = try #require(projects.first)
        #expect(project.title == #"Panel, "youth""#)
        #expect(project.participantGroups == [.children, .youngPeople])
        #expect(project.sources == ["s1", "s2"])
        #expect(project.position?.longitude == 36.82)
    }

    @Test func problemsNameTheRowAndColumn() throws {
        let text = Self.header + "\n"
            + "a,T,O,led,children,civilSociety,KE,exact,public,s,36.8,-1.3\n"
            + "b,T,O,Led,children,civilSociety,KE,exact,public,s,36.8,-1.3\n"
            + "c,T,O,led,teens,civilSociety,KE,exact,public,s,200,-1.3\n"
            + "a,T,O,led,children,civilSociety,KE,exact,public,s,,-1.3\n"
        #expect(try readFile(text, extension: "csv").problems == [
            #"in.csv: row 2, column participationLevel: expected one of consultation, collaboration, coProduction, led, found "Led""#,
            #"in.csv: row 3, column lon: expected a longitude in -180..180, found "200""#,
            "in.csv: row 4, column lon: expected a longitude with the latitude, found none",
        ])
    }

    @Test func duplicateIdsAcrossRows() throws {
        let row = "a,T,O,led,children,civilSociety,KE,country,public,s,,\n"
        #expect(try readFile(Self.header + "\n" + row + row, extension: "csv").problems == [
            #"in.csv: row 2, column id: expected a unique id, found "a" again (first at row 1)"#,
        ])
    }

    @Test func anUnterminatedQuoteIsNamed() throws {
        let text = Self.header + "\n" + #"a,"T,O"# + "\n"
        #expect(try readFile(text, extension: "csv").problems == ["in.csv: row 1, column title: expected a closing quote, found the end of the file"])
    }

    @Test func aShortRowIsNamed() throws {
        #expect(try readFile(Self.header + "\na,T\n", extension: "csv").problems == [
            "in.csv: row 1, column organisation: expected 12 fields as in the header, found 2",
        ])
    }
}
