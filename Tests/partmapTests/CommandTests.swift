import Foundation
import TestSupport
import Testing

/// The command line as users run it: the real binary, real files, exit codes and output.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

func partmap(_ arguments: String...) throws -> Run {
    try partmap(arguments: arguments)
}

func partmap(arguments: [String]) throws -> Run {
    try command(PartmapBinary.path, arguments)
}

/// The stdout of a run that must succeed; an issue with its stderr where it did not.
func succeeded(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    #expect(run.status == 0, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
    return run.stdout
}

/// Runs a program in the package root and collects its output.
func command(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
    let result = try Command.run(program, arguments, environment: environment)
    return Run(status: result.status, stdout: result.stdout, stderr: result.stderr)
}

func temporaryFile(_ name: String, _ text: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-cli-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite(.timeLimit(.minutes(10))) struct ValidateCommandTests {
    @Test func theCuratedProjectsAreValid() throws {
        let run = try partmap("validate", "Data/projects.geojson")
        #expect(run.status == 0)
        #expect(run.stdout == "Data/projects.geojson: 20 projects, 0 warnings\n")
        #expect(run.stderr == "")
    }

    @Test func everyProblemIsListedAndTheExitCodeIsOne() throws {
        let path = try temporaryFile("bad.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[200,0]},"properties":{}},
            {"type":"Feature","id":"b","geometry":null,"properties":{"title":"T","organisation":"O","participationLevel":"Led","participantGroups":["children"],"sector":"civilSociety","countries":["KE"],"locationPrecision":"country","visibility":"public","sources":["s"],"contact":"x"}}
            ]}
            """)
        let run = try partmap("validate", path)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr == """
            \(path): /features/0/geometry/coordinates/0: expected a longitude in -180..180, found 200
            \(path): /features/1/properties/participationLevel: expected one of consultation, collaboration, coProduction, led, found "Led"
            \(path): /features/1/properties/contact: warning: unknown property "contact" is kept but never published

            """)
    }

    @Test func aMissingFileIsBadInputNamingIt() throws {
        let run = try partmap("validate", "nowhere.geojson")
        #expect(run.status == 1)
        #expect(run.stderr == "nowhere.geojson: expected a readable file, found no such file\n")
    }

    @Test func notJSONIsLocatedByLineAndColumn() throws {
        let path = try temporaryFile("broken.geojson", "{\n  \"type\": FeatureCollection\n}")
        let run = try partmap("validate", path)
        #expect(run.status == 1)
        #expect(run.stderr == "\(path): line 2, column 11: expected a value, found 'F'\n")
    }

    @Test func csvIsValidatedToo() throws {
        let path = try temporaryFile("in.csv", """
            id,title,organisation,participationLevel,participantGroups,sector,countries,locationPrecision,visibility,sources
            a,T,O,led,children,civilSociety,UK,country,public,s

            """)
        let run = try partmap("validate", path)
        #expect(run.status == 1)
        #expect(run.stderr == "\(path): row 1, column countries: expected an ISO 3166-1 alpha-2 country code, found \"UK\" (the United Kingdom is \"GB\")\n")
    }
}

@Suite(.timeLimit(.minutes(10))) struct SummaryCommandTests {
    /// Golden file, compared byte for byte: the main job's summary of the curated data. Its layout
    /// is partmap's; its counts are checked here against Tools/reference/summary.py, which counts
    /// the curated records by their main country's M49 sub-region (every mapped one has city or
    /// country precision) read from Data/m49-regions.csv, and "No location" for precision none.
    @Test func tableMatchesTheGoldenFile() throws {
        let run = try partmap("summary", "--from", "Data/projects.geojson", "--by", "subregion,level", "--format", "table")
        #expect(run.status == 0, "\(run.stderr)")
        let golden = try String(contentsOfFile: PackageRoot.path + "/Tests/partmapTests/Golden/summary-subregion-level.txt", encoding: .utf8)
        #expect(run.stdout == golden)

        let reference = try ReferenceSummary(projects: PackageRoot.dataDirectory + "/projects.geojson", by: "subregion,level")
        let names = try m49SubregionNames()
        var rows: [[String?]: Int] = [:]
        var total: Int?
        // The golden table's rows, between its two rules: sub-region, level, count, share.
        let lines = golden.split(separator: "\n").map(String.init)
        try #require(lines.count > 4 && lines[1].hasPrefix("---") && lines[lines.count - 2].hasPrefix("---"), "\(lines)")
        for line in lines[2 ..< lines.count - 2] {
            let match = try #require(line.wholeMatch(of: /(.+?)\s+(consultation|collaboration|coProduction|led)\s+(\d+)\s+([\d.]+)%/), "\(line)")
            let name = String(match.1)
            let code: String? = name == "No location" ? nil : try #require(names[name], "\(name) is an M49 sub-region")
            rows[[code, String(match.2)]] = Int(match.3)
            #expect(String(format: "%.1f", 100 * Double(match.3)! / 20) == String(match.4), "\(line)")
        }
        total = lines[lines.count - 1].split(separator: " ").last.flatMap { Int($0) }
        #expect(rows == reference.rows)
        #expect(total == reference.total)
    }

    /// Sub-region names to codes, read from the M49 table with no help from partmap.
    func m49SubregionNames() throws -> [String: String] {
        let text = try String(contentsOfFile: PackageRoot.dataDirectory + "/m49-regions.csv", encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
        let code = try #require(header.firstIndex(of: "subregion_code")), name = try #require(header.firstIndex(of: "subregion"))
        var names: [String: String] = [:]
        for line in lines {
            // A line with a quoted comma in a name is skipped: its sub-region is on other lines too (the count below checks it).
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, !fields[code].isEmpty else { continue }
            names[fields[name]] = String(repeating: "0", count: max(0, 3 - fields[code].count)) + fields[code]
        }
        #expect(names.count == 17, "the 17 M49 sub-regions")
        return names
    }

    @Test func jsonCountsEqualABruteForceCount() throws {
        let run = try partmap("summary", "--from", "Data/projects.geojson", "--by", "region", "--format", "json")
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["by"] as? [String] == ["region"])
        #expect(json["count"] as? String == "projects")
        let rows = try #require(json["rows"] as? [[String: Any]])
        let total = try #require(json["total"] as? Int)
        #expect(rows.compactMap { $0["count"] as? Int }.reduce(0, +) == total)

        // Brute force over the source file: records with no countries are not mapped.
        let data = try Data(contentsOf: PackageRoot.url.appendingPathComponent("Data/projects.geojson"))
        let features = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["features"] as? [[String: Any]])
        #expect(total == features.count)
        let unmapped = features.filter { ($0["properties"] as? [String: Any])?["locationPrecision"] as? String == "none" }.count
        let noLocation = rows.first { ($0["region"] as? [String: Any])?["name"] as? String == "No location" }
        #expect(noLocation?["count"] as? Int == unmapped)
        #expect((noLocation?["region"] as? [String: Any])?["code"] is NSNull)
    }

    /// The records of one initiative at several sites count once: consultation is 10 projects but
    /// 7 initiatives in the curated data (3 sites of the self-generated material consultations,
    /// 2 of the youth voices film), as Tools/reference/summary.py counts them too.
    @Test func initiativesCountOnceAcrossSites() throws {
        let projects = try partmap("summary", "--from", "Data/projects.geojson", "--by", "level", "--format", "csv")
        let initiatives = try partmap("summary", "--from", "Data/projects.geojson", "--by", "level", "--count", "initiatives", "--format", "csv")
        #expect(projects.status == 0 && initiatives.status == 0, "\(projects.stderr)\(initiatives.stderr)")
        #expect(projects.stdout == """
            level,count,share
            consultation,10,0.5
            collaboration,7,0.35
            coProduction,1,0.05
            led,2,0.1

            """)
        #expect(initiatives.stdout == """
            level,count,share
            consultation,7,0.4375
            collaboration,7,0.4375
            coProduction,1,0.0625
            led,2,0.125

            """)
        let json = try partmap("summary", "--from", "Data/projects.geojson", "--by", "level", "--count", "initiatives", "--format", "json")
        #expect(json.status == 0)
        let reference = try ReferenceSummary(projects: PackageRoot.dataDirectory + "/projects.geojson", by: "level", initiatives: true)
        #expect(reference.rows[["consultation"]] == 7 && reference.total == 16)
        #expect(try ReferenceSummary(partmapJSON: json.stdout) == reference)
    }

    @Test func anUnknownKeyIsBadUsage() throws {
        let run = try partmap("summary", "--from", "Data/projects.geojson", "--by", "region,colour")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--by: expected one of region, subregion, intermediate, country, level, group, sector, purpose, found \"colour\""))
    }

    @Test func anUnknownFlagIsBadUsage() throws {
        let run = try partmap("summary", "--from", "Data/projects.geojson", "--by", "region", "--colour")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--colour"))
    }

    @Test func aBadInputFileExitsOne() throws {
        let run = try partmap("summary", "--from", "nowhere.csv", "--by", "region")
        #expect(run.status == 1)
        #expect(run.stderr == "nowhere.csv: expected a readable file, found no such file\n")
    }
}

/// A member named twice: Python reads `"visibility": "internal", "visibility": "public"` as
/// public, other readers as internal, so partmap takes neither and names the repeat.
@Suite struct RepeatedMemberCommandTests {
    static let text = """
        {"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":\
        {"title":"T","organisation":"O","participationLevel":"led","participantGroups":["children"],\
        "sector":"civilSociety","countries":["KE"],"locationPrecision":"country","visibility":"internal",\
        "sources":["s"],"visibility":"public"}}]}
        """

    @Test func pythonSeesTheRepeat() throws {
        let pointers = try Python.run(script: PackageRoot.path + "/Tools/reference/repeated_members.py", arguments: [], input: Self.text)
        #expect(pointers == "/features/0/properties/visibility\n")
    }

    @Test func validateNamesItAndExitsOne() throws {
        let path = try temporaryFile("in.geojson", Self.text)
        let run = try partmap("validate", path)
        #expect(run.status == 1)
        #expect(run.stderr == "\(path): /features/0/properties/visibility: member \"visibility\" appears twice\n")
    }

    @Test func importNamesItAndStoresNothing() throws {
        let path = try temporaryFile("in.geojson", Self.text)
        let store = try StoreCommandTests.newStore(.sqlite)
        let run = try partmap("import", path, "--store", store)
        #expect(run.status == 1)
        #expect(run.stderr == "\(path): /features/0/properties/visibility: member \"visibility\" appears twice\n")
        // Nothing landed: the store is absent or holds no project.
        if FileManager.default.fileExists(atPath: store) {
            #expect(try StoreCommandTests.sql(store, "SELECT count(*) FROM project") == "0")
        }
    }

    @Test func withinFilesAreChecked() throws {
        let path = try temporaryFile("area.geojson", """
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],\
            "coordinates":[[[0,0],[50,0],[50,50],[0,0]]]}}
            """)
        let run = try partmap("query", "--from", "Data/projects.geojson", "--within", path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(path): /geometry/coordinates: member \"coordinates\" appears twice"))
    }
}

/// CSV from the command line: partmap's own export reads back cleanly, and `--delimiter`.
@Suite struct CSVCommandTests {
    @Test func theOwnCSVExportValidatesWithNoWarnings() throws {
        let export = try partmap("query", "--from", "Data/projects.geojson", "--internal", "--format", "csv")
        #expect(export.status == 0)
        let path = try temporaryFile("export.csv", export.stdout)
        let run = try partmap("validate", path)
        #expect(run.stderr == "")
        #expect(run.stdout == "\(path): 20 projects, 0 warnings\n")
    }

    @Test func aDelimiterIsTakenAndABadOneIsBadUsage() throws {
        let path = try temporaryFile("in.csv", """
            id;title;organisation;participationLevel;participantGroups;sector;countries;locationPrecision;visibility;sources;lng;lat
            a;T, with a comma;O;led;children|youngPeople;civilSociety;KE;exact;public;s;36,8;-1.3

            """)
        // Detected as ';' from the header; the longitude "36,8" is not a number.
        #expect(try partmap("validate", path).stderr == "\(path): row 1, column lon: expected a longitude in -180..180, found \"36,8\"\n")
        let fixed = try temporaryFile("in.csv", try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "36,8", with: "36.8"))
        #expect(try partmap("validate", "--delimiter", ";", fixed).stdout == "\(fixed): 1 projects, 0 warnings\n")
        let table = try partmap("query", "--from", fixed, "--delimiter", ";", "--format", "table")
        #expect(table.stdout == "id  title            country  level  precision\na   T, with a comma  KE       led    exact\n")
        let bad = try partmap("validate", "--delimiter", "|", fixed)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(#"--delimiter: expected one of ',', ';', tab, found "|""#))
    }
}
