import Foundation
import TestSupport
import Testing

/// `partmap publish` as map publishers run it, read back by readers partmap did not write:
/// GDAL, sqlite3, the pmtiles and mapbox-vector-tile packages, sha256sum and headless Chromium.
@Suite(.serialized, .timeLimit(.minutes(10))) struct PublishCommandTests {
    /// Nairobi: three exact projects, one at city precision and an internal one; Oslo: two;
    /// Lima: one; Ghana: one at country precision; and one with no location.
    static let projectsFixture = Fixture {
        func feature(_ id: String, _ position: (Double, Double)?, level: String = "led", precision: String = "exact",
                     country: String = "KE", city: String? = nil, visibility: String = "public") -> String {
            let geometry = position.map { #"{"type":"Point","coordinates":[\#($0.0),\#($0.1)]}"# } ?? "null"
            return """
                {"type":"Feature","id":"\(id)","geometry":\(geometry),"properties":{"title":"Project \(id)","organisation":"Org",\
                "participationLevel":"\(level)","participantGroups":["youngPeople"],"sector":"civilSociety",\
                "countries":[\(precision == "none" ? "" : "\"\(country)\"")],\(city.map { "\"city\":\"\($0)\"," } ?? "")\
                "locationPrecision":"\(precision)","visibility":"\(visibility)","sources":["Annual report"]}}
                """
        }
        let features = [
            feature("a", (36.80, -1.30)), feature("b", (36.82, -1.29), level: "consultation"), feature("c", (36.81, -1.31)),
            feature("city-level", (36.8567913, -1.2345678), level: "collaboration", precision: "city", city: "Nairobi"),
            feature("secret-internal-id", (36.9512345, -1.2049876), visibility: "internal"),
            feature("o1", (10.75, 59.91), country: "NO"), feature("o2", (10.76, 59.92), country: "NO"),
            feature("lima", (-77.04, -12.05), level: "consultation", country: "PE"),
            feature("country-level", (-0.1234567, 5.6789123), level: "consultation", precision: "country", country: "GH"),
            feature("nowhere", nil, precision: "none"),
        ]
        return try temporaryFile("site.geojson", #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}")
    }
    static var projects: String { projectsFixture.path }

    /// What must never be published: the internal project's id, and the stored positions of the
    /// city- and country-precision projects and of the internal one, whole or rounded.
    static let hidden: [(Double, Double)] = [(36.8567913, -1.2345678), (-0.1234567, 5.6789123), (36.9512345, -1.2049876)]
    static let secrets = ["secret-internal-id"] + hidden.flatMap { lon, lat in
        [lon, lat].flatMap { value in [String(value), String(format: "%.5f", value)] }
    }

    static let storeFixture = Fixture {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-publish-\(UUID()).sqlite").path
        let run = try partmap("import", projects, "--store", path)
        guard run.status == 0, run.stdout == "10 added, 0 changed, 0 unchanged\n" else {
            throw CommandFailed(command: "partmap import", output: run.stdout + run.stderr)
        }
        return path
    }
    static var store: String { storeFixture.path }

    static func site(_ extra: String...) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-site-\(UUID())").path
        let run = try partmap(arguments: ["publish", "--store", store, "--out", out] + extra)
        guard run.status == 0 else { throw CommandFailed(command: "partmap publish", output: run.stderr) }
        return out
    }

    static let publishedFixture = Fixture { try site("--base-url", "https://maps.example.org/partmap/", "--formats", "pmtiles,mbtiles,dir") }
    static var published: String { publishedFixture.path }

    func files(_ root: String) -> [String] {
        (FileManager.default.subpaths(atPath: root) ?? []).filter { path in
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &directory) && !directory.boolValue
        }.sorted()
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test func everyFileIsThereAndARebuildIsByteIdentical() throws {
        let first = Self.published, second = try Self.site("--base-url", "https://maps.example.org/partmap/", "--formats", "pmtiles,mbtiles,dir")
        let names = files(first)
        for name in ["projects.geojson", "summaries.json", "summaries.csv", "regions.geojson", "projects.pmtiles", "projects.mbtiles",
                     "tilejson.json", "index.html", "assets/data.js", "assets/leaflet/leaflet.js", "manifest.json", "tiles/0/0/0.mvt"] {
            #expect(names.contains(name), "\(name) is published")
        }
        #expect(files(second) == names)
        for name in names {
            #expect(FileManager.default.contents(atPath: first + "/" + name) == FileManager.default.contents(atPath: second + "/" + name),
                    "\(name) is the same on rebuild")
        }
        // The manifest names every other file with its size and a SHA-256 that sha256sum agrees with.
        let manifest = try #require(try json(first + "/manifest.json")["files"] as? [[String: Any]])
        #expect(manifest.compactMap { $0["path"] as? String } == names.filter { $0 != "manifest.json" })
        let summed = try command("/usr/bin/sha256sum", names.filter { $0 != "manifest.json" }.map { first + "/" + $0 })
        #expect(summed.status == 0, "\(summed.stderr)")
        let sums = summed.stdout.split(separator: "\n")
        try #require(manifest.count == sums.count && manifest.count == names.count - 1, "one line per file")
        for (entry, line) in zip(manifest, sums) {
            let path = try #require(entry["path"] as? String)
            #expect(line.hasPrefix((entry["sha256"] as? String ?? "?") + " "), "\(path)")
            let size = try FileManager.default.attributesOfItem(atPath: first + "/" + path)[.size] as? Int
            #expect(entry["size"] as? Int == size, "\(path)")
        }
    }

    @Test func tileJSONFollowsTheThreeZeroZeroRules() throws {
        let tileJSON = try json(Self.published + "/tilejson.json")
        #expect(tileJSON["tilejson"] as? String == "3.0.0")
        #expect(tileJSON["tiles"] as? [String] == ["https://maps.example.org/partmap/tiles/{z}/{x}/{y}.mvt"])
        let layers = try #require(tileJSON["vector_layers"] as? [[String: Any]])
        #expect(layers.compactMap { $0["id"] as? String } == ["projects", "regions"])
        for layer in layers { #expect(layer["fields"] is [String: String], "fields maps names to types") }
        let fields = try #require(layers[0]["fields"] as? [String: String])
        #expect(fields["point_count"] == "Number" && fields["cluster"] == "Boolean" && fields["title"] == "String")
        let bounds = try #require(tileJSON["bounds"] as? [Double])
        #expect(bounds.count == 4 && bounds[0] <= bounds[2] && bounds[1] <= bounds[3])
        #expect(bounds[0] <= -77.04 && bounds[2] >= 36.80, "the public positions are inside")
        #expect((tileJSON["center"] as? [Double])?.count == 3)
        #expect(tileJSON["minzoom"] as? Int == 0 && tileJSON["maxzoom"] as? Int == 14)
        let attribution = try #require(tileJSON["attribution"] as? String)
        #expect(attribution.contains("CC BY 4.0") && attribution.contains("GeoNames (geonames.org)"))
        for key in ["name", "description", "version"] { #expect(tileJSON[key] is String, "\(key)") }
    }

    @Test func archivesAndTilesReadBackWithOthersReaders() throws {
        let site = Self.published
        let read = try Python.run(script: PackageRoot.path + "/Tools/reference/read_site.py", arguments: [site], input: "")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [String: Any])
        let header = try #require(result["header"] as? [String: Any])
        #expect(header["tile_type"] as? String == "MVT" && header["tile_compression"] as? String == "GZIP")
        #expect(header["min_zoom"] as? Int == 0 && header["max_zoom"] as? Int == 14 && header["clustered"] as? Bool == true)
        let metadata = try #require(result["metadata"] as? [String: Any])
        #expect((metadata["vector_layers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["projects", "regions"])
        #expect(result["archive_equals_directory"] as? Bool == true, "the PMTiles archive holds exactly the tiles of tiles/")
        let tiles = try #require(result["tiles"] as? [String: [String: Any]])
        #expect(tiles.count == result["archive_tiles"] as? Int)
        for (key, tile) in tiles { #expect((tile["bytes"] as? Int ?? .max) <= 500 * 1024, "\(key) is at most 500 KB") }

        // At zoom 0 (one tile) every mapped public project is counted once: 8 of them.
        let top = try #require((tiles["0/0/0"]?["layers"] as? [String: [String: Any]])?["projects"]?["features"] as? [[String: Any]])
        let counted = top.reduce(0) { sum, f in sum + (((f["properties"] as? [String: Any])?["point_count"] as? Int) ?? 1) }
        #expect(counted == 8)
        let regions = try #require((tiles["0/0/0"]?["layers"] as? [String: [String: Any]])?["regions"]?["features"] as? [[String: Any]])
        let kenya = try #require(regions.first { ($0["properties"] as? [String: Any])?["country"] as? String == "KE" })
        #expect((kenya["properties"] as? [String: Any])?["count"] as? Int == 4)
        // At zoom 14 the exact projects stand alone where they are.
        let singles = tiles.filter { $0.key.hasPrefix("14/") }.flatMap { tile in
            ((tile.value["layers"] as? [String: [String: Any]])?["projects"]?["features"] as? [[String: Any]]) ?? []
        }
        let a = try #require(singles.first { ($0["properties"] as? [String: Any])?["id"] as? String == "a" })
        let position = try #require(a["lonlat"] as? [Double])
        #expect(abs(position[0] - 36.80) < 0.0001 && abs(position[1] + 1.30) < 0.0001)

        // GDAL reads the MBTiles and the tile folder.
        let info = try command("/usr/bin/ogrinfo", ["-ro", "-so", site + "/projects.mbtiles"])
        #expect(info.status == 0 && info.stdout.contains("projects (") && info.stdout.contains("regions ("), "\(info.stderr)")
        let zoom0 = try command("/usr/bin/ogrinfo", ["-ro", "-al", "-oo", "TILE_EXTENSION=mvt", site + "/tiles/0", "projects"])
        #expect(zoom0.status == 0, "\(zoom0.stderr)")
        #expect(zoom0.stdout.components(separatedBy: "OGRFeature(projects)").count - 1 == top.count)

        // sqlite3 reads MBTiles 1.3's metadata and rows in TMS order.
        let metadata13 = succeeded(try command("/usr/bin/sqlite3", [site + "/projects.mbtiles", "SELECT name || '=' || value FROM metadata ORDER BY name"]))
        for line in ["format=pbf", "minzoom=0", "maxzoom=14", "name=partmap participation projects", "type=overlay"] {
            #expect(metadata13.contains(line + "\n"), "\(line)")
        }
        for name in ["bounds=", "center=", "attribution=", "json={\"vector_layers\""] { #expect(metadata13.contains(name), "\(name)") }
        let rows = succeeded(try command("/usr/bin/sqlite3", [site + "/projects.mbtiles", "SELECT tile_column, tile_row FROM tiles WHERE zoom_level = 3"]))
        try #require(!rows.isEmpty, "zoom 3 has tiles")
        for row in rows.split(separator: "\n") {
            let xy = row.split(separator: "|").compactMap { Int($0) }
            #expect(FileManager.default.fileExists(atPath: "\(site)/tiles/3/\(xy[0])/\(7 - xy[1]).mvt"), "row \(row) is TMS")
        }
        #expect(try command("/usr/bin/sqlite3", [site + "/projects.mbtiles", "SELECT count(*) FROM tiles"]).stdout == "\(tiles.count)\n")
    }

    @Test func nothingInternalOrTooPreciseIsPublished() throws {
        let site = Self.published
        let names = files(site)
        try #require(names.count >= 12 && names.contains("projects.geojson"), "a whole site to search: \(names)")
        for name in names {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: site + "/" + name)), as: UTF8.self)
            for secret in Self.secrets { #expect(!text.contains(secret), "\(name) holds \(secret)") }
        }
        // The positive control: the same search finds what is public, the Lima project's id and position.
        let publicText = try String(contentsOfFile: site + "/projects.geojson", encoding: .utf8)
        #expect(publicText.contains("\"lima\"") && publicText.contains("-77.04"))
        let read = try Python.run(script: PackageRoot.path + "/Tools/reference/read_site.py", arguments: [site], input: "")
        for secret in Self.secrets { #expect(!read.contains(secret), "a decoded tile holds \(secret)") }
        let result = try #require(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [String: Any])
        let tiles = try #require(result["tiles"] as? [String: [String: Any]])
        try #require(tiles.count > 14, "tiles at every zoom to search")
        var searched = 0, publicSeen = false
        for (key, tile) in tiles {
            let features = ((tile["layers"] as? [String: [String: Any]])?["projects"]?["features"] as? [[String: Any]]) ?? []
            for feature in features {
                searched += 1
                let p = try #require(feature["lonlat"] as? [Double], "a point feature")
                if abs(p[0] + 77.04) <= 0.001 && abs(p[1] + 12.05) <= 0.001 { publicSeen = true }
                for (lon, lat) in Self.hidden {
                    #expect(abs(p[0] - lon) > 0.001 || abs(p[1] - lat) > 0.001, "tile \(key) shows a hidden position")
                }
            }
        }
        #expect(searched >= 15 * 4, "at least the four public places at each of zooms 0-14")
        #expect(publicSeen, "the same search finds a public exact position (Lima)")
        let geojson = try json(site + "/projects.geojson")
        let ids = (geojson["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.count == 9 && !ids.contains("secret-internal-id"))
        let nowhere = (geojson["features"] as? [[String: Any]])?.first { $0["id"] as? String == "nowhere" }
        #expect(nowhere?["geometry"] is NSNull, "a project with no location has null geometry")
    }

    @Test func formatsChooseTheTileArchivesAndAMissingBaseURLIsWarnedOf() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-site-\(UUID())").path
        let run = try partmap("publish", "--store", Self.store, "--out", out, "--max-zoom", "3")
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("--base-url: warning: not given: tilejson.json's tiles point at http://localhost:8080/tiles/{z}/{x}/{y}.mvt\n"))
        let names = files(out)
        #expect(names.contains("projects.pmtiles") && !names.contains("projects.mbtiles") && !names.contains { $0.hasPrefix("tiles/") },
                "the default is PMTiles alone: the map needs no tiles")
        let mbtiles = try partmap("publish", "--store", Self.store, "--out", out, "--max-zoom", "3", "--formats", "mbtiles",
                                  "--base-url", "https://example.org")
        #expect(mbtiles.status == 0 && !mbtiles.stderr.contains("warning"))
        #expect(files(out).contains("projects.mbtiles") && !files(out).contains("projects.pmtiles"))
        let bad = try partmap("publish", "--store", Self.store, "--out", out, "--formats", "pmtiles,zip")
        #expect(bad.status == 2 && bad.stderr.contains("--formats: expected pmtiles, mbtiles or dir, found \"zip\""))
    }

    @Test func onATerminalPublishShowsTheShareDoneAndTheTimeLeft() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-site-\(UUID())").path
        let binary = ProcessInfo.processInfo.environment["PARTMAP_BIN"] ?? Bundle.main.bundleURL.appendingPathComponent("partmap").path
        // script(1) gives the command a pseudo-terminal.
        let line = [binary, "publish", "--store", Self.store, "--out", out, "--max-zoom", "4", "--base-url", "https://example.org"].joined(separator: " ")
        let run = try command("/usr/bin/script", ["-qec", line, "/dev/null"])
        #expect(run.status == 0)
        let shown = run.stdout.components(separatedBy: "\r").compactMap { $0.firstMatch(of: /(\d+)% · (\d+) s left · (.+)/) }
        let shares = shown.compactMap { Int($0.output.1) }
        #expect(shares.count >= 5 && shares == shares.sorted() && shares.allSatisfy { (0 ... 100).contains($0) }, "\(shares)")
        #expect(shown.contains { $0.output.3.hasPrefix("tiles: zoom 4 of 4") })
        let plain = try partmap("publish", "--store", Self.store, "--out", out, "--max-zoom", "4", "--base-url", "https://example.org")
        #expect(!plain.stderr.contains("%"), "no progress when stderr is not a terminal")
    }

    @Test func badOptionsAndFailuresLeaveThePublishedSiteAlone() throws {
        let site = try Self.site("--max-zoom", "3")
        let before = try Data(contentsOf: URL(fileURLWithPath: site + "/manifest.json"))
        let tooDeep = try partmap("publish", "--store", Self.store, "--out", site, "--max-zoom", "17")
        #expect(tooDeep.status == 2 && tooDeep.stderr.contains("--max-zoom"))
        let badURL = try partmap("publish", "--store", Self.store, "--out", site, "--base-url", "ftp://example.org")
        #expect(badURL.status == 2 && badURL.stderr.contains("--base-url"))
        let badInput = try temporaryFile("bad.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature"}]}"#)
        let failed = try partmap("publish", "--from", badInput, "--out", site)
        #expect(failed.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: site + "/manifest.json")) == before, "the site is as it was")
        let parent = URL(fileURLWithPath: site).deletingLastPathComponent().path
        let leftovers = (try FileManager.default.contentsOfDirectory(atPath: parent)).filter { $0.hasPrefix("." + URL(fileURLWithPath: site).lastPathComponent) }
        #expect(leftovers.isEmpty, "no half-written site is left: \(leftovers)")
        let unwritable = try partmap("publish", "--store", Self.store, "--out", "/proc/partmap-site", "--max-zoom", "2")
        #expect(unwritable.status == 2 && unwritable.stderr.contains("/proc/partmap-site"))
    }
}
