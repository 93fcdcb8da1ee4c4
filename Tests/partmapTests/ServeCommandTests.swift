import Foundation
import TestSupport
import Testing

/// `partmap serve` on loopback over each store (SQLite and PostGIS), read by clients nobody here
/// wrote (GDAL's OAPIF driver, owslib, openapi-spec-validator, Chromium) and by plain HTTP for
/// every 4xx, writes and the safeguarding rules.
@Suite(.serialized) struct ServeCommandTests {
    @Test(arguments: Backend.allCases)
    func gdalsOAPIFDriverListsTheProjectsAndFiltersByBox(backend: Backend) throws {
        let base = try Self.service(backend).base
        let all = try command("/usr/bin/ogrinfo", ["-ro", "-so", "OAPIF:\(base)/collections/projects", "projects"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("Feature Count: 9"), "the public view: \(all.stdout.prefix(400))")
        let nairobi = try command("/usr/bin/ogrinfo", ["-ro", "-al", "-q", "-spat", "36", "-2", "37.5", "0", "OAPIF:\(base)/collections/projects", "projects"])
        #expect(nairobi.status == 0, "\(nairobi.stderr)")
        #expect(nairobi.stdout.components(separatedBy: "OGRFeature(projects)").count - 1 == 4, "a, b, c and the city-level one")
        #expect(!nairobi.stdout.contains("secret-internal-id"))
    }

    @Test(arguments: Backend.allCases)
    func owslibReadsTheLandingPageCollectionsAndItemsAndTheAPIIsValid(backend: Backend) throws {
        let base = try Self.service(backend).base
        let out = try Python.run(script: PackageRoot.path + "/Tools/reference/ogcapi_client.py", arguments: [base + "/"], input: "")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(result["collections"] as? [String] == ["projects"])
        #expect((result["conformance"] as? [String])?.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core") == true)
        #expect(result["numberMatched"] as? Int == 9)
        #expect(result["ids"] as? [String] == ["a", "b", "c", "city-level", "country-level", "lima", "nowhere", "o1", "o2"])
        #expect(result["openapi_valid"] as? Bool == true, "\(result["openapi_valid"] ?? "")")
    }

    @Test(arguments: Backend.allCases)
    func itemsPageWithLinksAndSpeakEachCRSInItsAxisOrder(backend: Backend) throws {
        let base = try Self.service(backend).base
        let page = try Self.get(base + "/collections/projects/items?limit=2&offset=2")
        #expect(page.status == 200 && page.headers["content-type"] == "application/geo+json")
        #expect(page.json["numberMatched"] as? Int == 9 && page.json["numberReturned"] as? Int == 2)
        let links = page.json["links"] as? [[String: Any]] ?? []
        let rels = Dictionary(links.map { ($0["rel"] as? String ?? "", $0["href"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(rels["next"]?.contains("offset=4") == true && rels["prev"]?.contains("offset=0") == true && rels["self"] != nil)
        #expect(links.allSatisfy { $0["type"] is String }, "every link has a type")
        let next = try Self.get(try #require(rels["next"]))
        #expect(next.json["numberReturned"] as? Int == 2)

        let lima = try Self.get(base + "/collections/projects/items/lima?crs=http://www.opengis.net/def/crs/EPSG/0/4326")
        #expect(lima.headers["content-crs"] == "<http://www.opengis.net/def/crs/EPSG/0/4326>")
        #expect((lima.json["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [-12.05, -77.04], "EPSG:4326 is latitude first")
        let mercator = try Self.get(base + "/collections/projects/items/lima?crs=http://www.opengis.net/def/crs/EPSG/0/3857")
        let xy = try #require((mercator.json["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        // PROJ's own answer, from cs2cs (EPSG:4326 input is latitude first).
        let proj = succeeded(try command("/bin/sh", ["-c", "echo '-12.05 -77.04' | cs2cs -d 4 EPSG:4326 EPSG:3857"]))
        let expected = proj.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).prefix(2).compactMap { Double($0) }
        #expect(expected.count == 2 && abs(xy[0] - expected[0]) < 0.01 && abs(xy[1] - expected[1]) < 0.01, "\(xy) vs \(proj)")
        // A box in EPSG:4326 is read latitude first too.
        let box = try Self.get(base + "/collections/projects/items?bbox=-13,-78,-11,-76&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326")
        #expect(((box.json["features"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == ["lima"])
        let html = try Self.get(base + "/collections/projects/items?f=html")
        #expect(html.status == 200 && html.headers["content-type"]?.hasPrefix("text/html") == true && html.text.contains("Project lima"))
    }

    @Test(arguments: Backend.allCases, [
        ("/collections/projects/items?bbox=1,2,3", 400, "bbox"),
        ("/collections/projects/items?bbox=0,10,5,-10", 400, "bbox"),
        ("/collections/projects/items?limit=0", 400, "limit"),
        ("/collections/projects/items?limit=ten", 400, "limit"),
        ("/collections/projects/items?colour=red", 400, "colour"),
        ("/collections/projects/items?crs=http://www.opengis.net/def/crs/EPSG/0/27700", 400, "crs"),
        ("/collections/projects/items?bbox-crs=EPSG:4326&bbox=0,0,1,1", 400, "bbox-crs"),
        ("/collections/projects/items?level=loud", 400, "level"),
        ("/collections/projects/items?within=POLYGON((0%200,1%201))", 400, "within"),
        ("/collections/projects/items/no-such-project", 404, "no-such-project"),
        ("/collections/projects/items/secret-internal-id", 404, "secret-internal-id"),
        ("/clusters?zoom=31", 400, "zoom"),
        ("/summaries?by=colour", 400, "by"),
    ])
    func everyBadRequestIsAProblemNamingIt(backend: Backend, request: (String, Int, String)) throws {
        let (path, status, named) = request
        let answer = try Self.get(try Self.service(backend).base + path)
        #expect(answer.status == status, "\(path): \(answer.text)")
        #expect(answer.headers["content-type"] == "application/problem+json")
        #expect(answer.json["status"] as? Int == status && (answer.json["detail"] as? String)?.contains(named) == true, "\(answer.text)")
    }

    @Test(arguments: Backend.allCases)
    func largerLimitsAreClamped(backend: Backend) throws {
        let answer = try Self.get(try Self.service(backend).base + "/collections/projects/items?limit=50000")
        #expect(answer.status == 200 && answer.json["numberReturned"] as? Int == 9)
    }

    /// Tiny boxes and circles around stored positions find nothing the public may not see, and
    /// no cluster shows one.
    @Test(arguments: Backend.allCases)
    func noAnswerRevealsAHiddenPosition(backend: Backend) throws {
        let base = try Self.service(backend).base
        for (lon, lat) in PublishCommandTests.hidden {
            let box = try Self.get(base + "/collections/projects/items?bbox=\(lon - 0.0001),\(lat - 0.0001),\(lon + 0.0001),\(lat + 0.0001)")
            #expect(box.json["numberMatched"] as? Int == 0, "a box around \(lon),\(lat)")
            let circle = try Self.get(base + "/collections/projects/items?near=\(lon),\(lat)&radius-km=0.05")
            #expect(circle.json["numberMatched"] as? Int == 0, "a circle around \(lon),\(lat)")
            // The control: the same box, asked of the same store with --internal, finds the project there.
            let stored = try partmap("query", "--store", backend.publishedProjects, "--internal", "--format", "geojsonseq",
                                     "--bbox=\(lon - 0.0001),\(lat - 0.0001),\(lon + 0.0001),\(lat + 0.0001)")
            #expect(stored.status == 0 && stored.stdout.split(separator: "\n").count == 1, "stored at \(lon),\(lat): \(stored.stdout) \(stored.stderr)")
        }
        for path in ["/collections/projects/items?limit=100", "/clusters?zoom=16", "/clusters?zoom=3", "/summaries?by=country"] {
            let answer = try Self.get(base + path)
            #expect(answer.status == 200, "\(path)")
            for secret in PublishCommandTests.secrets { #expect(!answer.text.contains(secret), "\(path) holds \(secret)") }
        }
    }

    @Test(arguments: Backend.allCases)
    func summariesAndClustersAnswerTheSameAsTheCommandLine(backend: Backend) throws {
        let base = try Self.service(backend).base
        let summary = try Self.get(base + "/summaries?by=region,level")
        let cli = try partmap("summary", "--store", backend.publishedProjects, "--by", "region,level")
        #expect(summary.text + "\n" == cli.stdout)
        let clusters = try Self.get(base + "/clusters?zoom=2&bbox=-180,-90,180,90")
        let reference = try partmap("cluster", "--store", backend.publishedProjects, "--zoom", "2")
        #expect(clusters.text + "\n" == reference.stdout)
        let filtered = try Self.get(base + "/clusters?zoom=2&level=led")
        let counts = ((filtered.json["features"] as? [[String: Any]]) ?? []).map { (($0["properties"] as? [String: Any])?["point_count"] as? Int) ?? 1 }
        #expect(counts.reduce(0, +) == 4, "a, c, o1 and o2 are led")
        #expect(try Self.get(base + "/health").json["status"] as? String == "ok")
    }

    /// Live tiles are the tiles published from the same store, byte for byte, with an ETag that
    /// answers 304.
    @Test(arguments: Backend.allCases)
    func liveTilesAreThePublishedOnesWithCachingHeaders(backend: Backend) throws {
        let base = try Self.service(backend).base, site = backend.publishedSite
        let names = (FileManager.default.subpaths(atPath: site + "/tiles") ?? []).filter { $0.hasSuffix(".mvt") }.sorted()
        var generator = SplitMix64(seed: 5)
        let sample = names.filter { name in
            let z = Int(name.prefix { $0 != "/" }) ?? 0
            return z <= 1 || z >= 6 || generator.next() % 60 == 0
        }
        #expect(sample.count > 40)
        for name in sample {
            let live = try Self.get(base + "/tiles/" + name)
            #expect(live.status == 200 && live.headers["content-type"] == "application/vnd.mapbox-vector-tile", "\(name)")
            #expect(live.body == FileManager.default.contents(atPath: site + "/tiles/" + name), "tile \(name) as published")
        }
        let first = try Self.get(base + "/tiles/0/0/0.mvt")
        let etag = try #require(first.headers["etag"])
        #expect(first.headers["cache-control"]?.contains("max-age") == true)
        let again = try command("/usr/bin/curl", ["-s", "--max-time", "60", "-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: \(etag)",
                                                  base + "/tiles/0/0/0.mvt"])
        #expect(again.status == 0 && again.stdout == "304", "\(again)")
        #expect(try Self.get(base + "/tiles/14/0/0.mvt").status == 204, "an empty tile has no content")
        #expect(try Self.get(base + "/tiles/3/8/0.mvt").status == 404, "x outside zoom 3")
        let tileJSON = try Self.get(base + "/tilejson.json").json
        #expect(tileJSON["tilejson"] as? String == "3.0.0" && tileJSON["tiles"] as? [String] == [base + "/tiles/{z}/{x}/{y}.mvt"])
        #expect(((tileJSON["vector_layers"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == ["projects", "regions"])
    }

    /// The web map at /map asks the live routes: partmap's clusters, recounted by the server
    /// when a filter changes.
    @Test(arguments: Backend.allCases)
    func theLiveMapShowsTheServersClustersAndFilters(backend: Backend) throws {
        let base = try Self.service(backend).base
        func dom(_ query: String) throws -> String {
            succeeded(try command("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--window-size=1280,900",
                                              "--dump-dom", "\(base)/map?\(query)"]))
        }
        func markers(_ dom: String, _ kind: String) -> Int { dom.components(separatedBy: "leaflet-marker-icon \(kind)").count - 1 }
        let all = try dom("zoom=2&lat=20&lon=0")
        #expect(markers(all, "pm-cluster") == 2 && markers(all, "pm-project") == 2, "Nairobi and Oslo clustered, Lima and Ghana alone")
        #expect(all.contains(">4</div>") && all.contains("9 projects match the filters"))
        #expect(all.contains("<option value=\"led\">Led by participants</option>") && all.contains("<option value=\"youngPeople\">Young people</option>"),
                "the filters name the levels and groups in words")
        let led = try dom("zoom=2&lat=20&lon=0&level=led")
        #expect(markers(led, "pm-cluster") == 2 && markers(led, "pm-project") == 0)
        #expect(led.contains(">2</div>") && !led.contains(">4</div>"))
        #expect(try Self.get(base + "/assets/leaflet/leaflet.js").status == 200)
        #expect(try Self.get(base + "/assets/leaflet/../../etc/passwd").status == 404)
    }

    /// The items and item pages in Chromium at a phone's width: the small map is drawn, with one
    /// dot per listed project that has a public position, over the countries' outlines.
    @Test(arguments: Backend.allCases)
    func theItemsPagesDrawTheirSmallMapInChromium(backend: Backend) throws {
        let base = try Self.service(backend).base
        func dom(_ path: String) throws -> String {
            succeeded(try command("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--window-size=375,800",
                                              "--dump-dom", base + path]))
        }
        func count(_ dom: String, _ text: String) -> Int { dom.components(separatedBy: text).count - 1 }
        let json = try Self.get(base + "/collections/projects/items?limit=6").json
        let mapped = ((json["features"] as? [[String: Any]]) ?? []).filter { $0["geometry"] is [String: Any] }.count
        let items = try dom("/collections/projects/items?f=html&limit=6")
        #expect(mapped > 1 && count(items, "class=\"pm-dot ") == mapped, "\(mapped) mapped projects on the page")
        #expect(items.contains("id=\"minimap\" class=\"minimap leaflet-container") && count(items, "<path") > mapped + 100, "outlines drawn")
        #expect(items.contains("Next page"))
        let lima = try dom("/collections/projects/items/lima?f=html")
        #expect(count(lima, "class=\"pm-dot ") == 1 && lima.contains(">Peru<"))
    }

    /// PostGIS gone: 503 with Retry-After within the request timeout; back: answers again.
    @Test func anUnreachablePostGISGives503AndTheServiceRecovers() throws {
        let url = try StoreCommandTests.newStore(.postgis)
        let database = String(url.split(separator: "/").last ?? "")
        #expect(try partmap("import", PublishCommandTests.projects, "--store", url).status == 0)
        let own = try Service(store: url, arguments: ["--request-timeout", "3"])
        defer { _ = own.stop() }
        #expect(try Self.get(own.base + "/collections/projects/items").status == 200)
        try StoreCommandTests.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
        try StoreCommandTests.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)'")
        let down = try Self.get(own.base + "/collections/projects/items")
        #expect(down.status == 503 && down.headers["retry-after"] != nil && down.headers["content-type"] == "application/problem+json")
        #expect(try Self.get(own.base + "/health").status == 503)
        try StoreCommandTests.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
        var status = 0
        for _ in 0 ..< 30 where status != 200 {
            status = try Self.get(own.base + "/collections/projects/items").status
            if status != 200 { Thread.sleep(forTimeInterval: 1) }
        }
        #expect(status == 200, "the service answers again once PostGIS is back")
    }

    @Test(arguments: Backend.allCases)
    func metricsCountRequestsByRoute(backend: Backend) throws {
        let base = try Self.service(backend).base
        #expect(try Self.get(base + "/collections/projects/items/lima").status == 200)
        #expect(try Self.get(base + "/collections/projects/items/unknown-one").status == 404)
        let text = try Self.get(base + "/metrics").text
        #expect(text.contains("# TYPE partmap_http_requests_total counter"))
        #expect(text.contains("partmap_http_requests_total{route=\"/collections/projects/items/{id}\",status=\"200\"}"), "\(text.prefix(800))")
        #expect(text.contains("partmap_http_requests_total{route=\"/collections/projects/items/{id}\",status=\"404\"}"))
        #expect(!text.contains("unknown-one"), "routes, not raw paths")
        #expect(text.contains("partmap_projects 9") && text.contains("process_resident_memory_bytes "))
    }

    @Test(arguments: Backend.allCases)
    func corsHeadersOnlyForTheConfiguredOrigin(backend: Backend) throws {
        let own = try Service(store: backend.publishedProjects, arguments: ["--cors-origin", "https://maps.example.org"])
        defer { _ = own.stop() }
        let allowed = try Self.request("GET", own.base + "/collections", headers: ["Origin: https://maps.example.org"])
        #expect(allowed.headers["access-control-allow-origin"] == "https://maps.example.org")
        let preflight = try Self.request("OPTIONS", own.base + "/collections/projects/items", headers: [
            "Origin: https://maps.example.org", "Access-Control-Request-Method: GET",
        ])
        #expect(preflight.headers["access-control-allow-origin"] == "https://maps.example.org", "\(preflight.headers)")
        let plain = try Self.get(try Self.service(backend).base + "/collections")
        #expect(plain.headers["access-control-allow-origin"] == nil, "no CORS unless configured")
    }

    @Test(arguments: Backend.allCases)
    func sigtermStopsTheServiceCleanly(backend: Backend) throws {
        let own = try Service(store: backend.publishedProjects)
        #expect(try Self.get(own.base + "/health").status == 200)
        #expect(own.stop() == 0)
    }

    // MARK: Writes

    static func feature(_ id: String, title: String = "Written project", level: String = "led", lon: Double = 3.38, lat: Double = 6.52) -> String {
        """
        {"type":"Feature","id":"\(id)","geometry":{"type":"Point","coordinates":[\(lon),\(lat)]},"properties":{"title":"\(title)",\
        "organisation":"Org","participationLevel":"\(level)","participantGroups":["youngPeople"],"sector":"civilSociety",\
        "countries":["NG"],"locationPrecision":"exact","visibility":"public","sources":["s"]}}
        """
    }

    @Test(arguments: Backend.allCases)
    func writesNeedTheEditorTokenAreValidatedAndShowAtOnce(backend: Backend) throws {
        let store = try StoreCommandTests.newStore(backend)
        let imported = try partmap("import", PublishCommandTests.projects, "--store", store)
        try #require(imported.status == 0, "\(imported.stderr)")
        let own = try Service(store: store, environment: ["PARTMAP_EDITOR_TOKEN": "ed-token", "PARTMAP_READER_TOKEN": "rd-token"],
                              arguments: ["--max-body-kb", "2"])
        defer { _ = own.stop() }
        let items = own.base + "/collections/projects/items", editor = "Authorization: Bearer ed-token"
        #expect(try Self.request("POST", items, body: Self.feature("new")).status == 401)
        #expect(try Self.request("POST", items, headers: ["Authorization: Bearer wrong"], body: Self.feature("new")).status == 403)
        #expect(try Self.request("POST", items, headers: ["Authorization: Bearer rd-token"], body: Self.feature("new")).status == 403)

        let invalid = try Self.request("POST", items, headers: [editor], body: Self.feature("bad", title: "", level: "loud"))
        #expect(invalid.status == 400 && invalid.headers["content-type"] == "application/problem+json")
        let pointers = ((invalid.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String }
        #expect(pointers.contains("/properties/title") && pointers.contains("/properties/participationLevel"), "\(invalid.text)")
        #expect(try Self.get(items + "/bad").status == 404, "nothing of an invalid body is written")
        let big = Self.feature("big", title: String(repeating: "x", count: 3000))
        #expect(try Self.request("POST", items, headers: [editor], body: big).status == 413)

        let before = try Self.get(own.base + "/summaries?by=country").json["total"] as? Int
        let created = try Self.request("POST", items, headers: [editor], body: Self.feature("new"))
        #expect(created.status == 201 && created.headers["location"] == items + "/new", "\(created.text)")
        let etag = try #require(created.headers["etag"])
        #expect(try Self.request("POST", items, headers: [editor], body: Self.feature("new")).status == 409)
        // Summaries, clusters and tiles see it at once.
        #expect(try Self.get(own.base + "/summaries?by=country").json["total"] as? Int == (before ?? 0) + 1)
        let world = try Self.get(own.base + "/clusters?zoom=0").json["features"] as? [[String: Any]] ?? []
        #expect(world.reduce(0) { $0 + ((($1["properties"] as? [String: Any])?["point_count"] as? Int) ?? 1) } == 9)
        let (x, y) = (Int((3.38 + 180) / 360 * 16384), Int((0.5 - log(tan(.pi / 4 + 6.52 * .pi / 360)) / (2 * .pi)) * 16384))
        let tile = try Self.get(own.base + "/tiles/14/\(x)/\(y).mvt")
        #expect(tile.status == 200, "the new project's tile at zoom 14")

        let put = { (match: String?, body: String) in
            try Self.request("PUT", items + "/new", headers: [editor] + (match.map { ["If-Match: \($0)"] } ?? []), body: body)
        }
        #expect(try put(nil, Self.feature("new", title: "Renamed")).status == 428)
        #expect(try put("\"stale\"", Self.feature("new", title: "Renamed")).status == 412)
        #expect(try put(etag, Self.feature("other", title: "Renamed")).status == 400, "the body's id must be the path's")
        let replaced = try put(etag, Self.feature("new", title: "Renamed"))
        #expect(replaced.status == 200 && replaced.headers["etag"] != etag)
        #expect(try put(etag, Self.feature("new", title: "Again")).status == 412, "the old ETag is stale now")
        #expect((try Self.get(items + "/new").json["properties"] as? [String: Any])?["title"] as? String == "Renamed")

        // Internal projects: the tokens see them, nobody else does.
        #expect(try Self.get(items + "/secret-internal-id").status == 404)
        let reader = try Self.request("GET", items + "/secret-internal-id", headers: ["Authorization: Bearer rd-token"])
        #expect(reader.status == 200 && (reader.json["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [36.9512345, -1.2049876])

        #expect(try Self.request("DELETE", items + "/new", headers: [editor]).status == 204)
        #expect(try Self.get(items + "/new").status == 404)
        #expect(try Self.request("DELETE", items + "/new", headers: [editor]).status == 404)

        let log = try String(contentsOfFile: own.log, encoding: .utf8)
        for action in ["create", "replace", "delete"] {
            #expect(log.contains("audit") && log.contains("action=\(action)") && log.contains("role=editor"), "an audit line for \(action): \(log.suffix(500))")
        }
    }

    @Test(arguments: Backend.allCases)
    func withoutAnEditorTokenWritesAreOff(backend: Backend) throws {
        let answer = try Self.request("POST", try Self.service(backend).base + "/collections/projects/items", headers: ["Authorization: Bearer x"], body: Self.feature("n"))
        #expect(answer.status == 405 && (answer.json["detail"] as? String)?.contains("PARTMAP_EDITOR_TOKEN") == true)
    }
}
