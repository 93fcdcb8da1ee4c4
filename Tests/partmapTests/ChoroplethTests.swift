import Foundation
import TestSupport
import Testing

/// `partmap summary --format geojson`: every country polygon with its count, as the JSON summary
/// counts it, in a file GDAL reads.
@Suite(.timeLimit(.minutes(10))) struct ChoroplethTests {
    @Test func countryPolygonsCarryTheSummaryCounts() throws {
        let run = try partmap("summary", "--from", "Data/projects.geojson", "--by", "country", "--format", "geojson")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let features = json?["features"] as? [[String: Any]] ?? []
        var counts: [String: Int] = [:]
        for feature in features {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let type = (feature["geometry"] as? [String: Any])?["type"] as? String
            #expect(type == "Polygon" || type == "MultiPolygon")
            if let code = properties["country"] as? String, let count = properties["count"] as? Int, count > 0 { counts[code] = count }
        }
        let summary = try JSONSerialization.jsonObject(with: Data(succeeded(try partmap("summary", "--from", "Data/projects.geojson", "--by", "country")).utf8)) as? [String: Any]
        var expected: [String: Int] = [:]
        for row in summary?["rows"] as? [[String: Any]] ?? [] {
            if let code = (row["country"] as? [String: Any])?["code"] as? String { expected[code] = row["count"] as? Int }
        }
        #expect(!expected.isEmpty)
        #expect(counts == expected)

        let path = try temporaryFile("choropleth.geojson", run.stdout)
        let info = try command("ogrinfo", ["-so", "-al", path])
        #expect(info.stdout.contains("Feature Count: \(features.count)"), "\(info.stdout) \(info.stderr)")
    }

    @Test func aChoroplethNeedsCountries() throws {
        let run = try partmap("summary", "--from", "Data/projects.geojson", "--by", "region", "--format", "geojson")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--format geojson: expected --by country (a choropleth of countries), found --by region"))
    }
}
