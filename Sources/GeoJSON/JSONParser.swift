#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level JSON reader (RFC 8259) over a buffer that outlives it.
///
/// Values nest at most `maxDepth` deep, so that hostile input ("[[[[…" 100,000 times) ends in a
/// clean error instead of a stack overflow. Numbers too large for a Double become infinite
/// values, and their literal text is kept in `overflows` (in document order) so that the
/// caller, which knows each value's JSON Pointer, can name them. An object that names a member
/// twice is kept as written (both members, in order) and counted in `repeatedMembers`, so that the
/// caller can name each repeat by its pointer (`JSONValue.repeatedMembers(at:)`).
public struct JSONParser: ~Copyable {
    /// The default nesting limit of arrays and objects.
    public static let defaultMaxDepth = 512

    let bytes: UnsafeRawBufferPointer
    var offset = 0
    let maxDepth: Int
    /// Literal text of each number that overflowed a Double, in document order.
    public internal(set) var overflows: [String] = []

    /// How many object members repeated a name already used in their object, since the last
    /// `forgetOverflows()`. Names are compared as Swift strings compare them (canonical
    /// equivalence), as `JSONObject`'s lookups do, so no lookup can pick one of two spellings.
    public private(set) var repeatedMembers = 0

    /// The literal text of each number given as the value of a member named "id", with the depth
    /// of its object, since the last `forgetOverflows()`: a Feature's numeric id is kept as
    /// written, not as the nearest Double (9007199254740993 is not 9007199254740992).
    private(set) var numericIDs: [(depth: Int, literal: String)] = []

    /// Forgets the overflows, repeated members and numeric ids reported so far, so that the next
    /// value's are its own.
    mutating func forgetOverflows() {
        overflows.removeAll()
        repeatedMembers = 0
        numericIDs.removeAll()
    }

    /// The literal of the numeric "id" of the object at `depth`, if it had one.
    func numericID(depth: Int) -> String? {
        numericIDs.first { $0.depth == depth }?.literal
    }

    /// Reads a member's value; a number under the name "id" also keeps its literal text.
    mutating func memberValue(_ key: String, depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard key == "id", let byte = peek(), byte == UInt8(ascii: "-") || isDigit(byte) else { return try value(depth: depth) }
        let start = offset
        let number = try value(depth: depth)
        numericIDs.append((depth, String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start ..< offset]), as: UTF8.self)))
        return number
    }

    /// A parser over `bytes`, from the first byte, refusing values nested deeper than `maxDepth`.
    public init(bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses a whole document: one value and nothing but whitespace after it.
    ///
    /// - Throws: `JSONSyntaxError` where the text stops being JSON, or, for an object that names
    ///   a member twice, at the document's end with the message `member "NAME" appears twice at POINTER`.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> JSONValue {
        let utf8 = Array(text.utf8)
        let result = utf8.withUnsafeBytes { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in
                var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
                let value = try parser.value()
                try parser.end()
                if parser.repeatedMembers > 0, let first = value.repeatedMembers(at: "").first {
                    throw JSONSyntaxError(offset: parser.offset, message: "\(first.message) at \(first.pointer)")
                }
                return value
            }
        }
        return try result.get()
    }

    // MARK: Cursor

    var atEnd: Bool { offset >= bytes.count }

    /// The next non-whitespace byte, without consuming it; nil at the end.
    public mutating func peek() -> UInt8? {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return bytes[offset]
            }
        }
        return nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard peek() == byte else { throw error("expected \(what)") }
        offset += 1
    }

    /// Consumes `byte` (after any whitespace) if it comes next.
    public mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// Requires that only whitespace is left.
    public mutating func end() throws(JSONSyntaxError) {
        if peek() != nil { throw error("expected the end of the document") }
    }

    func error(_ expected: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset, message: "\(expected), found \(found)")
    }

    /// The input at the cursor, for messages.
    private var found: String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    // MARK: Values

    /// Reads one value at the offset (after white space), `depth` levels inside the document.
    /// - Throws: `JSONSyntaxError` at the first byte that is not JSON, or where the nesting passes `maxDepth`.
    public mutating func value(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek() else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try object(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try array(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return .number(try number())
        default: throw error("expected a value")
        }
    }

    mutating func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth > maxDepth { throw JSONSyntaxError(offset: offset, message: "expected nesting of at most \(maxDepth) levels, found deeper") }
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONObject {
        try checkDepth(depth)
        try expect(UInt8(ascii: "{"), "'{'")
        var members: [(key: String, value: JSONValue)] = []
        var names = MemberNames()
        if take(UInt8(ascii: "}")) { return JSONObject(members) }
        repeat {
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name in double quotes") }
            let key = try string()
            if !names.insert(key, among: members) { repeatedMembers += 1 }
            try expect(UInt8(ascii: ":"), "':' after a member name")
            members.append((key, try memberValue(key, depth: depth)))
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"), "',' or '}' after an object member")
        return JSONObject(members)
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> [JSONValue] {
        try checkDepth(depth)
        try expect(UInt8(ascii: "["), "'['")
        var elements: [JSONValue] = []
        if take(UInt8(ascii: "]")) { return elements }
        repeat {
            elements.append(try value(depth: depth))
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"), "',' or ']' after an array element")
        return elements
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count,
              memcmp(bytes.baseAddress! + offset, word.utf8Start, count) == 0
        else { throw error("expected a value") }
        offset += count
    }

    // MARK: Strings

    /// Reads a string at the offset (after white space), escapes decoded (RFC 8259 §7).
    /// - Throws: `JSONSyntaxError` at a byte that cannot be in a string, or a bad escape.
    public mutating func string() throws(JSONSyntaxError) -> String {
        try expect(UInt8(ascii: "\""), "'\"'")
        let start = offset
        // Fast path: no escapes. Scan to the closing quote, noting whether any byte is non-ASCII.
        let (stop, nonASCII) = ByteScan.plainRun(in: bytes, from: offset, to: bytes.count)
        offset = stop
        if offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = nonASCII ? try decode(start ..< offset) : ascii(start ..< offset)
                offset += 1
                return text
            }
            if byte < 0x20 { throw error("expected a control character to be escaped in a string") }
        }
        var utf8 = Array(bytes[start ..< offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw JSONSyntaxError(offset: start, message: "expected UTF-8 text in a string, found invalid bytes")
                }
                return text
            case UInt8(ascii: "\\"):
                offset += 1
                try escape(into: &utf8)
            case 0 ..< 0x20:
                throw error("expected a control character to be escaped in a string")
            default:
                utf8.append(byte)
                offset += 1
            }
        }
        throw error("expected '\"' to close the string")
    }

    /// ASCII is valid UTF-8 as it is: copied without a validation pass.
    private func ascii(_ range: Range<Int>) -> String {
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }

    private func decode(_ range: Range<Int>) throws(JSONSyntaxError) -> String {
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let slice = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        if let text = String(validating: slice, as: UTF8.self) { return text }
        throw JSONSyntaxError(offset: range.lowerBound, message: "expected UTF-8 text in a string, found invalid bytes")
    }

    private mutating func escape(into utf8: inout [UInt8]) throws(JSONSyntaxError) {
        guard offset < bytes.count else { throw error("expected an escape") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800 ..< 0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                    throw error("expected a low surrogate after \\u\(String(scalar, radix: 16, uppercase: true))")
                }
                offset += 2
                let low = try hex4()
                guard (0xDC00 ..< 0xE000).contains(low) else { throw error("expected a low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00 ..< 0xE000).contains(scalar) {
                throw error("expected a high surrogate before \\u\(String(scalar, radix: 16, uppercase: true))")
            }
            utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        default:
            offset -= 1
            throw error("expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0 ..< 4 {
            guard offset < bytes.count, let digit = Self.hexDigit(bytes[offset]) else {
                throw error("expected 4 hexadecimal digits after \\u")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
