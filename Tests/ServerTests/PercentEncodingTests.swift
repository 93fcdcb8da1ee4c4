import Foundation
@testable import Server
import TestSupport
import Testing

/// Link values are percent-encoded as Python's `urllib.parse.quote(value, safe="")` does: every
/// byte of the UTF-8 but RFC 3986's unreserved characters.
@Suite struct PercentEncodingTests {
    @Test func valuesAreEncodedAsPythonsQuote() throws {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("aZ09-._~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}\u{7F}\t\nüß€𝄞🙂\u{0301}")
        var values = ["", "Eastern Africa", "10,45,17.8,52.8", "a b/c?d=e&f", "percent%25", "plus+sign"]
        for _ in 0 ..< 200 {
            values.append(String((0 ..< Int(generator.next() % 12)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        let script = """
            import json, sys, urllib.parse
            for value in json.load(sys.stdin): print(urllib.parse.quote(value, safe=""))
            """
        let input = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        let expected = try Python.run(script: "-c", arguments: [script], input: input).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(Array(expected) == values.map { Substring(QueryParameters.encode($0)) })
    }
}
