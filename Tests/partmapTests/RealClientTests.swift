import Foundation
import TestSupport
import Testing

/// `partmap serve` over each store as real clients use it: curl -I on every GET route, owslib's
/// form-encoded filters, raw paths that climb out of the assets folder, and CORS for another origin.
@Suite(.serialized, .timeLimit(.minutes(15))) struct RealClientTests {
    typealias Backend = ServeCommandTests.Backend

    /// Every GET route the OpenAPI document and the README name, asked with HEAD by curl.
    @Test(arguments: Backend.allCases)
    func curlHeadOnEveryGetRoute(backend: Backend) throws {
        let base = try ServeCommandTests.service(backend).base
        let paths = ["/", "/conformance", "/api", "/collections", "/collections/projects", "/collections/projects/queryables",
                     "/collections/projects/schema", "/collections/projects/items", "/collections/projects/items/lima",
                     "/summaries?by=level", "/clusters?zoom=2", "/tilejson.json", "/tiles/0/0/0.mvt", "/map", "/assets/map.js",
                     "/assets/map.css", "/assets/data.js", "/assets/leaflet/leaflet.js", "/health", "/metrics"]
        for path in paths {
            let head = try command("/usr/bin/curl", ["-s", "-I", "--max-time", "10", base + path])
            let get = try ServeCommandTests.get(base + path)
            #expect(head.status == 0 && head.stdout.hasPrefix("HTTP/1.1 200"), "HEAD \(path): \(head.stdout.prefix(80))")
            let type = head.stdout.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-type:") }
            #expect(type.map { $0.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces) } == get.headers["content-type"], "\(path)")
        }
    }

    @Test(arguments: Backend.allCases)
    func owslibFiltersByRegionNameWordsAndIntervals(backend: Backend) throws {
        let out = try Python.run(script: PackageRoot.path + "/Tools/reference/ogcapi_filters.py", arguments: [try ServeCommandTests.service(backend).base + "/"], input: "")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: [String]])
        // Kenya is in Eastern Africa: a, b, c and the city-level one (the internal one never).
        #expect(result["region"] == ["a", "b", "c", "city-level"])
        #expect(result["words"] == ["b"])
        // The fixture's projects carry no years: no interval finds any of them.
        #expect(result["closed"] == [] && result["until"] == [] && result["from"] == [])
    }

    @Test(arguments: Backend.allCases)
    func rawPathsCannotClimbOutOfTheAssets(backend: Backend) throws {
        let base = try ServeCommandTests.service(backend).base
        for path in ["/assets/leaflet/../../../../../../etc/passwd", "/assets/leaflet/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
                     "/assets/leaflet/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/../../../../../etc/passwd"] {
            let run = try command("/usr/bin/curl", ["-s", "--path-as-is", "--max-time", "10", "-o", "-", "-w", "\n%{http_code}", base + path])
            #expect(run.status == 0)
            // Refused as a bad path (400) or not found (404): never the file.
            #expect(run.stdout.hasSuffix("\n400") || run.stdout.hasSuffix("\n404"), "\(path): \(run.stdout.suffix(40))")
            #expect(!run.stdout.contains("root:"), "\(path) answered the file")
        }
        let served = try command("/usr/bin/curl", ["-s", "--path-as-is", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
                                                   base + "/assets/leaflet/leaflet.js"])
        #expect(served.stdout == "200", "the assets themselves are served")
    }

    @Test(arguments: Backend.allCases)
    func corsAllowsOnlyTheConfiguredOrigin(backend: Backend) throws {
        let own = try ServeCommandTests.Service(store: backend.publishedProjects, arguments: ["--cors-origin", "https://maps.example.org"])
        defer { _ = own.stop() }
        let configured = try ServeCommandTests.request("GET", own.base + "/collections", headers: ["Origin: https://maps.example.org"])
        #expect(configured.status == 200 && configured.headers["access-control-allow-origin"] == "https://maps.example.org")
        let other = try ServeCommandTests.request("GET", own.base + "/collections", headers: ["Origin: https://other.example"])
        #expect(other.status == 200)
        let allowed = other.headers["access-control-allow-origin"]
        #expect(allowed != "https://other.example" && allowed != "*", "another origin is not allowed: \(allowed ?? "none")")
    }
}
