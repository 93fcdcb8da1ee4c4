/// Where a problem sits in its input, in one of the contract's three forms.
public enum ProblemLocation: Sendable, Hashable {
    /// An RFC 6901 JSON Pointer into a JSON document ("" is the whole document).
    case pointer(String)
    /// A CSV data row (counted from 1) and column name.
    case row(Int, column: String)
    /// A line and column (both from 1) in input that is not JSON.
    case line(Int, column: Int)
    /// The file as a whole (missing, unreadable).
    case file
}

/// One problem with an input: an error, or a warning when the input is still accepted.
/// Its `description` is the contract's one-line format: `FILE: WHERE: [warning: ]MESSAGE`.
public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input it is in (`FILE`).
    public var file: String
    /// Where in the input.
    public var location: ProblemLocation
    /// What was expected and what was found.
    public var message: String
    /// Whether the input is still accepted (a warning) rather than refused (an error).
    public var isWarning: Bool

    /// A problem from its parts; an error unless `isWarning`.
    public init(file: String, location: ProblemLocation, message: String, isWarning: Bool = false) {
        self.file = file
        self.location = location
        self.message = message
        self.isWarning = isWarning
    }

    /// `text` in double quotes for a message, with quotes, backslashes and control characters
    /// escaped as JSON escapes them (RFC 8259 §7), so that a problem is always one line.
    public static func quote(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            default: appendEscapingControls(scalar, to: &quoted)
            }
        }
        return quoted + "\""
    }

    /// `text` with its control characters (and the two Unicode line separators) escaped as JSON
    /// escapes them: a pointer or column name that holds one still prints on one line.
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars { appendEscapingControls(scalar, to: &escaped) }
        return escaped
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func appendEscapingControls(_ scalar: Unicode.Scalar, to text: inout String) {
        switch scalar {
        case "\n": text += "\\n"
        case "\r": text += "\\r"
        case "\t": text += "\\t"
        case _ where isControl(scalar):
            let hex = String(scalar.value, radix: 16, uppercase: true)
            text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: text.unicodeScalars.append(scalar)
        }
    }

    /// A warning: the input is accepted, but worth a look.
    public static func warning(file: String, location: ProblemLocation, message: String) -> Problem {
        Problem(file: file, location: location, message: message, isWarning: true)
    }

    /// The contract's one line: `FILE: WHERE: [warning: ]MESSAGE`, control characters in the pointer or column escaped.
    public var description: String {
        let text = isWarning ? "warning: " + message : message
        switch location {
        case .pointer(let pointer): return "\(file): \(Self.escapingControls(pointer)): \(text)"
        case .row(let row, let column): return "\(file): row \(row), column \(Self.escapingControls(column)): \(text)"
        case .line(let line, let column): return "\(file): line \(line), column \(column): \(text)"
        case .file: return "\(file): \(text)"
        }
    }
}

/// Builds RFC 6901 pointers, escaping `~` and `/` in member names.
public enum JSONPointer {
    /// A member name as a pointer token (RFC 6901 §3): `~` becomes `~0`, `/` becomes `~1`.
    public static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        var escaped = ""
        for character in token {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `pointer` with a member name appended, escaped.
    public static func appending(_ pointer: String, _ token: String) -> String {
        pointer + "/" + escape(token)
    }

    /// `pointer` with an array index appended.
    public static func appending(_ pointer: String, _ index: Int) -> String {
        pointer + "/" + String(index)
    }
}
