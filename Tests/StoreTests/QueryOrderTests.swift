import Participation
import Store
import Testing

/// The order of answers (CONTRACT: by id, compared byte by byte, unless `--sort` says
/// otherwise), checked against Swift's own comparison of UTF-8 bytes, whatever the input order.
@Suite struct QueryOrderTests {
    /// Keys that share their first 8 bytes, are prefixes of one another, hold a NUL, or are the
    /// same text composed and decomposed ("é" is C3 A9, "e\u{301}" is 65 CC 81).
    static let texts = ["abcdefgh1", "abcdefgh0", "abcdefgh", "ab", "ab\u{0}", "ab\u{0}c", "é", "e\u{301}", "Z", "abcdefgi", ""]

    func project(id: String, title: String, updated: String?) -> Project {
        Project(id: id, title: title, organisation: "o", participationLevel: .led, participantGroups: [.children],
                sector: .academia, locationPrecision: .none, visibility: .public, sources: ["s"], updated: updated)
    }

    func byBytes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Every rotation of the input, so that each record starts everywhere.
    @Test(arguments: 0 ..< 11)
    func idsInByteOrder(rotation: Int) throws {
        let ids = Self.texts.map { "p" + $0 }
        let input = Array(ids[rotation...] + ids[..<rotation]).map { project(id: $0, title: "t", updated: nil) }
        let result = try ProjectQuery().scan(input, places: atlas)
        #expect(result.projects.map(\.id) == ids.sorted(by: byBytes))
        #expect(result.numberMatched == ids.count)
    }

    /// Titles and dates by bytes, ties (the same text, or none) by id; the page cut after the sort.
    @Test(arguments: [SortKey.title, .updated], 0 ..< 3)
    func titlesAndDatesInByteOrderTiesByID(sort: SortKey, offset: Int) throws {
        let texts = Self.texts + ["ab", "é"]
        let input = texts.indices.reversed().map { i in
            project(id: "q\(i % 4)-\(i)", title: texts[i], updated: i % 5 == 0 ? nil : texts[i])
        }
        func key(_ p: Project) -> String { sort == .title ? p.title : p.updated ?? "" }
        let expected = input.sorted { a, b in
            Array(key(a).utf8) == Array(key(b).utf8) ? byBytes(a.id, b.id) : byBytes(key(a), key(b))
        }.map(\.id)
        var query = ProjectQuery()
        query.sort = sort
        query.offset = offset
        query.limit = 5
        let result = try query.scan(input, places: atlas)
        #expect(result.projects.map(\.id) == Array(expected[offset ..< offset + 5]))
        #expect(result.numberMatched == input.count)
    }

    @Test func aPageBeyondTheEndIsEmpty() throws {
        var query = ProjectQuery()
        query.offset = 50
        query.limit = 10
        let result = try query.scan(Self.texts.map { project(id: $0, title: "t", updated: nil) }, places: atlas)
        #expect(result.projects.isEmpty)
        #expect(result.numberMatched == Self.texts.count)
    }
}
