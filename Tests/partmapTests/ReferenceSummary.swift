import Foundation
import TestSupport
import Testing

/// Summary counts from Tools/reference/summary.py, which reads the projects, the M49 table and the
/// country polygons itself: rows keyed by the codes of their areas (nil for "No location") and
/// their level.
struct ReferenceSummary: Equatable {
    var total: Int
    var rows: [[String?]: Int]

    /// The reference's count of `projects` (a GeoJSON file) by `keys` (region, subregion, country, level).
    /// - Throws: when the script fails or prints something else than its JSON.
    init(projects: String, by keys: String, initiatives: Bool = false) throws {
        let data = PackageRoot.dataDirectory
        let out = try Python.run(
            script: PackageRoot.path + "/Tools/reference/summary.py",
            arguments: [projects, data + "/m49-regions.csv", data + "/countries-ne50.geojson", keys] + (initiatives ? ["--initiatives"] : []),
            input: "")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        total = try #require(json["total"] as? Int)
        rows = [:]
        for row in try #require(json["rows"] as? [[String: Any]]) {
            let codes = try #require(row["keys"] as? [Any]).map { $0 as? String }
            rows[codes] = try #require(row["count"] as? Int)
        }
    }

    /// partmap's summary JSON (`{"by": [...], "total": N, "rows": [...]}`) in the same shape.
    init(partmapJSON text: String) throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let keys = try #require(json["by"] as? [String])
        total = try #require(json["total"] as? Int)
        rows = [:]
        for row in try #require(json["rows"] as? [[String: Any]]) {
            let codes: [String?] = keys.map { key in
                if let area = row[key] as? [String: Any] { return area["code"] as? String }
                return row[key] as? String
            }
            #expect(rows[codes] == nil, "one row per key: \(codes)")
            rows[codes] = try #require(row["count"] as? Int)
        }
    }
}
