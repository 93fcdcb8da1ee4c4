import Foundation
import TestSupport
import Testing

/// Summaries say what is true: "No location" holds only projects with precision `none`; a project
/// mapped outside every country (a point at sea) counts under "No country", from a file and from
/// a store alike. A choropleth of an area shows the countries of that area only, with flat
/// per-level fields.
@Suite(.timeLimit(.minutes(10))) struct SummaryPlacesTests {
    static let projects = #"""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "at-sea", "geometry": {"type": "Point", "coordinates": [-30.0, 30.0]},
           "properties": {"title": "A ship's youth panel", "organisation": "Crew", "participationLevel": "led",
             "participantGroups": ["youngPeople"], "sector": "civilSociety", "countries": [],
             "locationPrecision": "exact", "visibility": "public", "sources": ["a review"]}},
          {"type": "Feature", "id": "online", "geometry": null,
           "properties": {"title": "An online forum", "organisation": "Web", "participationLevel": "consultation",
             "participantGroups": ["children"], "sector": "civilSociety", "countries": [],
             "locationPrecision": "none", "visibility": "public", "sources": ["a review"]}},
          {"type": "Feature", "id": "nairobi", "geometry": {"type": "Point", "coordinates": [36.8219, -1.2921]},
           "properties": {"title": "Young advisers", "organisation": "A charity", "participationLevel": "led",
             "participantGroups": ["youngPeople"], "sector": "civilSociety", "countries": ["KE"],
             "locationPrecision": "exact", "visibility": "public", "sources": ["a review"]}}]}
        """#

    /// "name=count" of each row of a JSON summary by one place key.
    static func rows(_ json: String, key: String) throws -> [String] {
        let summary = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (summary?["rows"] as? [[String: Any]] ?? []).map { row in
            "\((row[key] as? [String: Any])?["name"] as? String ?? "?")=\(row["count"] as? Int ?? -1)"
        }
    }

    @Test(arguments: ["region", "subregion", "country"])
    func aProjectAtSeaIsNoCountryAndAnUnmappedOneNoLocation(key: String) throws {
        let file = try temporaryFile("places.geojson", Self.projects)
        let fromFile = try partmap("summary", "--from", file, "--by", key)
        let expected = ["region": "Africa", "subregion": "Sub-Saharan Africa", "country": "Kenya"][key]!
        #expect(try Self.rows(succeeded(fromFile), key: key) == ["\(expected)=1", "No country=1", "No location=1"])

        // A store counts by its columns, without reading the records: the same rows.
        let store = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("s.sqlite").path
        _ = succeeded(try partmap("import", file, "--store", store))
        let fromStore = try partmap("summary", "--store", store, "--by", key)
        #expect(try Self.rows(succeeded(fromStore), key: key) == ["\(expected)=1", "No country=1", "No location=1"])
    }

    /// The countries of Western Africa (sub-region or intermediate region), read from the M49 table.
    static func westernAfrica() throws -> Set<String> {
        let text = try String(contentsOfFile: PackageRoot.dataDirectory + "/m49-regions.csv", encoding: .utf8)
        var codes = Set<String>()
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {  // CRLF is one Character
            // RFC 4180 cells: a comma inside double quotes belongs to the cell.
            var cells: [String] = [""], quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() } else if character == "," && !quoted { cells.append("") } else { cells[cells.count - 1].append(character) }
            }
            if cells.count > 9, cells[7] == "Western Africa" || cells[9] == "Western Africa" { codes.insert(cells[0]) }
        }
        return codes
    }

    @Test func aChoroplethOfARegionShowsItsCountriesWithFieldsPerLevel() throws {
        let run = try partmap("summary", "--from", "Data/projects.geojson", "--by", "country", "--format", "geojson",
                              "--region", "Western Africa")
        let json = try JSONSerialization.jsonObject(with: Data(succeeded(run).utf8)) as? [String: Any]
        let features = json?["features"] as? [[String: Any]] ?? []
        let properties = features.map { $0["properties"] as? [String: Any] ?? [:] }
        let codes = Set(properties.compactMap { $0["country"] as? String })
        let expected = try Self.westernAfrica()
        // Every polygon of the region has a country code, and every code is of the region.
        #expect(codes.isSubset(of: expected) && codes.count == properties.count, "\(codes.sorted())")
        #expect(codes.contains("GH") && codes.contains("NG") && !codes.contains("KE") && !codes.contains("FR"))

        // Counts per level, from an independent count of the same projects by country and level.
        let bySummary = try JSONSerialization.jsonObject(with: Data(succeeded(try partmap(
            "summary", "--from", "Data/projects.geojson", "--by", "country,level", "--region", "Western Africa")).utf8)) as? [String: Any]
        var perLevel: [String: Int] = [:]
        for row in bySummary?["rows"] as? [[String: Any]] ?? [] {
            let code = (row["country"] as? [String: Any])?["code"] as? String ?? "?"
            perLevel["\(code) \(row["level"] as? String ?? "?")"] = row["count"] as? Int
        }
        #expect(!perLevel.isEmpty)
        for feature in properties {
            let code = feature["country"] as? String ?? "?"
            let levels = feature["levels"] as? [String: Int] ?? [:]
            var sum = 0
            for level in ["consultation", "collaboration", "coProduction", "led"] {
                let flat = feature[level] as? Int
                #expect(flat == levels[level], "\(code) \(level)")
                #expect(flat == perLevel["\(code) \(level)"] ?? 0, "\(code) \(level)")
                sum += flat ?? 0
            }
            #expect(sum == feature["count"] as? Int, "\(code)")
        }
    }

    @Test func theRegionsFileHasFlatFieldsPerLevel() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-site-\(UUID())").path
        _ = succeeded(try partmap("publish", "--from", "Data/projects.geojson", "--out", out, "--formats", "dir", "--max-zoom", "1"))
        // ogrinfo lists each field GDAL sees, with its type: a level is an integer column, not JSON text.
        let info = try command("ogrinfo", ["-so", "-al", out + "/regions.geojson"])
        for level in ["consultation", "collaboration", "coProduction", "led"] {
            #expect(info.stdout.contains("\(level): Integer"), "\(info.stdout)")
        }
    }
}
