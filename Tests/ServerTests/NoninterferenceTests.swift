import Foundation
import GeoJSON
import HTTPTypes
import Hummingbird
import Participation
import Server
import Store
import TestSupport
import Testing

/// The safeguarding rule, checked as a rule: two stores that differ only in what the public may
/// not see give byte-identical anonymous answers (status, every header, body) on every route.
/// A route added to the service and missing here fails `everyRouteIsAsked` until it is added.
@Suite struct NoninterferenceTests {
    typealias Request = (HTTPRequest.Method, String, HTTPFields)

    /// Every anonymous request compared: documents, items over every area and filter, items by
    /// id (public, internal of either store, missing), summaries by every key, clusters at every
    /// zoom, TileJSON and tiles z0–16 over public and hidden positions, the map, health, and
    /// anonymous writes.
    static func requests() throws -> [Request] {
        let base = try HiddenDifferences.projects(variant: 0)
        let publicIDs = base.filter { $0.visibility == .public }.map(\.id)
        let internalIDs = try (0 ... 1).flatMap { try HiddenDifferences.projects(variant: $0).filter { $0.visibility == .internal }.map(\.id) }
        let hidden = try HiddenDifferences.hiddenPositions()
        let views = try base.compactMap { try $0.publicView(places: atlas)?.position }
        func fmt(_ x: Double) -> String { String(format: "%.6f", x) }
        var uris = [
            "/", "/?f=html", "/?f=json", "/conformance", "/conformance?f=html", "/api", "/collections", "/collections?f=html",
            "/collections/projects", "/collections/projects?f=html", "/collections/projects/queryables", "/collections/projects/schema", "/collections/projects/schema?profile=feature",
            "/collections/projects/queryables?f=html", "/health", "/map", "/map?zoom=3&lat=1&lon=2&level=led",
            "/assets/map.js", "/assets/map.css", "/assets/data.js", "/assets/leaflet/leaflet.js", "/tilejson.json",
            "/no-such-route", "/collections/projects/items?bogus=1", "/metrics",
        ]
        let items = "/collections/projects/items"
        uris += [
            items, items + "?limit=10000", items + "?limit=5&offset=5", items + "?limit=7&offset=250", items + "?f=html&limit=100",
            items + "?crs=http://www.opengis.net/def/crs/EPSG/0/3857&limit=1000", items + "?crs=http://www.opengis.net/def/crs/EPSG/0/4326&limit=1000",
            items + "?bbox=-180,-90,180,90&limit=1000", items + "?bbox=170,-60,-170,60", items + "?bbox=30,-5,40,5&limit=1000",
            items + "?bbox=-1,-1,1,1&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326",
            items + "?bbox=-20000000,-20000000,20000000,20000000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3857&limit=1000",
            items + "?near=36.8,-1.3&radius-km=500&limit=1000", items + "?near=0,0&radius-km=20000&limit=1000",
            items + "?within=POLYGON((30%20-10,45%20-10,45%2010,30%2010,30%20-10))&limit=1000",
            items + "?q=youth&limit=1000", items + "?q=survivor+panel", items + "?q=%CE%BF%CE%B4%CE%B7%CE%B3%CE%BF%CF%82",
            items + "?datetime=2010&limit=1000", items + "?datetime=2015-06-01T00:00:00Z",
            items + "?datetime=2003-01-01T00:00:00Z/2006-12-31T23:59:59Z&limit=1000", items + "?datetime=../2004-01-01&limit=1000",
            items + "?datetime=2020-01-01/..&limit=1000", items + "?level=led,coProduction&limit=1000",
            items + "?group=adultSurvivors&limit=1000", items + "?sector=academia&limit=1000", items + "?purpose=research&purpose=policy",
            items + "?country=KE&limit=1000", items + "?country=GB", items + "?region=Eastern+Africa&limit=1000", items + "?region=019",
            items + "?region=Africa&level=led",
        ]
        for p in hidden {
            // What an attacker would try: tiny boxes and circles around each hidden position.
            let d = 0.0005
            uris.append(items + "?bbox=\(fmt(p.longitude - d)),\(fmt(p.latitude - d)),\(fmt(p.longitude + d)),\(fmt(p.latitude + d))")
            uris.append(items + "?near=\(fmt(p.longitude)),\(fmt(p.latitude))&radius-km=0.05")
        }
        uris += (publicIDs + internalIDs + ["no-such-project", "g0000-secret-2"]).flatMap { id in
            [items + "/" + QueryParametersForTests.segment(id), items + "/" + QueryParametersForTests.segment(id) + "?f=html"]
        }
        let keys = ["region", "subregion", "intermediate", "country", "level", "group", "sector", "purpose"]
        for key in keys {
            uris.append("/summaries?by=\(key)")
            uris.append("/summaries?by=\(key)&count=initiatives")
            uris.append("/summaries?by=\(key),level&region=Africa")
        }
        uris += ["/summaries?by=subregion,level&f=csv", "/summaries?by=country,level&f=html&region=Africa",
                 "/summaries?by=subregion,level,group,sector", "/summaries?by=country&bbox=30,-5,40,5", "/summaries?by=level&q=youth",
                 "/summaries?by=", "/summaries?by=level,level"]
        for zoom in 0 ... 16 {
            uris.append("/clusters?zoom=\(zoom)")
            uris.append("/clusters?zoom=\(zoom)&level=led")
            uris.append("/clusters?zoom=\(zoom)&bbox=30,-5,40,5")
        }
        for z in 0 ... 16 {
            var tiles = Set<String>()
            for p in views.prefix(60) + hidden.prefix(60) {
                let n = Double(1 << z), lat = max(-85, min(85, p.latitude)) * .pi / 180
                let x = min(Int(n) - 1, Int((p.longitude + 180) / 360 * n))
                let y = min(Int(n) - 1, Int((1 - log(tan(lat) + 1 / cos(lat)) / .pi) / 2 * n))
                tiles.insert("/tiles/\(z)/\(x)/\(y).mvt")
            }
            uris += tiles.sorted()
        }
        var requests: [Request] = uris.map { (.get, $0, [:]) }
        requests += uris.prefix(40).map { (.head, $0, [:]) }
        requests += [(.post, items, [:]), (.put, items + "/g0001", [:]), (.delete, items + "/g0001", [:]),
                     (.delete, items + "/g0000-secret-0", [.authorization: "Bearer wrong"])]
        return requests
    }

    @Test(arguments: Backend.allCases)
    func anonymousAnswersAreAFunctionOfThePublicViewAlone(backend: Backend) async throws {
        let (storeA, storeB) = (try await backend.store(with: HiddenDifferences.projects(variant: 0)),
                                try await backend.store(with: HiddenDifferences.projects(variant: 1)))
        let first = router(storeA), second = router(storeB)
        let requests = try Self.requests()
        let a = try await answers(first, requests), b = try await answers(second, requests)
        #expect(a.count == requests.count && b.count == requests.count)
        var differing: [String] = []
        for (i, request) in requests.enumerated() where Self.comparable(a[i], request) != Self.comparable(b[i], request) {
            differing.append("\(request.0) \(request.1):\n  \(a[i])\n  \(b[i])")
        }
        let count = differing.count, shown = differing.prefix(3).joined(separator: "\n")
        #expect(count == 0, "\(count) answers differ; the first: \(shown)")
        // The comparison saw real answers: most requests succeed, and the hidden data is there to
        // be seen with the reader token (the positive control).
        #expect(a.filter { $0.status == 200 }.count > requests.count / 2)
        let all = Self.items + "?limit=10000"
        let readA = try await get(first, all, headers: [.authorization: "Bearer reader-token"])
        let readB = try await get(second, all, headers: [.authorization: "Bearer reader-token"])
        #expect(readA.status == 200 && readB.status == 200)
        #expect(readA.body != readB.body)
        #expect(readB.text.contains("g0000-secret-1") && !readA.text.contains("g0000-secret-1"))
        let stored = try await storeB.get(ids: ["g0001"])
        #expect(stored.first?.extra["contact"] != nil)
    }

    /// An answer as compared. /metrics also reports the process (its memory, the time spent
    /// answering): those lines are about the machine, not the data, and are left out.
    static func comparable(_ answer: Answer, _ request: Request) -> Answer {
        guard request.1 == "/metrics" else { return answer }
        var kept = answer
        let lines = answer.text.split(separator: "\n").filter { !$0.contains("_seconds") && !$0.contains("process_") }
        kept.body = Array(lines.joined(separator: "\n").utf8)
        kept.headers = answer.headers.filter { !$0.lowercased().hasPrefix("content-length") }
        return kept
    }

    static let items = "/collections/projects/items"

    /// Every route the router knows is asked at least once above.
    @Test func everyRouteIsAsked() async throws {
        let store = try await Backend.sqlite.store(with: [])
        let asked = try Self.requests()
        for route in router(store).routes {
            let pattern = route.path.components.map(\.description)
            let matched = asked.contains { method, uri, _ in
                let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
                let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
                return method == route.method && parts.count == pattern.count
                    && zip(parts, pattern).allSatisfy { $1.hasPrefix(":") || $1.hasPrefix("{") || $0 == $1 }
            }
            #expect(matched, "no request of the noninterference test asks \(route.method) \(route.path)")
        }
        #expect(router(store).routes.count >= 16)
    }
}

/// Ids as one encoded path segment, written independently of the server's own encoder.
enum QueryParametersForTests {
    static func segment(_ id: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        allowed.remove(charactersIn: "/")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}
