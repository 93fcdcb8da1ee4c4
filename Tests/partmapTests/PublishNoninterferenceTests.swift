import Foundation
import TestSupport
import Testing

/// Noninterference of `partmap publish`: two stores that differ only in what the public may not
/// see publish byte-identical sites, file for file, on either backend.
@Suite(.serialized) struct PublishNoninterferenceTests {
    /// Stored positions, finer than the precision allows, for the curated city- and
    /// country-precision projects (their input has none: import places them at the gazetteer's
    /// or the country's point). Each lies inside its country. `none` projects may store no
    /// position at all (validation requires a null geometry), so they differ by extra properties only.
    static let storedPositions: [String: (Double, Double)] = [
        "philippine-survivor-network": (121.0437123, 14.6760456),
        "self-generated-consultation-gh": (-0.1870234, 5.6037891),
        "self-generated-consultation-ie": (-6.2603456, 53.3498123),
        "self-generated-consultation-th": (100.5018789, 13.7563012),
        "summit-youth-speakers-2024": (54.3712345, 24.4667891),
        "survivor-voices-london-2024": (-0.1275862, 51.5072178),
        "youth-voices-film-ng": (7.4913567, 9.0579234),
        "youth-voices-film-np": (85.3240123, 27.7172345),
    ]

    /// Data/projects.geojson, and the same with stored positions, extra properties on every
    /// project, and internal projects (exact, city, country and none) added.
    static func inputs() throws -> (plain: String, hidden: String) {
        let plain = PackageRoot.path + "/Data/projects.geojson"
        var collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plain))) as? [String: Any])
        var features = try #require(collection["features"] as? [[String: Any]])
        for index in features.indices {
            let id = try #require(features[index]["id"] as? String)
            if let (lon, lat) = storedPositions[id] {
                features[index]["geometry"] = ["type": "Point", "coordinates": [lon, lat]]
            }
            var properties = try #require(features[index]["properties"] as? [String: Any])
            properties["contact"] = "safeguarding-lead-\(index)@example.org"
            properties["internalNotes"] = ["met on 2024-05-01", "survivor-led: do not name"]
            features[index]["properties"] = properties
        }
        func internalProject(_ id: String, _ position: (Double, Double)?, precision: String, countries: [String], city: String? = nil) -> [String: Any] {
            var properties: [String: Any] = [
                "title": "Internal \(id)", "organisation": "Hidden organisation", "description": "Not for the public",
                "participationLevel": "led", "participantGroups": ["adultSurvivors"], "sector": "civilSociety",
                "purposes": ["supportServices"], "countries": countries, "locationPrecision": precision,
                "visibility": "internal", "sources": ["Steward's notes"], "startYear": 2020,
            ]
            if let city { properties["city"] = city }
            return ["type": "Feature", "id": id,
                    "geometry": position.map { ["type": "Point", "coordinates": [$0.0, $0.1]] as [String: Any] } ?? NSNull(),
                    "properties": properties]
        }
        features += [
            internalProject("internal-exact-london", (-0.1301234, 51.5101234), precision: "exact", countries: ["GB"]),
            internalProject("internal-city-abu-dhabi", (54.3801234, 24.4701234), precision: "city", countries: ["AE"], city: "Abu Dhabi"),
            internalProject("internal-country-ng", (3.3791234, 6.5241234), precision: "country", countries: ["NG"]),
            internalProject("internal-none", nil, precision: "none", countries: []),
            internalProject("aaa-internal-first", (121.05, 14.68), precision: "exact", countries: ["PH"]),
        ]
        collection["features"] = features
        let hidden = try temporaryFile("hidden.geojson", String(decoding: try JSONSerialization.data(withJSONObject: collection), as: UTF8.self))
        return (plain, hidden)
    }

    func publish(_ input: String, _ backend: StoreCommandTests.Backend) throws -> (site: String, stderr: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-ni-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try StoreCommandTests.newStore(backend)
        let imported = try partmap("import", input, "--store", store)
        guard imported.status == 0 else { throw CommandFailed(command: "partmap import", output: imported.stderr) }
        let site = folder.appendingPathComponent("site").path
        let run = try partmap("publish", "--store", store, "--out", site, "--max-zoom", "10", "--formats", "pmtiles,mbtiles,dir")
        guard run.status == 0 else { throw CommandFailed(command: "partmap publish", output: run.stderr) }
        return (site, run.stderr.replacingOccurrences(of: site, with: "DIR"))
    }

    func files(_ root: String) -> [String] {
        (FileManager.default.subpaths(atPath: root) ?? []).filter { path in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &folder) && !folder.boolValue
        }.sorted()
    }

    @Test(arguments: StoreCommandTests.Backend.allCases)
    func storesThatDifferOnlyInWhatThePublicMayNotSeePublishTheSameBytes(backend: StoreCommandTests.Backend) throws {
        let (plain, hidden) = try Self.inputs()
        let a = try publish(plain, backend), b = try publish(hidden, backend)
        #expect(a.stderr == b.stderr, "the same report")
        let names = files(a.site)
        #expect(names.count > 50 && names.contains("projects.geojson") && names.contains("tiles/0/0/0.mvt"))
        #expect(files(b.site) == names, "the same files")
        var differing: [String] = []
        for name in names where FileManager.default.contents(atPath: a.site + "/" + name) != FileManager.default.contents(atPath: b.site + "/" + name) {
            differing.append(name)
        }
        #expect(differing.isEmpty, "files that differ: \(differing.prefix(10))")
    }
}
