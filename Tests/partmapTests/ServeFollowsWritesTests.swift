import Foundation
import TestSupport
import Testing

/// Caches follow every write, from any process: a project deleted or made internal from the
/// command line while `serve` runs is gone from items, clusters, tiles, summaries and the map's
/// data on the next request; and two services over one PostGIS store see each other's writes.
@Suite(.serialized, .timeLimit(.minutes(15))) struct ServeFollowsWritesTests {
    static func count(_ base: String, _ path: String) throws -> Int {
        let answer = try ServeCommandTests.get(base + path)
        guard answer.status == 200 else { throw ReferenceError("\(path): \(answer.status) \(answer.text)") }
        return answer.json["numberMatched"] as? Int ?? answer.json["total"] as? Int ?? -1
    }

    /// The projects the clusters at zoom 0 stand for, summed.
    static func clustered(_ base: String) throws -> Int {
        let answer = try ServeCommandTests.get(base + "/clusters?zoom=0")
        let features = try #require(answer.json["features"] as? [[String: Any]])
        return features.reduce(0) { sum, feature in
            sum + (((feature["properties"] as? [String: Any])?["point_count"] as? Int) ?? 1)
        }
    }

    /// What the public sees of a store, through every cached view and the uncached ones .
    static func publicState(_ base: String) throws -> [String: String] {
        let tile = try ServeCommandTests.get(base + "/tiles/0/0/0.mvt")
        let data = try ServeCommandTests.get(base + "/assets/data.js")
        return [
            "items": String(try count(base, "/collections/projects/items")), "summary": String(try count(base, "/summaries?by=level")),
            "clusters": String(try clustered(base)), "tile": tile.body.base64EncodedString(), "data": data.text,
        ]
    }

    static func counts(_ state: [String: String]) -> String {
        ["items", "summary", "clusters"].map { "\($0) \(state[$0] ?? "?")" }.joined(separator: ", ")
    }

    @Test(arguments: StoreCommandTests.Backend.allCases)
    func writesFromTheCommandLineShowOnTheNextRequest(backend: StoreCommandTests.Backend) throws {
        let store = try StoreCommandTests.newStore(backend)
        let imported = try partmap("import", PublishCommandTests.projects, "--store", store)
        #expect(imported.status == 0, "\(imported.stderr)")
        let service = try ServeCommandTests.Service(store: store)
        defer { _ = service.stop() }
        let before = try Self.publicState(service.base)
        #expect(before["items"] == "9" && before["clusters"] == "8", "\(Self.counts(before))")

        // A mapped project ("a", exact, in Nairobi) taken down from the command line.
        let deleted = try partmap("delete", "a", "--store", store)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let after = try Self.publicState(service.base)
        #expect(after["items"] == "8" && after["summary"] == "8" && after["clusters"] == "7", "\(Self.counts(after))")
        #expect(after["tile"] != before["tile"] && after["data"] != before["data"], "the tile and the map's data were made again")
        #expect(try ServeCommandTests.get(service.base + "/collections/projects/items/a").status == 404)

        // Another made internal by a re-import.
        let made = try partmap("import", try Self.withVisibility(id: "b", "internal"), "--store", store)
        #expect(made.status == 0, "\(made.stderr)")
        let hidden = try Self.publicState(service.base)
        #expect(hidden["items"] == "7" && hidden["summary"] == "7" && hidden["clusters"] == "6", "\(Self.counts(hidden))")
    }

    /// The fixture's project `id` alone, with another visibility.
    static func withVisibility(id: String, _ visibility: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: PublishCommandTests.projects))
        let collection = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var feature = try #require((collection["features"] as? [[String: Any]])?.first { $0["id"] as? String == id })
        var properties = try #require(feature["properties"] as? [String: Any])
        properties["visibility"] = visibility
        feature["properties"] = properties
        let out = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": [feature]])
        return try temporaryFile("\(id)-\(visibility).geojson", String(decoding: out, as: UTF8.self))
    }

    @Test func twoServicesOverOnePostGISSeeEachOthersWrites() throws {
        let store = try StoreCommandTests.newStore(.postgis)
        #expect(try partmap("import", PublishCommandTests.projects, "--store", store).status == 0)
        let one = try ServeCommandTests.Service(store: store, environment: ["PARTMAP_EDITOR_TOKEN": "edit"])
        defer { _ = one.stop() }
        let other = try ServeCommandTests.Service(store: store, environment: ["PARTMAP_EDITOR_TOKEN": "edit"])
        defer { _ = other.stop() }
        let before = try Self.publicState(other.base)
        let created = try ServeCommandTests.request("POST", one.base + "/collections/projects/items", headers: ["Authorization: Bearer edit"],
                                                    body: ServeCommandTests.feature("from-one", lon: 36.82, lat: -1.29))
        #expect(created.status == 201, "\(created.text)")
        let after = try Self.publicState(other.base)
        #expect(Int(after["items"]!) == Int(before["items"]!)! + 1 && Int(after["clusters"]!) == Int(before["clusters"]!)! + 1, "\(Self.counts(before)) → \(Self.counts(after))")
        let deleted = try ServeCommandTests.request("DELETE", other.base + "/collections/projects/items/from-one", headers: ["Authorization: Bearer edit"])
        #expect(deleted.status == 204)
        #expect(try Self.publicState(one.base) == before)
    }
}
