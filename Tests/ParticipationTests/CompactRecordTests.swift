import GeoJSON
import Participation
import Regions
import Testing

/// The compact record reads back as exactly the project its stored GeoJSON feature reads back as,
/// and bytes that are not a whole record read as nothing, never as a crash.
@Suite struct CompactRecordTests {
    /// What the stored feature gives back, `updated` apart: the reference every read must match.
    func viaFeature(_ project: Project) throws -> Project? {
        var record = project
        record.updated = nil
        return Project(stored: try JSONParser.parse(GeoJSONWriter().write(record.feature(includeDerived: true, includeExtra: true))))
    }

    func viaCompact(_ project: Project) -> Project? {
        var record = project
        record.updated = nil
        return record.compactRecord().withUnsafeBytes { Project(compactRecord: $0) }
    }

    @Test(arguments: [LocationPrecision.exact, .city, .country, .none])
    func readsBackAsTheStoredFeatureDoes(precision: LocationPrecision) throws {
        let full = project(precision)
        var bare = Project(
            id: "é\u{1F600}\"\\\n", title: "T", organisation: "O", participationLevel: .coProduction, participantGroups: [.parentsCarers],
            sector: .intergovernmental, startYear: -3, endYear: Int(Int32.max), locationPrecision: .none, visibility: .internal, sources: [""])
        bare.position = Position(longitude: -179.99999999999997, latitude: 1e-300)
        var noAreas = full
        noAreas.derived = RegionAssignment(country: nil, region: nil, subregion: nil, intermediateRegion: nil)
        var nested = full
        nested.extra = JSONObject([("title", .string("shadowed")), ("tags", .array([.number(1.5), .null, .object(JSONObject([("a", .bool(true))]))]))])
        for original in [full, bare, noAreas, nested] {
            let expected = try #require(try viaFeature(original))
            #expect(viaCompact(original) == expected)
        }
    }

    @Test func bytesThatAreNotAWholeRecordReadAsNothing() {
        var record = project(.exact)
        record.updated = nil
        let bytes = record.compactRecord()
        for length in 0 ..< bytes.count {
            #expect(Array(bytes[..<length]).withUnsafeBytes { Project(compactRecord: $0) } == nil, "cut at \(length)")
        }
        #expect((bytes + [0]).withUnsafeBytes { Project(compactRecord: $0) } == nil, "a byte too many")
        var otherVersion = bytes
        otherVersion[0] = 2
        #expect(otherVersion.withUnsafeBytes { Project(compactRecord: $0) } == nil)
        var badLevel = bytes
        // The level follows the version, the three texts and the three absent optional texts.
        let levelOffset = 1 + [record.id, record.title, record.organisation].map { 1 + $0.utf8.count }.reduce(0, +)
            + [record.description, record.url, record.initiative].map { 1 + ($0?.utf8.count ?? 0) }.reduce(0, +)
        #expect(badLevel[levelOffset] == UInt8(ParticipationLevel.allCases.firstIndex(of: record.participationLevel)!))
        badLevel[levelOffset] = 200
        #expect(badLevel.withUnsafeBytes { Project(compactRecord: $0) } == nil)
    }
}
