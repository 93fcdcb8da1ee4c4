import Foundation
import TestSupport
import Testing

/// The filters, pages, sort orders, table and `--internal` of `partmap query`, from a file and
/// from a store, with expected ids worked out here from the curated file's JSON.
@Suite(.timeLimit(.minutes(10))) struct QueryFilterTests {
    /// The curated records as plain JSON objects, with their ids.
    static func curated() throws -> [(id: String, properties: [String: Any])] {
        let data = try Data(contentsOf: URL(fileURLWithPath: PackageRoot.dataDirectory + "/projects.geojson"))
        let features = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["features"] as? [[String: Any]])
        let records = try features.map { (id: try #require($0["id"] as? String), properties: try #require($0["properties"] as? [String: Any])) }
        try #require(records.count == 20)
        return records
    }

    static let storeFixture = Fixture {
        let store = try StoreCommandTests.newStore(.sqlite)
        let run = try partmap("import", "Data/projects.geojson", "--store", store)
        guard run.status == 0 else { throw CommandFailed(command: "partmap import", output: run.stderr) }
        return store
    }

    func ids(_ arguments: [String]) throws -> [String] {
        let run = try partmap(arguments: ["query", "--format", "geojson"] + arguments)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(json["features"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    }

    static func list(_ properties: [String: Any], _ name: String) -> [String] { properties[name] as? [String] ?? [] }

    /// Each filter, a repeated one (OR) and two together (AND); a project with no startYear is
    /// active in no year, and one with no endYear is still running.
    @Test(arguments: [
        ["--level", "led"], ["--level", "led", "--level", "coProduction"], ["--group", "adultSurvivors"],
        ["--purpose", "research"], ["--active-in", "2023"], ["--active-in", "2025"], ["--group", "children", "--purpose", "policy"],
        ["--level", "consultation", "--active-in", "2024"],
    ])
    func filtersFindWhatTheFileHolds(filter: [String]) throws {
        var wanted: [String: [String]] = [:]
        for pair in stride(from: 0, to: filter.count, by: 2) { wanted[filter[pair], default: []].append(filter[pair + 1]) }
        let expected = try Self.curated().filter { _, p in
            wanted.allSatisfy { flag, values in
                switch flag {
                case "--level": return values.contains(p["participationLevel"] as? String ?? "")
                case "--group": return !Set(values).isDisjoint(with: Self.list(p, "participantGroups"))
                case "--purpose": return !Set(values).isDisjoint(with: Self.list(p, "purposes"))
                default:
                    return values.contains { year in
                        guard let start = p["startYear"] as? Int, let y = Int(year) else { return false }
                        return start <= y && (p["endYear"] as? Int).map { $0 >= y } ?? true
                    }
                }
            }
        }.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        try #require(!expected.isEmpty && expected.count < 20, "the filter keeps some and drops some")
        #expect(try ids(["--from", "Data/projects.geojson"] + filter) == expected)
        #expect(try ids(["--store", Self.storeFixture.path] + filter) == expected)
    }

    /// `--sort title` orders by the UTF-8 bytes of titles; `--limit` and `--offset` page it; the
    /// table shows the same page.
    @Test func pagesSortsAndTheTable() throws {
        let byTitle = try Self.curated().sorted { a, b in
            (a.properties["title"] as? String ?? "").utf8.lexicographicallyPrecedes((b.properties["title"] as? String ?? "").utf8)
        }.map(\.id)
        for source in [["--from", "Data/projects.geojson"], ["--store", Self.storeFixture.path]] {
            #expect(try ids(source + ["--sort", "title"]) == byTitle)
            #expect(try ids(source + ["--sort", "title", "--limit", "3", "--offset", "2"]) == Array(byTitle[2 ..< 5]))
            #expect(try ids(source + ["--limit", "4"]) == Array(try ids(source).prefix(4)))
            #expect(try ids(source + ["--offset", "19"]).count == 1)
            #expect(try ids(source + ["--offset", "25"]).isEmpty)
            let table = succeeded(try partmap(arguments: ["query", "--format", "table", "--sort", "title", "--limit", "3", "--offset", "2"] + source))
            let lines = table.split(separator: "\n").map(String.init)
            try #require(lines.count == 4, "a header and three rows: \(table)")
            #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true) == ["id", "title", "country", "level", "precision"])
            for (line, id) in zip(lines.dropFirst(), byTitle[2 ..< 5]) { #expect(line.hasPrefix(id + " "), "\(line)") }
        }
    }

    /// Without `--internal` the public view: the internal project is left out and a city-precision
    /// project stands at its city; with it, every project at its stored position.
    @Test func internalShowsStoredPositionsAndInternalProjects() throws {
        let store = PublishCommandTests.store
        func features(_ extra: [String]) throws -> [String: [Double]] {
            let run = try partmap(arguments: ["query", "--store", store] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            var found: [String: [Double]] = [:]
            for feature in try #require(json["features"] as? [[String: Any]]) {
                found[try #require(feature["id"] as? String)] = (feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
            }
            return found
        }
        let anonymous = try features([]), inside = try features(["--internal"])
        #expect(anonymous.count == 9 && anonymous["secret-internal-id"] == nil)
        #expect(inside.count == 10 && inside["secret-internal-id"] == [36.9512345, -1.2049876])
        #expect(inside["city-level"] == [36.8567913, -1.2345678])
        let city = try #require(anonymous["city-level"])
        #expect(city != [36.8567913, -1.2345678] && abs(city[0] - 36.82) < 0.1 && abs(city[1] + 1.28) < 0.1, "at Nairobi's point: \(city)")
        #expect(anonymous["lima"] == inside["lima"], "an exact project is where it is stored")
    }
}
