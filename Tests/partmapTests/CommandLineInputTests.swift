import Foundation
import TestSupport
import Testing

/// The command line takes what users type: negative coordinates after a space, countries by
/// code or name in any case, enum values listed in `--help` with the nearest suggested on a typo,
/// `--version`, and a store that does not exist refused by every command that reads.
@Suite(.timeLimit(.minutes(10))) struct CommandLineInputTests {
    /// Exact projects in seven capitals, three of them inside the box W -10, S -20, E 40, N 30.
    static let capitals = Fixture {
        func feature(_ id: String, _ lon: Double, _ lat: Double, _ country: String) -> String {
            """
            {"type":"Feature","id":"\(id)","geometry":{"type":"Point","coordinates":[\(lon),\(lat)]},"properties":{"title":"Project \(id)",\
            "organisation":"Org","participationLevel":"led","participantGroups":["youngPeople"],"sector":"civilSociety",\
            "countries":["\(country)"],"locationPrecision":"exact","visibility":"public","sources":["Annual report"]}}
            """
        }
        let features = [
            feature("accra", -0.2, 5.6, "GH"), feature("kinshasa", 15.3, -4.3, "CD"), feature("nairobi", 36.8, -1.3, "KE"),
            feature("lima", -77.04, -12.05, "PE"), feature("oslo", 10.75, 59.91, "NO"), feature("rio", -43.2, -22.9, "BR"),
            feature("perth", 115.86, -31.95, "AU"),
        ]
        return try temporaryFile("capitals.geojson", #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}")
    }

    func ids(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let text = succeeded(run, sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return (object?["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }.sorted()
    }

    /// `--bbox -10,-20,40,30` as GDAL users write `-spat`: the same projects GDAL finds in that
    /// box, and the same bytes as the `--bbox=` spelling.
    @Test func negativeCoordinatesAfterASpace() throws {
        let file = Self.capitals.path
        let gdal = try command("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", file, "-spat", "-10", "-20", "40", "30"])
        #expect(gdal.status == 0, "\(gdal.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(gdal.stdout.utf8)) as? [String: Any]
        let inBox = (object?["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }.sorted()
        #expect(inBox == ["accra", "kinshasa", "nairobi"], "GDAL's answer, the fixture's three")

        let spaced = try partmap("query", "--from", file, "--bbox", "-10,-20,40,30")
        #expect(try ids(spaced) == inBox)
        #expect(spaced.stdout == succeeded(try partmap("query", "--from", file, "--bbox=-10,-20,40,30")))

        // Lima is 1 km from the centre; the next capital, Rio, is over 3,000 km away.
        #expect(try ids(try partmap("query", "--from", file, "--near", "-77.04,-12.04", "--radius-km", "100")) == ["lima"])
        let clusters = try partmap("cluster", "--from", file, "--zoom", "2", "--bbox", "-10,-20,40,30")
        #expect(try ids(clusters) == inBox)
        let counted = try partmap("summary", "--from", file, "--by", "level", "--bbox", "-10,-20,40,30", "--format", "csv")
        #expect(succeeded(counted).contains("led,3,1"), "\(counted.stdout)")
    }

    /// Every way of naming the Philippines gives what its alpha-2 code gives; the codes and the
    /// name are the ones of Data/m49-regions.csv.
    @Test func countriesByAlpha2Alpha3OrNameInAnyCase() throws {
        let table = try String(contentsOfFile: PackageRoot.dataDirectory + "/m49-regions.csv", encoding: .utf8)
        let row = try #require(table.split(whereSeparator: \.isNewline).first { $0.hasPrefix("PH,") }).split(separator: ",").map(String.init)
        let (alpha2, alpha3, name) = (row[0], row[1], row[3])
        #expect((alpha2, alpha3, name) == ("PH", "PHL", "Philippines"))
        func summary(_ country: String) throws -> Run {
            try partmap("summary", "--from", "Data/projects.geojson", "--by", "country", "--country", country, "--format", "csv")
        }
        let expected = succeeded(try summary(alpha2))
        #expect(expected.contains("\n\(alpha2),\(name),1,1\n"), "\(expected)")
        for spelling in [alpha2.lowercased(), alpha3, alpha3.lowercased(), name, name.uppercased(), name.lowercased(), " \(name) "] {
            #expect(succeeded(try summary(spelling)) == expected, "\(spelling)")
        }
        for spelling in ["Kenya", "ke", "KEN", "kenya", "Côte d'Ivoire", "cote d’ivoire", "CIV"] {
            #expect(try summary(spelling).status == 0, "\(spelling)")
        }
    }

    @Test(arguments: [
        ("Keny", #"; did you mean "Kenya" (KE)?"#),
        ("Phillipines", #"; did you mean "Philippines" (PH)?"#),
        ("Brasil", #"; did you mean "Brazil" (BR)?"#),
        ("Kneya", #"; did you mean "Kenya" (KE)?"#),
        ("UK", #"; did you mean "United Kingdom of Great Britain and Northern Ireland" (GB)?"#),
        ("XX", ""),
    ])
    func nearMissesOfCountriesAreSuggested(typed: String, suggestion: String) throws {
        let run = try partmap("query", "--from", "Data/projects.geojson", "--country", typed)
        #expect(run.status == 2)
        #expect(run.stderr == "Error: --country: expected an ISO 3166-1 alpha-2 or alpha-3 code or an English country name, found \"\(typed)\"\(suggestion)\n")
    }

    /// Each enum option's values, as the contract spells them, in its `--help`.
    @Test(arguments: [
        ("query", "--level <L>", "consultation, collaboration, coProduction, led"),
        ("query", "--group <G>", "children, youngPeople, adultSurvivors, parentsCarers"),
        ("query", "--sector <S>", "government, privateSector, civilSociety, intergovernmental, academia"),
        ("query", "--purpose <P>", "research, policy, advocacy, programmeDesign, governance, campaign, technologyDesign, supportServices"),
        ("query", "--sort <sort>", "id, title, updated"),
        ("query", "--format <format>", "geojson, geojsonseq, csv, table"),
        ("export", "--format <format>", "geojson, geojsonseq, csv"),
        ("summary", "--by <KEY[,KEY...]>", "region, subregion, intermediate, country, level, group, sector, purpose"),
        ("summary", "--count <count>", "projects, initiatives"),
        ("summary", "--format <format>", "json, csv, geojson, table"),
        ("cluster", "--hulls <hulls>", "convex, concave"),
    ])
    func helpListsEachEnumOptionsValues(subcommand: String, option: String, values: String) throws {
        let help = succeeded(try partmap(subcommand, "--help"))
        // The help wraps at 80 columns: read it as one line.
        let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // The last mention is the entry under OPTIONS (the first may be the usage line).
        let entry = try #require(flat.ranges(of: option + " ").last).upperBound
        // The entry ends where the next option's header (`--name <VALUE>`) begins.
        let next = flat[entry...].firstMatch(of: /--[a-z-]+ </)?.range.lowerBound ?? flat.endIndex
        #expect(flat[entry ..< next].contains("(values: \(values))"), "\(flat[entry ..< next])")
    }

    @Test(arguments: [
        (["query", "--level", "lead"], #"--level: expected one of consultation, collaboration, coProduction, led, found "lead"; did you mean "led"?"#),
        (["query", "--group", "youngpeople"], #"found "youngpeople"; did you mean "youngPeople"?"#),
        (["query", "--sort", "titel"], #"expected one of id, title, updated, found "titel"; did you mean "title"?"#),
        (["query", "--format", "geojsn"], #"found "geojsn"; did you mean "geojson"?"#),
        (["summary", "--by", "level,contry"], #"--by: expected one of region, subregion, intermediate, country, level, group, sector, purpose, found "contry"; did you mean "country"?"#),
        (["summary", "--by", "level", "--count", "initiative"], #"found "initiative"; did you mean "initiatives"?"#),
        (["cluster", "--dbscan-km", "10", "--min-points", "2", "--hulls", "convx"], #"found "convx"; did you mean "convex"?"#),
        (["query", "--format", "shapefile"], #"expected one of geojson, geojsonseq, csv, table, found "shapefile""#),
    ])
    func typosOfEnumValuesSuggestTheNearest(arguments: [String], message: String) throws {
        let run = try partmap(arguments: arguments + ["--from", "Data/projects.geojson"])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").first?.contains(message) == true, "\(run.stderr)")
        if arguments.last == "shapefile" { #expect(!run.stderr.contains("did you mean")) }
    }

    /// An extension partmap does not write is refused before anything is read or written.
    @Test(arguments: ["x.gpkg", "x.shp", "x.kml"])
    func anExtensionPartmapDoesNotWriteIsBadUsage(name: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-ext-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let run = try partmap("export", "--from", "Data/projects.geojson", "--out", folder + "/" + name)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Error: --out: expected a file partmap writes, found \"\(folder)/\(name)\": GeoJSON (.geojson, .json), "
            + "GeoJSONSeq (.geojsonl, .geojsons, .geojsonseq) or CSV (.csv); or give --format\n"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test func versionIsPrinted() throws {
        let run = try partmap("--version")
        #expect(run.status == 0)
        #expect(run.stdout.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+\n/) != nil, "\(run.stdout)")
    }

    /// A store path in folders that do not exist: every command that reads exits 3 naming it, and
    /// leaves no file or folder behind (nor the file or folder it was asked to write).
    @Test(arguments: [
        ["get", "a"], ["delete", "a"], ["query"], ["export", "--out", "OUT/x.geojson"], ["summary", "--by", "level"],
        ["cluster", "--zoom", "1"], ["publish", "--out", "OUT/site"], ["serve", "--port", "0"],
    ])
    func aStoreThatDoesNotExistIsExitThree(arguments: [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-nostore-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = folder + "/absent/var/nothere.sqlite"
        let run = try partmap(arguments: arguments.map { $0.replacingOccurrences(of: "OUT", with: folder) } + ["--store", store])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr == "\(store): cannot open the SQLite store: no such file (only import makes one)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [], "nothing made")
    }
}
