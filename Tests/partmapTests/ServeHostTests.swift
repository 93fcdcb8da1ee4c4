import Foundation
import TestSupport
import Testing

/// `serve --host`: the service listens on the address given and on no other of the machine's, and
/// its links start with that address unless `--base-url` says otherwise.
@Suite(.serialized, .timeLimit(.minutes(15))) struct ServeHostTests {
    /// curl's exit status and the HTTP status it saw ("000" when it had no answer), within 10 s.
    static func health(_ host: String, port: Int) throws -> (exit: Int32, http: String) {
        let run = try command("/usr/bin/curl", ["-s", "-g", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", "http://\(host):\(port)/health"])
        return (run.status, run.stdout)
    }

    /// The machine's own addresses that are not loopback, IPv4 (from `hostname -I`).
    static func ownAddresses() throws -> [String] {
        let run = try command("/usr/bin/hostname", ["-I"])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.contains(".") && !$0.hasPrefix("127.") }
    }

    /// The links of an items page, and whether any was found.
    static func links(_ base: String) throws -> [String] {
        let page = try ServeCommandTests.get(base + "/collections/projects/items?limit=2")
        try #require(page.status == 200, "\(page.text)")
        return (page.json["links"] as? [[String: Any]] ?? []).compactMap { $0["href"] as? String }
    }

    @Test(arguments: ServeCommandTests.Backend.allCases)
    func loopbackAloneAnswersOnlyThere(backend: ServeCommandTests.Backend) throws {
        let service = try ServeCommandTests.Service(store: backend.publishedProjects, arguments: ["--host", "127.0.0.1"])
        defer { _ = service.stop() }
        let port = service.port
        #expect(service.base == "http://127.0.0.1:\(port)", "the address it prints: \(service.base)")
        let here = try Self.health("127.0.0.1", port: port)
        #expect(here.exit == 0 && here.http == "200", "\(here)")
        // 127.0.0.2 reaches the same loopback interface on Linux: only the bound address refuses it.
        // curl's exit 7 is "failed to connect".
        for address in ["127.0.0.2", "[::1]"] + (try Self.ownAddresses()) {
            let elsewhere = try Self.health(address, port: port)
            #expect(elsewhere.exit == 7 && elsewhere.http == "000", "\(address) must refuse: \(elsewhere)")
        }
        let links = try Self.links(service.base)
        #expect(links.count >= 2 && links.allSatisfy { $0.hasPrefix("http://127.0.0.1:\(port)/") }, "\(links)")
    }

    @Test(arguments: ServeCommandTests.Backend.allCases)
    func everyAddressAnswersAndLinksUseTheBaseURL(backend: ServeCommandTests.Backend) throws {
        let service = try ServeCommandTests.Service(store: backend.publishedProjects, arguments: ["--host", "0.0.0.0"])
        defer { _ = service.stop() }
        let port = service.port
        #expect(service.base == "http://0.0.0.0:\(port)", "\(service.base)")
        for address in ["127.0.0.1", "127.0.0.2"] + (try Self.ownAddresses()) {
            let answer = try Self.health(address, port: port)
            #expect(answer.exit == 0 && answer.http == "200", "\(address): \(answer)")
        }
        let links = try Self.links("http://127.0.0.2:\(port)")
        #expect(links.count >= 2 && links.allSatisfy { $0.hasPrefix("http://0.0.0.0:\(port)/") }, "the host given, not the one asked: \(links)")

        let published = try ServeCommandTests.Service(store: backend.publishedProjects,
                                                      arguments: ["--host", "0.0.0.0", "--base-url", "https://maps.example.org/partmap/"])
        defer { _ = published.stop() }
        let behind = try Self.links("http://127.0.0.2:\(published.port)")
        #expect(behind.count >= 2 && behind.allSatisfy { $0.hasPrefix("https://maps.example.org/partmap/") }, "\(behind)")
    }
}
