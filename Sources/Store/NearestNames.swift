/// The names nearest a mistyped one, for the suggestions of usage errors ("did you mean").
public enum NearestNames {
    /// The names of `choices` nearest `value` in any case, best first: those at the least
    /// distance (optimal string alignment: an edit or a swap of neighbours is 1), if it is within
    /// a third of the value's length (at least 1); at most three.
    public static func nearest(_ value: String, among choices: [String]) -> [String] {
        let typed = value.lowercased()
        let scored = choices.map { (name: $0, distance: distance($0.lowercased(), typed)) }
        guard let best = scored.map(\.distance).min(), best <= max(1, typed.count / 3) else { return [] }
        return Array(scored.filter { $0.distance == best }.map(\.name).prefix(3))
    }

    /// `; did you mean "A" or "B"?`, or nothing when no choice is near.
    public static func didYouMean(_ value: String, among choices: [String]) -> String {
        let near = nearest(value, among: choices)
        guard !near.isEmpty else { return "" }
        return "; did you mean " + near.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
    }

    /// The optimal string alignment distance between two strings, in characters: insertions,
    /// deletions, substitutions and swaps of two neighbours each count 1 (Damerau's variant of
    /// Levenshtein's distance without repeated edits of a substring).
    public static func distance(_ a: String, _ b: String) -> Int {
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
