extension JSONValue {
    /// What a value is, as messages name it: "a string", "an array", "null", …
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value quoted for a message: strings in quotes (control characters escaped, see
    /// `Problem.quote`), numbers as written, others by kind.
    public var quoted: String {
        switch self {
        case .string(let text): Problem.quote(text)
        case .number(let number): JSONNumber.format(number)
        case .bool(let flag): String(flag)
        default: kind
        }
    }
}
