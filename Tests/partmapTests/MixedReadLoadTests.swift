import Foundation
import TestSupport
import Testing

/// Box queries and queries that read the whole table, asked together, are all answered, and the
/// service still answers afterwards. A box query once read on the calling thread, waiting there
/// for a free SQLite reader while the readers were held by reads that needed those same threads
/// to finish: under this load the service stopped answering anything, /health included.
@Suite struct MixedReadLoadTests {
    @Test(arguments: ServeCommandTests.Backend.allCases)
    func boxQueriesAndWholeTableQueriesTogetherAreAllAnswered(backend: ServeCommandTests.Backend) throws {
        let service = try ServeCommandTests.Service(store: backend.publishedProjects)
        defer { _ = service.stop() }
        let items = service.base + "/collections/projects/items"
        let urls = (0 ..< 96).map { i in
            switch i % 3 {
            case 0: items + "?bbox=30,-10,45,10&limit=100"
            case 1: items + "?q=project&limit=5"
            default: service.base + "/collections/projects"
            }
        }
        // One curl asking every URL at once (-Z), each answer's status on a line of its own.
        let asked = try command("/usr/bin/curl", ["-s", "-Z", "--parallel-max", "96", "--max-time", "60", "-w", "%{http_code}\\n"]
                                    + urls.flatMap { ["-o", "/dev/null", $0] })
        let statuses = asked.stdout.split(separator: "\n")
        #expect(statuses.count == urls.count, "\(asked.stderr)")
        #expect(statuses.allSatisfy { $0 == "200" }, "\(statuses.filter { $0 != "200" }.count) of \(urls.count) not answered 200: \(Set(statuses))")
        let health = try command("/usr/bin/curl", ["-s", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_code}", service.base + "/health"])
        #expect(health.stdout == "200", "the service answers after the load")
    }
}
