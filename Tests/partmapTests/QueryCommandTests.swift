import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct QueryCommandTests {
    @Test(arguments: [
        (["--bbox", "1,2,3"], #"--bbox: expected W,S,E,N (4 numbers), found "1,2,3""#),
        (["--bbox", "0,0,10,95"], "--bbox: expected a latitude in -90..90, found 95"),
        (["--near", "36.8,-1.3", "--radius-km", "0"], "--radius-km: expected a distance above 0, found 0.0"),
        (["--near", "36.8,-1.3"], "--near: expected --radius-km with it, found none"),
        (["--region", "Eastern Afrika"], #"--region: expected an M49 region name or code, found "Eastern Afrika"; nearest: Eastern Africa"#),
        (["--country", "UK"], #"--country: expected an ISO 3166-1 alpha-2 or alpha-3 code or an English country name, found "UK"; did you mean "United Kingdom of Great Britain and Northern Ireland" (GB)?"#),
        (["--sector", "ngo"], #"--sector: expected one of government, privateSector, civilSociety, intergovernmental, academia, found "ngo""#),
        (["--country", "KE", "--region", "Africa"], "expected one area, found --country and --region"),
        (["--within", "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"], "--within: expected a valid polygon, found one GEOS rejects: Self-intersection"),
        (["--crs", "EPSG:999999"], #"--crs: unknown CRS "EPSG:999999""#),
    ])
    func malformedArgumentsAreBadUsage(arguments: [String], message: String) throws {
        let run = try partmap(arguments: ["query", "--from", "Data/projects.geojson"] + arguments)
        #expect(run.status == 2, "\(arguments)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// What a wildcard or a quote would do to a hand-built query must not happen: each text
    /// finds exactly the records whose title, organisation or description hold it literally.
    @Test(arguments: ["'", "\"", ";", "--", "%", "_", "' OR 1=1 --", "self-GENERATED"])
    func quotesAndWildcardsAreJustText(text: String) throws {
        let run = try partmap(arguments: ["query", "--from", "Data/projects.geojson", "--text=\(text)", "--format", "geojson"])
        #expect(run.status == 0, "\(run.stderr)")
        let found = try featureIDs(run.stdout)
        let data = try Data(contentsOf: PackageRoot.url.appendingPathComponent("Data/projects.geojson"))
        let features = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["features"] as? [[String: Any]] ?? []
        let expected = features.filter { feature in
            let p = feature["properties"] as? [String: Any] ?? [:]
            return ["title", "organisation", "description"].contains { (p[$0] as? String)?.lowercased().contains(text.lowercased()) == true }
        }.compactMap { $0["id"] as? String }.sorted()
        #expect(found == expected)
    }

    func featureIDs(_ geojson: String) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(geojson.utf8)) as? [String: Any]
        return (json?["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func aStoreThatCannotBeOpenedExitsThree() throws {
        let path = try temporaryFile("broken.sqlite", "this is not a database")
        for arguments in [["query", "--store", path], ["import", "Data/projects.geojson", "--store", path], ["get", "x", "--store", path]] {
            let run = try partmap(arguments: arguments)
            #expect(run.status == 3, "\(arguments)")
            #expect(run.stderr.hasPrefix("\(path): cannot open the SQLite store: "), "\(run.stderr)")
        }
    }

    /// Import lands whole or not at all; re-importing changes nothing but `updated`.
    @Test func importGetDeleteAndQueryAStore() throws {
        let store = try temporaryFile("store.sqlite", "")
        try FileManager.default.removeItem(atPath: store)
        let bad = try temporaryFile("bad.csv", "id,title\na,T\n")
        let refused = try partmap(arguments: ["import", "Data/projects.geojson", bad, "--store", store])
        #expect(refused.status == 1)
        #expect(try partmap(arguments: ["query", "--store", store, "--format", "csv"]).stdout.split(separator: "\n").count <= 1, "nothing landed")

        #expect(try partmap(arguments: ["import", "Data/projects.geojson", "--store", store, "--dry-run"]).stdout == "would be: 20 added, 0 changed, 0 unchanged\n")
        #expect(try partmap(arguments: ["import", "Data/projects.geojson", "--store", store]).stdout == "20 added, 0 changed, 0 unchanged\n")
        #expect(try partmap(arguments: ["import", "Data/projects.geojson", "--store", store]).stdout == "0 added, 0 changed, 20 unchanged\n")

        let fromStore = try partmap(arguments: ["query", "--store", store, "--region", "Asia"])
        let fromFile = try partmap(arguments: ["query", "--from", "Data/projects.geojson", "--region", "Asia"])
        #expect(fromStore.status == 0)
        #expect(try featureIDs(fromStore.stdout) == featureIDs(fromFile.stdout))
        #expect(try featureIDs(fromStore.stdout).count == 4)

        let got = try partmap(arguments: ["get", "philippine-survivor-network", "missing", "--store", store])
        #expect(got.status == 1)
        #expect(try featureIDs(got.stdout) == ["philippine-survivor-network"])
        #expect(got.stderr == "\(store): no project \"missing\"\n")
        #expect(try partmap(arguments: ["delete", "philippine-survivor-network", "--store", store]).stdout == "1 deleted\n")
        #expect(try partmap(arguments: ["get", "philippine-survivor-network", "--store", store]).status == 1)
    }

    /// GDAL, an independent reader, opens every machine-readable output with the right count.
    @Test(arguments: [("geojson", "out.geojson", [String]()), ("geojsonseq", "out.geojsonl", []),
                      ("csv", "out.csv", ["-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat"])])
    func gdalReadsTheOutput(format: String, name: String, options: [String]) throws {
        let run = try partmap(arguments: ["query", "--from", "Data/projects.geojson", "--region", "Africa", "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        let path = try temporaryFile(name, run.stdout)
        let info = try command("ogrinfo", ["-so", "-al"] + options + [path])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Feature Count: 2"), "\(info.stdout)")
    }

    /// --crs output agrees with pyproj, and says its CRS as GDAL reads it.
    @Test func reprojectedOutputAgreesWithPyproj() throws {
        let run = try partmap(arguments: ["query", "--from", "Data/projects.geojson", "--crs", "EPSG:3857"])
        #expect(run.status == 0)
        #expect(run.stdout.contains(#""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}}"#))
        let wgs84 = try partmap(arguments: ["query", "--from", "Data/projects.geojson"])
        #expect(wgs84.status == 0, "\(wgs84.stderr)")
        func points(_ geojson: String) throws -> [[Double]] {
            let json = try JSONSerialization.jsonObject(with: Data(geojson.utf8)) as? [String: Any]
            return (json?["features"] as? [[String: Any]] ?? []).compactMap {
                ($0["geometry"] as? [String: Any])?["coordinates"] as? [Double]
            }
        }
        let input = try points(wgs84.stdout), ours = try points(run.stdout)
        try #require(!input.isEmpty && input.count == ours.count)
        let reference = try Python.run(
            script: PackageRoot.path + "/Tools/reference/transform.py", arguments: ["EPSG:4326", "EPSG:3857"],
            input: input.map { "\($0[0]) \($0[1])" }.joined(separator: "\n") + "\n")
            .split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        try #require(reference.count == ours.count && reference.allSatisfy { $0.count == 2 }, "\(reference)")
        for (expected, got) in zip(reference, ours) {
            #expect(abs(expected[0] - got[0]) <= 1e-6 && abs(expected[1] - got[1]) <= 1e-6)
        }
        let info = try command("ogrinfo", ["-so", "-al", try temporaryFile("p.geojson", run.stdout)])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Pseudo-Mercator"), "\(info.stdout)")
    }
}
