import GeoJSON
import Testing

/// Strings are scanned eight bytes at a time: every position of an escape, a non-ASCII
/// character or a control character within and across words must read as it would byte by byte.
@Suite struct StringScanTests {
    @Test(arguments: 0 ..< 20)
    func specialBytesAtEveryPosition(position: Int) throws {
        let prefix = String(repeating: "a", count: position), suffix = String(repeating: "b", count: 11)
        #expect(try JSONParser.parse(#""\#(prefix)\n\#(suffix)""#) == .string(prefix + "\n" + suffix))
        #expect(try JSONParser.parse("\"\(prefix)é\(suffix)\"") == .string(prefix + "é" + suffix))
        #expect(try JSONParser.parse("\"\(prefix)\"") == .string(prefix))
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("\"\(prefix)\u{01}\(suffix)\"") }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("\"\(prefix)") }
    }
}
