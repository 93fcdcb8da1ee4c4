@testable import Participation
import Testing

/// Blank text is what Unicode's White_Space property says, whatever its first character: the
/// answer from the first byte agrees with the property for every scalar of the first two planes,
/// alone, before a letter, and after a run of white space.
@Suite struct BlankTextTests {
    @Test func blankIsUnicodesWhiteSpaceForEveryLeadingScalar() {
        var disagreements: [String] = []
        for value in UInt32(0) ..< 0x20000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let white = scalar.properties.isWhitespace
            let alone = String(Character(scalar)), beforeLetter = alone + "a", afterSpaces = " \u{3000}" + alone
            if alone.isBlank != white || beforeLetter.isBlank || afterSpaces.isBlank != white {
                disagreements.append(String(value, radix: 16))
            }
        }
        #expect(disagreements.isEmpty, "U+\(disagreements.prefix(10))")
        #expect("".isBlank && " \t\n\u{A0}\u{2003}".isBlank && !"\u{1C}".isBlank)
    }
}
