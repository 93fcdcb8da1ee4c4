import ArgumentParser

/// Values of a fixed list given on the command line: their help lists them, and a typo is a
/// usage error that names the nearest ones.
enum Choice {
    /// The names of `choices` nearest `value` in any case, best first: those at the least
    /// distance (optimal string alignment: an edit or a swap of neighbours is 1), if it is within
    /// a third of the value's length (at least 1); at most three.
    static func nearest(_ value: String, among choices: [String]) -> [String] {
        let typed = value.lowercased()
        let scored = choices.map { (name: $0, distance: distance($0.lowercased(), typed)) }
        guard let best = scored.map(\.distance).min(), best <= max(1, typed.count / 3) else { return [] }
        return Array(scored.filter { $0.distance == best }.map(\.name).prefix(3))
    }

    /// `; did you mean "A" or "B"?`, or nothing when no choice is near.
    static func didYouMean(_ value: String, among choices: [String]) -> String {
        let near = nearest(value, among: choices)
        guard !near.isEmpty else { return "" }
        return "; did you mean " + near.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
    }

    /// The value of `T` spelt `value`, or a usage error naming `flag` (when given), every value
    /// and the nearest.
    /// - Throws: `ValidationError` for a value that is not one of `T`'s.
    static func value<T: RawRepresentable<String> & CaseIterable>(_ value: String, flag: String?) throws -> T {
        guard let choice = T(rawValue: value) else {
            let names = T.allCases.map(\.rawValue)
            throw ValidationError((flag.map { "\($0): " } ?? "") + "expected one of \(names.joined(separator: ", ")), found \"\(value)\""
                + didYouMean(value, among: names))
        }
        return choice
    }

    /// The transform of an `@Option` whose values are `T`'s: a typo names the nearest value (the
    /// argument parser's message names the flag).
    static func parser<T: RawRepresentable<String> & CaseIterable & Sendable>() -> @Sendable (String) throws -> T {
        { try value($0, flag: nil) }
    }

    /// `text` followed by the list of `T`'s values, for `--help`.
    static func help<T: RawRepresentable<String> & CaseIterable>(_ text: String, _: T.Type, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp(text + " (values: \(T.allCases.map(\.rawValue).joined(separator: ", ")))", valueName: valueName)
    }

    /// The optimal string alignment distance between two strings, in characters: insertions,
    /// deletions, substitutions and swaps of two neighbours each count 1 (Damerau's variant of
    /// Levenshtein's distance without repeated edits of a substring).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0 ... a.count { d[i][0] = i }
        for j in 0 ... b.count { d[0][j] = j }
        for i in 1 ... a.count {
            for j in 1 ... b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
