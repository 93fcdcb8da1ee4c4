import Regions

/// Countries and years in words, for the HTML pages (the taxonomy's words are its own, in
/// Participation's `label` and `meaning`).
enum HTMLTerms {
    /// A country's English name from the atlas, else its ISO 3166-1 alpha-2 code.
    static func country(_ code: String, atlas: Atlas) -> String { atlas.countryName(code) ?? code }

    /// Years as a range: "2019–2022", "2019 onwards", "until 2022", or nil with neither.
    static func years(start: Int?, end: Int?) -> String? {
        switch (start, end) {
        case let (s?, e?): s == e ? String(s) : "\(s)–\(e)"
        case let (s?, nil): "\(s) onwards"
        case let (nil, e?): "until \(e)"
        case (nil, nil): nil
        }
    }
}
