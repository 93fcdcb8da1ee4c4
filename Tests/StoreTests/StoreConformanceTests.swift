import Foundation
import GeoJSON
import Participation
import Regions
import Store
import Testing

/// One store per backend holding the 3,000 seeded projects, made once for the suite.
actor LoadedStores {
    static let shared = LoadedStores()
    private var stores: [Backend: Task<any ProjectStore, any Error>] = [:]

    func store(_ backend: Backend) async throws -> any ProjectStore {
        if let task = stores[backend] { return try await task.value }
        let task = Task { () async throws -> any ProjectStore in
            let store = try await backend.makeStore()
            _ = try await store.upsert(projects, date: "2026-11-24", dryRun: false)
            return store
        }
        stores[backend] = task
        return try await task.value
    }
}

/// Both stores answer every query exactly as a scan of the same projects does: the same ids in
/// the same order, the same counts, the same positions.
@Suite struct StoreConformanceTests {
    static let areas: [Area?] = [
        nil,
        .bbox(BoundingBox(west: -10, south: -10, east: 40, north: 60)),
        .bbox(BoundingBox(west: 170, south: -60, east: -170, north: 60)),
        .circle(center: Position(longitude: 179, latitude: 60), radiusKm: 2500),
        .circle(center: Position(longitude: 0, latitude: 88), radiusKm: 800),
        .country("KE"),
        .region(M49Area(code: "009", name: "Oceania")),
        .polygon(.polygon([[(-20.0, -40.0), (60, -40), (60, 40), (-20, 40), (-20, -40)].map { Position(longitude: $0.0, latitude: $0.1) }])),
    ]

    @Test(arguments: Backend.allCases, 0 ..< areas.count)
    func sameIdsInTheSameOrderAsAScan(backend: Backend, areaIndex: Int) async throws {
        let store = try await LoadedStores.shared.store(backend)
        for includeInternal in [false, true] {
            var query = ProjectQuery()
            query.area = Self.areas[areaIndex]
            query.includeInternal = includeInternal
            query.filter.levels = areaIndex % 2 == 0 ? [] : [.led, .collaboration]
            query.limit = areaIndex == 0 ? 25 : nil
            query.offset = areaIndex == 0 ? 10 : 0
            let scanned = try query.scan(projects, places: atlas)
            let stored = try await store.query(query)
            #expect(stored.projects.map(\.id) == scanned.projects.map(\.id))
            #expect(stored.numberMatched == scanned.numberMatched)
            #expect(stored.projects.map(\.position) == scanned.projects.map(\.position))
        }
    }

    @Test(arguments: Backend.allCases)
    func sortsAndPagesAsAScan(backend: Backend) async throws {
        let store = try await LoadedStores.shared.store(backend)
        for sort in SortKey.allCases {
            var query = ProjectQuery()
            query.sort = sort
            query.limit = 40
            query.offset = 100
            query.filter.text = ["youth"]
            #expect(try await store.query(query).projects.map(\.id) == (try query.scan(projects, places: atlas)).projects.map(\.id))
        }
    }

    @Test(arguments: Backend.allCases)
    func countsAndExtentFollowTheView(backend: Backend) async throws {
        let store = try await LoadedStores.shared.store(backend)
        #expect(try await store.count(includeInternal: true) == projects.count)
        #expect(try await store.count(includeInternal: false) == projects.filter { $0.visibility == .public }.count)
        for includeInternal in [false, true] {
            let extent = try #require(try await store.extent(includeInternal: includeInternal))
            let positions = includeInternal
                ? projects.compactMap(\.position)
                : try projects.compactMap { try $0.publicView(places: atlas)?.position }
            #expect(extent == BoundingBox(
                west: positions.map(\.longitude).min()!, south: positions.map(\.latitude).min()!,
                east: positions.map(\.longitude).max()!, north: positions.map(\.latitude).max()!))
        }
    }

    /// Summary counts group on the areas the public sees, written out here apart from the public
    /// view: a country- or city-precision project's main country (and its M49 region from Data/),
    /// wherever its stored point lies; an exact one's stored areas (none where its point is in no
    /// country); none for one not mapped. Some exact projects are made country-precision in New
    /// Zealand here, keeping the areas of their points.
    @Test(arguments: Backend.allCases)
    func facetCountsGroupOnThePublicAreas(backend: Backend) async throws {
        let store = try await backend.makeStore()
        var sample = Array(projects.prefix(1000))
        for i in sample.indices where i % 3 == 0 && sample[i].locationPrecision == .exact && sample[i].derived?.country != "NZ" {
            sample[i].locationPrecision = .country
            sample[i].countries = ["NZ"]
        }
        _ = try await store.upsert(sample, date: "2026-01-01", dryRun: false)
        var expected: [String: Int] = [:]
        for project in sample where project.visibility == .public {
            // nil when not mapped; .some(nil) when mapped where no country is (the sea).
            let areas: RegionAssignment??
            switch project.locationPrecision {
            case .none: areas = nil
            case .exact: areas = project.position == nil ? nil : .some(project.derived)
            case .city, .country:
                let country = try #require(project.countries.first)
                areas = try atlas.countryPoint(country) == nil ? nil : .some(atlas.assignment(forCountry: country))
            }
            let key = areas.map { $0.map { "\($0.country ?? "-") \($0.region?.code ?? "-")" } ?? "unplaced" } ?? "unmapped"
            expected[key, default: 0] += 1
        }
        var counted: [String: Int] = [:]
        for row in try await store.facetCounts([.country, .region], includeInternal: false) {
            let key = !row.mapped ? "unmapped" : row.unplaced ? "unplaced" : "\(row.country ?? "-") \(row.region ?? "-")"
            counted[key, default: 0] += row.count
        }
        #expect(counted == expected)
        #expect(expected.count > 5, "the seeded projects span several countries")
        await store.close()
    }

    @Test(arguments: Backend.allCases)
    func recordsComeBackAsTheyWent(backend: Backend) async throws {
        let store = try await LoadedStores.shared.store(backend)
        let sample = Array(projects.prefix(50))
        let back = try await store.get(ids: sample.map(\.id).reversed() + ["missing"])
        #expect(back.map(\.id) == sample.map(\.id).reversed(), "in the order asked, the missing left out")
        try #require(sample.count == 50 && back.count == sample.count)
        for (original, stored) in zip(sample.reversed(), back) {
            var expected = original
            expected.updated = "2026-11-24"
            #expect(stored == expected)
        }
    }

    @Test(arguments: Backend.allCases)
    func upsertsCountAndReplaceByID(backend: Backend) async throws {
        let store = try await backend.makeStore()
        let first = Array(projects.prefix(10))
        #expect(try await store.upsert(first, date: "2026-01-01", dryRun: true).added == 10)
        #expect(try await store.count(includeInternal: true) == 0, "a dry run writes nothing")
        #expect(try await store.upsert(first, date: "2026-01-01", dryRun: false).added == 10)
        var changed = first
        changed[0].title = "Renamed"
        changed[1].position = changed[1].position.map { Position(longitude: -$0.longitude, latitude: -$0.latitude) }
        #expect(try await store.upsert(changed, date: "2026-01-02", dryRun: true).description == "0 added, 2 changed, 8 unchanged")
        let summary = try await store.upsert(changed, date: "2026-01-02", dryRun: false)
        #expect(summary.description == "0 added, 2 changed, 8 unchanged")
        #expect(try await store.get(ids: [first[0].id]).first?.title == "Renamed")
        #expect(try await store.get(ids: [first[1].id]).first?.position == changed[1].position, "the index moves with the record")
        #expect(try await store.get(ids: [first[2].id]).first?.updated == "2026-01-02", "every write sets updated")
        #expect(try await store.delete(ids: ["missing", first[0].id]) == [first[0].id])
        #expect(try await store.count(includeInternal: true) == 9)
        await store.close()
    }

    struct SourceFailed: Error {}

    @Test(arguments: Backend.allCases)
    func aSourceThatFailsMidwayLeavesNothing(backend: Backend) async throws {
        let store = try await backend.makeStore()
        _ = try await store.upsert(Array(projects.prefix(5)), date: "2026-01-01", dryRun: false)
        await #expect(throws: SourceFailed.self) {
            try await store.upsert(date: "2026-01-02", dryRun: false) { emit in
                try emit(Array(projects[5 ..< 2000]))
                try emit(Array(projects[2000 ..< 2500]))
                throw SourceFailed()
            }
        }
        #expect(try await store.count(includeInternal: true) == 5)
        #expect(try await store.get(ids: [projects[0].id]).first?.updated == "2026-01-01")
        await store.close()
    }

    @Test(arguments: Backend.allCases)
    func batchesStreamThroughOneTransaction(backend: Backend) async throws {
        let store = try await backend.makeStore()
        let summary = try await store.upsert(date: "2026-01-01", dryRun: false) { emit in
            for start in stride(from: 0, to: projects.count, by: 700) {
                try emit(Array(projects[start ..< min(start + 700, projects.count)]))
            }
        }
        #expect(summary.added == projects.count)
        #expect(try await store.count(includeInternal: true) == projects.count)
        await store.close()
    }

    /// Quotes, semicolons, comment dashes, LIKE wildcards and NUL reach the stores only as values.
    @Test(arguments: Backend.allCases)
    func hostileTextIsOnlyEverAValue(backend: Backend) async throws {
        let store = try await backend.makeStore()
        let hostile = ["it's", "a\"b", "x; DROP TABLE project; --", "-- c", "100%", "_", "%_%", "nul\u{0}byte", "\\", "'; SELECT 1; '"]
        var batch = Array(projects.prefix(hostile.count))
        for i in batch.indices {
            batch[i].id = "id " + hostile[i].replacingOccurrences(of: "\u{0}", with: "0")
            batch[i].title = "title " + hostile[i].replacingOccurrences(of: "\u{0}", with: "0")
            batch[i].visibility = .public
        }
        #expect(try await store.upsert(batch, date: "2026-01-01", dryRun: false).added == hostile.count)
        for (i, text) in hostile.enumerated() {
            var query = ProjectQuery()
            query.filter.text = [text]
            let expected = try query.scan(batch, places: atlas).projects.map(\.id)
            #expect(try await store.query(query).projects.map(\.id) == expected, "text \(text.debugDescription)")
            for area in [Area.country(text), .region(M49Area(code: text, name: text))] {
                query = ProjectQuery()
                query.area = area
                #expect(try await store.query(query).projects.isEmpty, "\(area)")
            }
            #expect(try await store.get(ids: [text, batch[i].id]).map(\.id) == [batch[i].id])
        }
        #expect(try await store.delete(ids: hostile) == [])
        #expect(try await store.delete(ids: batch.map(\.id)) == batch.map(\.id))
        #expect(try await store.count(includeInternal: true) == 0)
        await store.close()
    }
}

@Suite struct SQLiteStoreTests {
    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let path = try temporaryStorePath()
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteStore(path: path, places: atlas)
        } throws: { error in
            "\(error)".hasPrefix("\(path): cannot open the SQLite store: ")
        }
    }
}
