/// The areas and filters users select projects by, under their canonical names: the command
/// line's AREA and FILTERS flags and the service's query parameters (OGC API – Features Part 1's
/// `bbox` and `datetime`, and partmap's own). Each caller spells them its own way in messages.
public enum SelectionParameter: String, Sendable, CaseIterable {
    case bbox, within, near, radiusKm = "radius-km", country, region
    case level, group, sector, purpose, activeIn = "active-in", datetime, text
}

/// An area or filter value that is not one, said neutrally: the parameter as its caller spells
/// it, what was expected and what was found. The command line makes it a usage error
/// (`--bbox: expected …, found …`, exit 2); the service a 400 problem.
public struct SelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter (`--bbox`, `bbox`); nil when the fault is in the combination of several.
    public var parameter: String?
    /// What was expected (`W,S,E,N (4 numbers)`).
    public var expected: String
    /// What was found, as the message shows it: the user's text quoted, a number or `none` as is.
    public var found: String
    /// A suggestion that follows (`; did you mean "led"?`), or "".
    public var hint: String

    /// An error about the user's `text`, which the message quotes.
    public init(_ parameter: String?, expected: String, found text: String, hint: String = "") {
        (self.parameter, self.expected, self.found, self.hint) = (parameter, expected, "\"\(text)\"", hint)
    }

    /// An error whose finding is shown as given: a number, a comparison, `none`.
    public init(_ parameter: String?, expected: String, foundPlain: String) {
        (self.parameter, self.expected, self.found, self.hint) = (parameter, expected, foundPlain, "")
    }

    /// `expected E, found F` and the hint, without the parameter.
    public var description: String { "expected \(expected), found \(found)\(hint)" }
}
