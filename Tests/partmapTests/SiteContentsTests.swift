import Foundation
import TestSupport
import Testing

/// What `partmap publish` writes, checked against counts made without partmap: the summaries and
/// the choropleth against Tools/reference/summary.py over the same projects, and the tiles as the
/// pmtiles, sqlite3 and mapbox-vector-tile readers see them.
@Suite(.timeLimit(.minutes(10))) struct SiteContentsTests {
    var site: String { PublishCommandTests.published }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: site + "/" + name, encoding: .utf8)
    }

    /// The reference count of the fixture's projects by region, sub-region, country and level:
    /// Nairobi's four public ones (one at city precision), Oslo's two, Lima, Ghana (country
    /// precision) and one with no location; the internal one left out.
    func reference() throws -> ReferenceSummary {
        let reference = try ReferenceSummary(projects: PublishCommandTests.projects, by: "region,subregion,country,level")
        #expect(reference.total == 9)
        #expect(reference.rows[["002", "202", "KE", "led"]] == 2 && reference.rows[[nil, nil, nil, "led"]] == 1)
        return reference
    }

    @Test func summariesJSONCountsWhatTheReferenceCounts() throws {
        let json = try read("summaries.json")
        #expect(try ReferenceSummary(partmapJSON: json) == reference())
    }

    @Test func summariesCSVCountsWhatTheReferenceCounts() throws {
        let lines = try read("summaries.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        try #require(lines.first == ["region_code", "region", "subregion_code", "subregion", "country_code", "country", "level", "count", "share"])
        var rows: [[String?]: Int] = [:]
        var total = 0
        for fields in lines.dropFirst() {
            try #require(fields.count == 9, "\(fields)")
            let codes: [String?] = [fields[0], fields[2], fields[4]].map { $0.isEmpty ? nil : $0 } + [fields[6]]
            let count = try #require(Int(fields[7]))
            rows[codes] = count
            total += count
            #expect(abs(try #require(Double(fields[8])) - Double(count) / 9) < 0.00005, "share of \(fields), to 4 decimals")
        }
        let reference = try reference()
        #expect(rows == reference.rows)
        #expect(total == reference.total)
    }

    /// Every country polygon carries its count per level; those with projects match the reference.
    @Test func theChoroplethCountsPerCountryAndLevel() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read("regions.geojson").utf8)) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        try #require(features.count > 200, "every country polygon")
        var counted: [[String?]: Int] = [:]
        for feature in features {
            let properties = try #require(feature["properties"] as? [String: Any])
            // Polygons with no ISO code (Northern Cyprus, ...) have a null country and no projects here.
            let country = properties["country"] as? String
            let levels = try #require(properties["levels"] as? [String: Int])
            #expect(levels.values.reduce(0, +) == properties["count"] as? Int, "\(properties)")
            for (level, count) in levels where count > 0 { counted[[country, level], default: 0] += count }
        }
        var expected: [[String?]: Int] = [:]
        for (keys, count) in try reference().rows where keys[2] != nil { expected[[keys[2], keys[3]], default: 0] += count }
        #expect(expected.count == 6, "Kenya (two levels), Norway, Peru, Ghana")
        #expect(counted == expected)
    }

    /// Tiles as independent readers see them: list and object properties as JSON text, the
    /// regions layer down to zoom 5 and no further, and MBTiles and PMTiles holding the tiles of tiles/.
    @Test func tilesCarryJSONTextStopRegionsAtFiveAndMatchTheArchives() throws {
        let read = try Python.run(script: PackageRoot.path + "/Tools/reference/read_site.py", arguments: [site], input: "")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [String: Any])
        #expect(result["mbtiles_equals_directory"] as? Bool == true)
        #expect(result["archive_equals_directory"] as? Bool == true)
        let tiles = try #require(result["tiles"] as? [String: [String: Any]])
        #expect(result["mbtiles_tiles"] as? Int == tiles.count && tiles.count > 15)

        func layers(_ key: String) -> [String: [String: Any]] { tiles[key]?["layers"] as? [String: [String: Any]] ?? [:] }
        var zoomsWithRegions = Set<Int>()
        for key in tiles.keys where layers(key)["regions"] != nil { zoomsWithRegions.insert(Int(key.split(separator: "/")[0])!) }
        #expect(zoomsWithRegions == Set(0 ... 5))

        let top = try #require(layers("0/0/0")["projects"]?["features"] as? [[String: Any]])
        let cluster = try #require(top.compactMap { $0["properties"] as? [String: Any] }.first { $0["cluster"] as? Bool == true })
        let levelsText = try #require(cluster["levels"] as? String, "levels is JSON text")
        let levels = try #require(try JSONSerialization.jsonObject(with: Data(levelsText.utf8)) as? [String: Int])
        #expect(Set(levels.keys) == ["consultation", "collaboration", "coProduction", "led"])
        #expect(levels.values.reduce(0, +) == cluster["point_count"] as? Int)
        let singles = tiles.filter { $0.key.hasPrefix("14/") }.flatMap { (($0.value["layers"] as? [String: [String: Any]])?["projects"]?["features"] as? [[String: Any]]) ?? [] }
        let lima = try #require(singles.compactMap { $0["properties"] as? [String: Any] }.first { $0["id"] as? String == "lima" })
        #expect(lima["participantGroups"] as? String == #"["youngPeople"]"#)
        #expect(lima["sources"] as? String == #"["Annual report"]"#)
    }

    /// Each single project in the zoom-14 tiles, as mapbox-vector-tile reads it, carries what its
    /// feature in projects.geojson says, as JSONSerialization reads that: its id, then every
    /// property, lists as JSON text that reads back as the same list, and no other property.
    @Test func singleProjectsInTilesCarryTheirPublishedProperties() throws {
        let read = try Python.run(script: PackageRoot.path + "/Tools/reference/read_site.py", arguments: [site], input: "")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [String: Any])
        let tiles = try #require(result["tiles"] as? [String: [String: Any]])
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/projects.geojson"))) as? [String: Any])
        var published: [String: [String: Any]] = [:]
        for feature in try #require(collection["features"] as? [[String: Any]]) where !(feature["geometry"] is NSNull) {
            published[try #require(feature["id"] as? String)] = try #require(feature["properties"] as? [String: Any])
        }
        var seen = Set<String>()
        for (key, tile) in tiles where key.hasPrefix("14/") {
            let features = ((tile["layers"] as? [String: [String: Any]])?["projects"]?["features"] as? [[String: Any]]) ?? []
            for feature in features {
                let properties = try #require(feature["properties"] as? [String: Any])
                if properties["cluster"] as? Bool == true { continue }
                let id = try #require(properties["id"] as? String, "a single project has an id")
                let expected = try #require(published[id], "\(id) is in projects.geojson")
                #expect(Set(properties.keys) == Set(expected.keys).union(["id"]), "\(id): the same property names")
                for (name, value) in expected {
                    let tileValue = try #require(properties[name], "\(id).\(name)")
                    if value is [Any] {
                        let text = try #require(tileValue as? String, "\(id).\(name) is JSON text")
                        let list = try JSONSerialization.jsonObject(with: Data(text.utf8))
                        #expect((list as? NSArray) == (value as? NSArray), "\(id).\(name)")
                    } else {
                        #expect((tileValue as? NSObject) == (value as? NSObject), "\(id).\(name): \(tileValue) against \(value)")
                    }
                }
                seen.insert(id)
            }
        }
        #expect(seen.count >= 5 && seen.isSubset(of: published.keys), "singles at zoom 14: \(seen.sorted())")
    }

    /// `--license` reaches TileJSON, the MBTiles metadata and the web map; `--min-zoom` and
    /// `--max-zoom` bound the tiles, TileJSON and the PMTiles header.
    @Test func licenceAndZoomsReachEveryOutput() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-site-\(UUID())").path
        let run = try partmap("publish", "--store", PublishCommandTests.store, "--out", out, "--license", "CC0 1.0 (test licence)",
                              "--min-zoom", "2", "--max-zoom", "4", "--formats", "pmtiles,mbtiles,dir")
        #expect(run.status == 0, "\(run.stderr)")
        let tileJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/tilejson.json"))) as? [String: Any])
        #expect((tileJSON["attribution"] as? String)?.contains("CC0 1.0 (test licence)") == true)
        #expect((tileJSON["attribution"] as? String)?.contains("Participation projects: CC BY") == false, "the default licence is replaced")
        #expect(tileJSON["minzoom"] as? Int == 2 && tileJSON["maxzoom"] as? Int == 4)
        let metadata = succeeded(try command("sqlite3", [out + "/projects.mbtiles", "SELECT name || '=' || value FROM metadata WHERE name IN ('attribution', 'minzoom', 'maxzoom') ORDER BY name"]))
        #expect(metadata.contains("attribution=Participation projects: CC0 1.0 (test licence)"), "\(metadata)")
        #expect(metadata.contains("maxzoom=4\n") && metadata.contains("minzoom=2\n"))
        #expect(try String(contentsOfFile: out + "/assets/data.js", encoding: .utf8).contains("CC0 1.0 (test licence)"))
        let zooms = try FileManager.default.contentsOfDirectory(atPath: out + "/tiles").sorted()
        #expect(zooms == ["2", "3", "4"])
        let read = try Python.run(script: PackageRoot.path + "/Tools/reference/read_site.py", arguments: [out], input: "")
        let header = try #require((try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [String: Any])?["header"] as? [String: Any])
        #expect(header["min_zoom"] as? Int == 2 && header["max_zoom"] as? Int == 4)
    }
}
