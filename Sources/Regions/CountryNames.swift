import Foundation

extension Atlas {
    /// The alpha-2 code of the country `text` names: an ISO 3166-1 alpha-2 or alpha-3 code, or
    /// the English name of its row in Data/m49-regions.csv, in any case and with or without
    /// accents (`Kenya`, `ke`, `KEN` → `KE`; `cote d'ivoire` → `CI`). Nil for anything else.
    public func countryCode(named text: String) -> String? {
        let key = Self.fold(text)
        guard !key.isEmpty else { return nil }
        return m49.byAlpha2.values.first { country in
            Self.fold(country.alpha2) == key || (!country.alpha3.isEmpty && Self.fold(country.alpha3) == key)
                || Self.fold(country.name) == key
        }?.alpha2
    }

    /// Every country users can name, as (alpha-2, alpha-3 or "" when it has none, English name),
    /// in alpha-2 order.
    public var countryNames: [(alpha2: String, alpha3: String, name: String)] {
        m49.byAlpha2.values.map { ($0.alpha2, $0.alpha3, $0.name) }.sorted { $0.alpha2 < $1.alpha2 }
    }

    /// `text` as names are compared: case folded, accents dropped, apostrophes made plain.
    static func fold(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces)
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "\u{2019}", with: "'")
    }
}
