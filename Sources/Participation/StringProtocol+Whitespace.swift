extension StringProtocol {
    /// Whether the text is empty or only white space (Unicode's White_Space property). Most texts
    /// answer at their first character, and a printable ASCII one (U+0021–U+007F, none of them
    /// white space) answers from its byte, without a look-up of the scalar's properties.
    var isBlank: Bool {
        if let first = utf8.first, first > 0x20, first < 0x80 { return false }
        return unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// The text without white space at either end.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start ... end]))
    }
}
