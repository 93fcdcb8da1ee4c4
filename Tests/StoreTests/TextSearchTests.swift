import Foundation
import Participation
import Store
import TestSupport
import Testing

/// `--text` and `q` compare by Unicode case folding and NFC, on both stores; the expected matches
/// come from Python's `str.casefold` and `unicodedata.normalize("NFC", …)`.
@Suite struct TextSearchTests {
    static let titles = ["ΟΔΗΓΟΣ ΓΙΑ ΝΕΟΥΣ", "Straße der Jugend", "ﬁeld work", "Cafe\u{301} club", "Youth panel"]
    static let needles = ["οδηγος", "STRASSE", "FIELD", "café", "ΝΈΟΥΣ", "youth"]

    static func pythonMatches() throws -> [[Int]] {
        let script = """
            import json, sys, unicodedata
            titles, needles = json.load(sys.stdin)
            fold = lambda s: unicodedata.normalize("NFC", s.casefold())
            print(json.dumps([[i for i, t in enumerate(titles) if fold(n) in fold(t)] for n in needles]))
            """
        let input = String(decoding: try JSONSerialization.data(withJSONObject: [titles, needles]), as: UTF8.self)
        let output = try Python.run(script: "-c", arguments: [script], input: input)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Int]])
    }

    @Test(arguments: Backend.allCases)
    func caseFoldingFindsWhatPythonFinds(backend: Backend) async throws {
        let expected = try Self.pythonMatches()
        #expect(expected[0] == [0], "the final sigma folds as the medial one")
        let store = try await backend.makeStore()
        var batch = Array(projects.prefix(Self.titles.count))
        for i in batch.indices {
            batch[i].id = "t\(i)"
            batch[i].title = Self.titles[i]
            batch[i].organisation = "Org"
            batch[i].description = nil
            batch[i].visibility = .public
        }
        _ = try await store.upsert(batch, date: "2026-01-01", dryRun: false)
        for (needle, matches) in zip(Self.needles, expected) {
            var query = ProjectQuery()
            query.filter.text = [needle]
            #expect(try await store.query(query).projects.map(\.id) == matches.map { "t\($0)" }, "\(needle)")
        }
        await store.close()
    }
}
