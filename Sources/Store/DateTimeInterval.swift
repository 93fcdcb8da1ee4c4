/// OGC API – Features' `datetime` (Part 1, §7.15.4): an instant, or an interval `A/B` whose open
/// end is `..` (or empty). An instant is an RFC 3339 date-time or date (a bare year is also
/// taken). Projects are dated by year, so each end counts by the year it names: a project
/// matches when it is active at some time in the interval.
enum DateTimeInterval {
    /// The years of the interval; nil for an open end.
    /// - Throws: `SelectionError` naming `parameter` for anything else, or an end before its start.
    static func years(_ value: String, parameter: String) throws(SelectionError) -> (from: Int?, until: Int?) {
        let expected = "an RFC 3339 instant, or an interval A/B, ../B or A/.."
        let ends = value.split(separator: "/", omittingEmptySubsequences: false)
        switch ends.count {
        case 1:
            guard let year = year(ends[0]) else { throw SelectionError(parameter, expected: expected, found: value) }
            return (year, year)
        case 2:
            let open = { (end: Substring) in end.isEmpty || end == ".." }
            let from = open(ends[0]) ? nil : year(ends[0]), until = open(ends[1]) ? nil : year(ends[1])
            guard open(ends[0]) || from != nil, open(ends[1]) || until != nil, from != nil || until != nil else {
                throw SelectionError(parameter, expected: expected, found: value)
            }
            if let from, let until, from > until {
                throw SelectionError(parameter, expected: "an interval whose start is not after its end", found: value)
            }
            return (from, until)
        default:
            throw SelectionError(parameter, expected: expected, found: value)
        }
    }

    /// The year of `YYYY`, `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss[.f](Z|±hh:mm)`; nil for anything else.
    static func year(_ text: Substring) -> Int? {
        guard let match = text.wholeMatch(of: /(\d{4})(?:-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?)?/)
        else { return nil }
        if let month = match.2.flatMap({ Int($0) }), let day = match.3.flatMap({ Int($0) }) {
            guard (1 ... 12).contains(month), (1 ... 31).contains(day) else { return nil }
        }
        if let hour = match.4.flatMap({ Int($0) }), let minute = match.5.flatMap({ Int($0) }), let second = match.6.flatMap({ Int($0) }) {
            guard hour < 24, minute < 60, second <= 60 else { return nil }
        }
        return Int(match.1)
    }
}
