import Foundation
import GeoJSON
import Participation
import Regions
import Store
import Testing

func temporaryStorePath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-store-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("store.sqlite").path
}

/// The SQLite store answers every query exactly as a scan of the same projects does.
@Suite struct SQLiteStoreTests {
    static let store: SQLiteStore = {
        do {
            let store = try SQLiteStore(path: try temporaryStorePath(), places: atlas)
            _ = try store.upsert(projects, date: "2026-11-24", dryRun: false)
            return store
        } catch {
            preconditionFailure("the store must open: \(error)")
        }
    }()

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

    @Test(arguments: 0 ..< areas.count, [false, true])
    func sameIdsInTheSameOrderAsAScan(areaIndex: Int, includeInternal: Bool) throws {
        var query = ProjectQuery()
        query.area = Self.areas[areaIndex]
        query.includeInternal = includeInternal
        query.filter.levels = areaIndex % 2 == 0 ? [] : [.led, .collaboration]
        query.limit = areaIndex == 0 ? 25 : nil
        query.offset = areaIndex == 0 ? 10 : 0
        let scanned = try query.scan(projects, places: atlas)
        let stored = try Self.store.query(query)
        #expect(stored.projects.map(\.id) == scanned.projects.map(\.id))
        #expect(stored.numberMatched == scanned.numberMatched)
        #expect(stored.projects.map(\.position) == scanned.projects.map(\.position))
    }

    @Test func countsAndExtentFollowTheView() throws {
        #expect(try Self.store.count(includeInternal: true) == projects.count)
        #expect(try Self.store.count(includeInternal: false) == projects.filter { $0.visibility == .public }.count)
        let extent = try #require(try Self.store.extent(includeInternal: false))
        let publicPositions = projects.compactMap { $0.publicView(places: atlas)?.position }
        #expect(extent.west == publicPositions.map(\.longitude).min())
        #expect(extent.north == publicPositions.map(\.latitude).max())
    }

    @Test func recordsComeBackAsTheyWent() throws {
        let sample = Array(projects.prefix(50))
        let back = try Self.store.get(ids: sample.map(\.id))
        for (original, stored) in zip(sample, back) {
            var expected = original
            expected.updated = "2026-11-24"
            #expect(stored == expected)
        }
    }

    @Test func upsertsCountAndReplaceByID() throws {
        let store = try SQLiteStore(path: try temporaryStorePath(), places: atlas)
        let first = Array(projects.prefix(10))
        #expect(try store.upsert(first, date: "2026-01-01", dryRun: true).added == 10)
        #expect(try store.count(includeInternal: true) == 0, "a dry run writes nothing")
        #expect(try store.upsert(first, date: "2026-01-01", dryRun: false).added == 10)
        var changed = first
        changed[0].title = "Renamed"
        let summary = try store.upsert(changed, date: "2026-01-02", dryRun: false)
        #expect(summary.description == "0 added, 1 changed, 9 unchanged")
        #expect(try store.get(ids: [first[0].id]).first?.title == "Renamed")
        #expect(try store.get(ids: [first[1].id]).first?.updated == "2026-01-02", "every write sets updated")
        #expect(try store.delete(ids: [first[0].id, "missing"]) == [first[0].id])
        #expect(try store.count(includeInternal: true) == 9)
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let path = try temporaryStorePath()
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteStore(path: path, places: atlas)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("\(path): cannot open the SQLite store: "), "\(error)")
        }
    }
}
