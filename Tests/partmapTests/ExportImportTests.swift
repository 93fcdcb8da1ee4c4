import Foundation
import TestSupport
import Testing

/// `export --crs` and `--format`, a CSV imported into each store, and `validate` of several files.
@Suite(.timeLimit(.minutes(10))) struct ExportImportTests {
    func folder() throws -> String {
        URL(fileURLWithPath: try temporaryFile("placeholder", "")).deletingLastPathComponent().path
    }

    func points(_ path: String) throws -> [String: [Double]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var found: [String: [Double]] = [:]
        for feature in try #require(json["features"] as? [[String: Any]]) {
            if let point = (feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] { found[try #require(feature["id"] as? String)] = point }
        }
        return found
    }

    /// The same export in CRS84 and EPSG:3857: pyproj maps one onto the other, and GDAL reads the CRS.
    @Test func exportCRSAgreesWithPyprojAndGDAL() throws {
        let out = try folder()
        #expect(succeeded(try partmap("export", "--from", "Data/projects.geojson", "--out", out + "/wgs84.geojson")) == "")
        let run = try partmap("export", "--from", "Data/projects.geojson", "--out", out + "/mercator.geojson", "--crs", "EPSG:3857")
        #expect(run.status == 0 && run.stderr == "\(out)/mercator.geojson: 20 projects\n", "\(run.stderr)")
        let lonlat = try points(out + "/wgs84.geojson"), metres = try points(out + "/mercator.geojson")
        try #require(lonlat.count == 8 && Set(lonlat.keys) == Set(metres.keys), "the eight mapped projects in both")
        let ids = lonlat.keys.sorted()
        let reference = try Python.run(
            script: PackageRoot.path + "/Tools/reference/transform.py", arguments: ["EPSG:4326", "EPSG:3857"],
            input: ids.map { "\(lonlat[$0]![0]) \(lonlat[$0]![1])" }.joined(separator: "\n") + "\n")
            .split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        try #require(reference.count == ids.count)
        for (id, expected) in zip(ids, reference) {
            let got = try #require(metres[id])
            #expect(abs(got[0] - expected[0]) < 1e-6 && abs(got[1] - expected[1]) < 1e-6, "\(id): \(got) vs \(expected)")
        }
        let info = try command("ogrinfo", ["-so", "-al", out + "/mercator.geojson"])
        #expect(info.status == 0 && info.stdout.contains("Pseudo-Mercator") && info.stdout.contains("Feature Count: 20"), "\(info.stdout)\(info.stderr)")
    }

    /// `--format` wins over the file's extension: CSV and GeoJSONSeq (RFC 8142, each feature after
    /// a record separator) in files named .txt, as GDAL reads them.
    @Test func exportFormatWinsOverTheExtension() throws {
        let out = try folder()
        #expect(succeeded(try partmap("export", "--from", "Data/projects.geojson", "--region", "Asia", "--format", "csv", "--out", out + "/a.txt")) == "")
        let csv = try String(contentsOfFile: out + "/a.txt", encoding: .utf8)
        #expect(csv.hasPrefix("id,title,organisation,"))
        let info = try command("ogrinfo", ["-so", "-al", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "CSV:" + out + "/a.txt"])
        #expect(info.status == 0 && info.stdout.contains("Feature Count: 4"), "\(info.stdout)\(info.stderr)")

        #expect(succeeded(try partmap("export", "--from", "Data/projects.geojson", "--region", "Asia", "--format", "geojsonseq", "--out", out + "/b.txt")) == "")
        let seq = try String(contentsOfFile: out + "/b.txt", encoding: .utf8)
        let records = seq.split(separator: "\u{1E}")
        #expect(seq.hasPrefix("\u{1E}{\"type\":\"Feature\"") && records.count == 4 && records.allSatisfy { $0.hasSuffix("}\n") })
        let seqInfo = try command("ogrinfo", ["-so", "-al", "GeoJSONSeq:" + out + "/b.txt"])
        #expect(seqInfo.status == 0 && seqInfo.stdout.contains("Feature Count: 4"), "\(seqInfo.stdout)\(seqInfo.stderr)")
    }

    /// A CSV written by hand: quoted commas, `;` lists, a city placed at the gazetteer's point,
    /// an exact point, and a project with no location, into each store.
    static let csv = """
        id,title,organisation,participationLevel,participantGroups,sector,purposes,countries,city,locationPrecision,visibility,sources,lon,lat,startYear
        csv-a,Youth panel,Org A,led,children;youngPeople,civilSociety,research;policy,KE,Nairobi,city,public,Report 1,,,2021
        csv-b,"Survivor board, national",Org B,consultation,adultSurvivors,government,governance,PE,,exact,public,Report 2;Report 3,-77.03,-12.04,
        csv-c,Global forum,Org C,collaboration,youngPeople,intergovernmental,advocacy,,,none,public,Report 4,,,

        """

    @Test(arguments: StoreCommandTests.Backend.allCases)
    func aCSVImportsIntoAStore(backend: StoreCommandTests.Backend) throws {
        let path = try temporaryFile("projects.csv", Self.csv)
        let store = try StoreCommandTests.newStore(backend)
        let run = try partmap("import", path, "--store", store)
        #expect(run.status == 0 && run.stdout == "3 added, 0 changed, 0 unchanged\n" && run.stderr == "", "\(run.stderr)")
        let out = try folder() + "/back.geojson"
        #expect(succeeded(try partmap("export", "--store", store, "--out", out)).isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        try #require(features.compactMap { $0["id"] as? String } == ["csv-a", "csv-b", "csv-c"])
        let a = try #require(features[0]["properties"] as? [String: Any]), b = try #require(features[1]["properties"] as? [String: Any])
        #expect(a["participantGroups"] as? [String] == ["children", "youngPeople"] && a["purposes"] as? [String] == ["research", "policy"])
        #expect(a["startYear"] as? Int == 2021 && a["city"] as? String == "Nairobi")
        // Nairobi in Data/cities15000.tsv: lat -1.28333, lon 36.81667.
        #expect((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [36.81667, -1.28333])
        #expect(b["title"] as? String == "Survivor board, national" && b["sources"] as? [String] == ["Report 2", "Report 3"])
        #expect((features[1]["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [-77.03, -12.04])
        #expect(features[2]["geometry"] is NSNull)
    }

    @Test func validateReadsSeveralFilesAndAValidCSV() throws {
        let path = try temporaryFile("projects.csv", Self.csv)
        let both = try partmap("validate", "Data/projects.geojson", path)
        #expect(both.status == 0 && both.stderr == "", "\(both.stderr)")
        #expect(both.stdout == "Data/projects.geojson: 20 projects, 0 warnings\n\(path): 3 projects, 0 warnings\n")
        let bad = try temporaryFile("bad.csv", "id,title\na,T\n")
        let mixed = try partmap("validate", path, bad, "Data/projects.geojson")
        #expect(mixed.status == 1)
        #expect(mixed.stdout == "\(path): 3 projects, 0 warnings\nData/projects.geojson: 20 projects, 0 warnings\n", "the good files are still checked")
        #expect(mixed.stderr.hasPrefix("\(bad): row 1, column "), "\(mixed.stderr)")
        #expect(mixed.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("\(bad): ") })
    }
}
