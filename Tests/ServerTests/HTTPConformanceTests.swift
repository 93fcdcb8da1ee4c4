import Foundation
import GeoJSON
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Participation
import Server
import Store
import TestSupport
import Testing

/// HTTP as RFC 9110 and OGC API – Features Parts 1–3 say: HEAD wherever GET is, form-encoded
/// query strings, percent-encoded ids, datetime intervals, queryables, the advertised limit, and
/// summaries in the formats analysts open; over SQLite and PostGIS alike.
@Suite struct HTTPConformanceTests {
    /// A small store of known years, places and words, one per backend, shared by the tests that
    /// only read it.
    static func store(_ backend: Backend) async throws -> any ProjectStore {
        try await SharedStores.shared.store("conformance", backend) { try HiddenDifferences.projects(variant: 0) }
    }

    @Test(arguments: Backend.allCases)
    func headAnswersAsGetWithoutABody(backend: Backend) async throws {
        let service = router(try await Self.store(backend))
        let paths = ["/", "/conformance", "/api", "/collections", "/collections/projects", "/collections/projects/queryables",
                     "/collections/projects/schema", "/collections/projects/items?limit=3", "/collections/projects/items/g0001",
                     "/collections/projects/items/no-such-id", "/summaries?by=level", "/clusters?zoom=2", "/tilejson.json",
                     "/tiles/0/0/0.mvt", "/map", "/assets/map.js", "/assets/map.css", "/assets/data.js", "/health", "/assets/leaflet/leaflet.css"]
        let gets = try await answers(service, paths.map { (.get, $0, [:]) })
        let heads = try await answers(service, paths.map { (.head, $0, [:]) })
        #expect(gets.count == paths.count && heads.count == paths.count)
        for (i, path) in paths.enumerated() {
            #expect(heads[i].status == gets[i].status, "\(path)")
            #expect(heads[i].headers == gets[i].headers, "\(path)")
            #expect(heads[i].body.isEmpty, "\(path)")
        }
        #expect(gets.filter { $0.status == 200 }.count == paths.count - 1, "all but the missing id answer 200")
    }

    @Test(arguments: Backend.allCases)
    func queryStringsAreFormEncoded(backend: Backend) async throws {
        let service = router(try await Self.store(backend))
        let plus = try await get(service, "/collections/projects/items?region=Eastern+Africa&limit=1000")
        let percent = try await get(service, "/collections/projects/items?region=Eastern%20Africa&limit=1000")
        #expect(plus.status == 200 && plus.body == percent.body)
        #expect((plus.json as? [String: Any])?["numberMatched"] as? Int ?? 0 > 0)
        let words = try await get(service, "/collections/projects/items?q=survivor+panel&limit=1000")
        let expected = try HiddenDifferences.projects(variant: 0).filter {
            $0.visibility == .public && ($0.title + " " + $0.organisation + " " + ($0.description ?? "")).lowercased().contains("survivor panel")
        }.count
        #expect(expected > 0 && (words.json as? [String: Any])?["numberMatched"] as? Int == expected)
        let broken = try await get(service, "/collections/projects/items?q=%E2%28")
        #expect(broken.status == 400 && broken.text.contains("query parameter q"))
    }

    @Test(arguments: Backend.allCases, ["a b", "with/slash", "ünïcødé", "percent%25", "plus+sign"])
    func idsArePercentDecodedAndLinksRoundTrip(backend: Backend, id: String) async throws {
        let store = try await backend.store(with: [])
        let service = router(store)
        var project = HiddenDifferences.project(id: id, index: 1, precision: .exact, place: ("KE", nil),
                                                position: Position(longitude: 36.8, latitude: -1.3), visibility: .public)
        project.updated = nil
        _ = try await store.upsert([project], date: "2026-11-30", dryRun: false)
        let page = try await get(service, "/collections/projects/items")
        let features = ((page.json as? [String: Any])?["features"] as? [[String: Any]]) ?? []
        #expect(features.count == 1 && features.first?["id"] as? String == id)
        // The HTML page's link to the item, followed as a client would.
        let html = try await get(service, "/collections/projects/items?f=html")
        let href = try #require(html.text.firstMatch(of: /href="http:\/\/partmap\.test(\/collections\/projects\/items\/[^"?]+)\?f=html"/)?.output.1)
        let item = try await get(service, String(href))
        #expect(item.status == 200, "\(href)")
        #expect((item.json as? [String: Any])?["id"] as? String == id)
        let selfLink = (((item.json as? [String: Any])?["links"] as? [[String: Any]])?.first { $0["rel"] as? String == "self" })?["href"] as? String
        #expect(selfLink == "http://partmap.test" + href)
    }

    @Test(arguments: Backend.allCases, [
        ("2010", 2010, 2010), ("2015-06-01T00:00:00Z", 2015, 2015), ("2019-01-01T00:00:00Z/2020-12-31T23:59:59Z", 2019, 2020),
        ("../2005-06-01T00:00:00Z", nil, 2005), ("2021-01-01T00:00:00Z/..", 2021, nil), ("2003-01-01/2004-12-31", 2003, 2004),
    ] as [(String, Int?, Int?)])
    func datetimeInstantsAndIntervals(backend: Backend, interval: (String, Int?, Int?)) async throws {
        let (value, from, until) = interval
        let service = router(try await Self.store(backend))
        let answer = try await get(service, "/collections/projects/items?limit=10000&datetime=" + value.replacingOccurrences(of: "+", with: "%2B"))
        #expect(answer.status == 200, "\(answer.text)")
        // Active at some time in the years: started by the end, not ended before the start.
        let expected = try HiddenDifferences.projects(variant: 0).filter { p in
            guard p.visibility == .public, let start = p.startYear else { return false }
            return start <= (until ?? 9999) && (p.endYear ?? 9999) >= (from ?? 0)
        }.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let ids = ((answer.json as? [String: Any])?["features"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(!expected.isEmpty && ids == expected)
    }

    @Test(arguments: Backend.allCases, ["../..", "/", "2021-13-01", "2020/2019", "yesterday", "2019-01-01T25:00:00Z"])
    func aMalformedDatetimeIsA400NamingIt(backend: Backend, value: String) async throws {
        let answer = try await get(router(try await Self.store(backend)), "/collections/projects/items?datetime=" + value)
        #expect(answer.status == 400 && answer.text.contains("query parameter datetime"), "\(answer.text)")
    }

    /// Every property a public item carries is in the queryables and the schema, with a type.
    @Test(arguments: Backend.allCases)
    func queryablesDescribeEveryPublicProperty(backend: Backend) async throws {
        let service = router(try await Self.store(backend))
        let published: Set<String> = [
            "title", "organisation", "description", "url", "initiative", "participationLevel", "participantGroups", "sector", "purposes",
            "countries", "city", "startYear", "endYear", "locationPrecision", "visibility", "sources", "updated", "country", "region",
            "regionCode", "subregion", "subregionCode", "intermediateRegion", "intermediateRegionCode",
        ]
        let items = try await get(service, "/collections/projects/items?limit=10000")
        var seen = Set<String>()
        for feature in ((items.json as? [String: Any])?["features"] as? [[String: Any]]) ?? [] {
            seen.formUnion(((feature["properties"] as? [String: Any]) ?? [:]).keys)
        }
        #expect(seen.isSubset(of: published), "\(seen.subtracting(published))")
        for path in ["/collections/projects/queryables", "/collections/projects/schema"] {
            let answer = try await get(service, path)
            #expect(answer.status == 200 && answer.header("content-type") == "application/schema+json")
            let properties = ((answer.json as? [String: Any])?["properties"] as? [String: [String: Any]]) ?? [:]
            #expect(published.isSubset(of: Set(properties.keys)), "\(published.subtracting(properties.keys))")
            #expect(published.allSatisfy { properties[$0]?["type"] is String })
            #expect(properties["participationLevel"]?["enum"] as? [String] == ["consultation", "collaboration", "coProduction", "led"])
        }
        let collection = try await get(service, "/collections/projects")
        let rels = (((collection.json as? [String: Any])?["links"] as? [[String: Any]]) ?? []).compactMap { $0["rel"] as? String }
        #expect(rels.contains("describedby") && rels.contains("http://www.opengis.net/def/rel/ogc/1.0/queryables"))
    }

    @Test(arguments: Backend.allCases)
    func theLimitsAreAdvertisedAndLargerOnesClamped(backend: Backend) async throws {
        let service = router(try await Self.store(backend))
        let api = try await get(service, "/api")
        let limit = ((((api.json as? [String: Any])?["components"] as? [String: Any])?["parameters"] as? [String: Any])?["limit"] as? [String: Any])?["schema"] as? [String: Any]
        #expect(limit?["maximum"] as? Int == 10000 && limit?["default"] as? Int == 10)
        for value in ["10001", "99999999999999999999999"] {
            let page = try await get(service, "/collections/projects/items?limit=" + value)
            #expect(page.status == 200, "\(value)")
            #expect((page.json as? [String: Any])?["numberReturned"] as? Int == 260)
        }
    }

    @Test(arguments: Backend.allCases)
    func summariesAsCSVAndHTML(backend: Backend) async throws {
        let service = router(try await Self.store(backend))
        let json = try await get(service, "/summaries?by=subregion,level")
        let csv = try await get(service, "/summaries?by=subregion,level&f=csv")
        let accepted = try await get(service, "/summaries?by=subregion,level", headers: [.accept: "text/csv"])
        #expect(csv.status == 200 && csv.header("content-type")?.hasPrefix("text/csv") == true && accepted.body == csv.body)
        // Python's csv module reads what a spreadsheet would, and it agrees with the JSON.
        let script = "import csv,sys,json; r=list(csv.DictReader(sys.stdin)); print(json.dumps([[x['subregion_code'],x['subregion'],x['level'],int(x['count'])] for x in r]))"
        let read = try Python.run(script: "-c", arguments: [script], input: csv.text)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [[Any]])
        let expected = (((json.json as? [String: Any])?["rows"] as? [[String: Any]]) ?? []).map { row -> [String] in
            let place = row["subregion"] as? [String: Any]
            return [(place?["code"] as? String) ?? "", place?["name"] as? String ?? "", row["level"] as? String ?? "", String(row["count"] as? Int ?? -1)]
        }
        #expect(!expected.isEmpty && rows.map { $0.map { "\($0)" } } == expected)
        let html = try await get(service, "/summaries?by=level&f=html")
        #expect(html.status == 200 && html.text.contains("<table>") && html.text.contains("<th scope=\"col\">count</th>"))
        let bad = try await get(service, "/summaries?by=level&f=xlsx")
        #expect(bad.status == 400 && bad.text.contains("query parameter f"))
    }
}
