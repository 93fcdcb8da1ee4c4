import Foundation
import GeoJSON
import Participation
import Testing

/// A clean GeoJSON file read a piece at a time gives the records a whole read gives, in order,
/// whatever the pieces' size and wherever brackets, commas and escaped quotes sit in strings; any
/// file the whole read would report a problem in, or that is not a plain collection, is left to
/// the whole read.
@Suite struct PieceReadTests {
    /// A feature whose title holds what a cut must not be fooled by.
    static func feature(_ id: String, title: String = "T", lon: Double = 36.8) -> String {
        #"{"type":"Feature","id":"\#(id)","geometry":{"type":"Point","coordinates":[\#(lon),-1.3]},"properties":\#(properties(["title": "\"\(title)\"", "locationPrecision": "\"exact\""]))}"#
    }

    static let tricky = [#"a, b] c}"#, #"quote \" ], {"#, #"back\\"#, #"[{\"x\":1}]"#]

    /// The file's records read in pieces of about `bytes`, or nil when it is left to the whole read.
    func pieces(_ text: String, bytes: Int) throws -> [Project]? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-\(UUID()).geojson").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var projects: [Project] = []
        let read = try ProjectFile.readInPieces(path: path, places: testPlaces, batchSize: 3, pieceBytes: bytes) { projects += $0 }
        return read ? projects : nil
    }

    @Test(arguments: [1, 300, 1 << 20])
    func piecesGiveTheWholeReadsRecords(bytes: Int) throws {
        let features = (0 ..< 12).map { Self.feature("p\($0)", title: Self.tricky[$0 % Self.tricky.count], lon: 36 + Double($0) / 10) }
        let text = " {\n \"type\" : \"FeatureCollection\",\n\"features\": [\n" + features.joined(separator: ",\n") + "\n]\n}\n"
        let (whole, problems) = try readFile(text, extension: "geojson")
        #expect(problems == [])
        #expect(whole.count == 12)
        #expect(try pieces(text, bytes: bytes) == whole)
    }

    @Test(arguments: [
        ("another member", #"{"type":"FeatureCollection","name":"x","features":[F1]}"#),
        ("features first", #"{"features":[F1],"type":"FeatureCollection"}"#),
        ("a member after", #"{"type":"FeatureCollection","features":[F1],"bbox":[0,0,1,1]}"#),
        ("empty", #"{"type":"FeatureCollection","features":[]}"#),
        ("a trailing comma", #"{"type":"FeatureCollection","features":[F1,]}"#),
        ("unclosed", #"{"type":"FeatureCollection","features":[F1,F2"#),
        ("text after", #"{"type":"FeatureCollection","features":[F1]} x"#),
        ("a bad record in a later piece", #"{"type":"FeatureCollection","features":[F1,F2,BAD]}"#),
        ("an id again in a later piece", #"{"type":"FeatureCollection","features":[F1,F2,F1]}"#),
        ("a syntax error", #"{"type":"FeatureCollection","features":[F1,{"type":}]}"#),
    ])
    func anythingElseIsLeftToTheWholeRead(_ what: String, _ layout: String) throws {
        let bad = Self.feature("p9").replacingOccurrences(of: #""led""#, with: #""lead""#)
        let text = layout.replacingOccurrences(of: "F1", with: Self.feature("p1"))
            .replacingOccurrences(of: "F2", with: Self.feature("p2")).replacingOccurrences(of: "BAD", with: bad)
        #expect(try pieces(text, bytes: 1) == nil, "\(what)")
    }
}
