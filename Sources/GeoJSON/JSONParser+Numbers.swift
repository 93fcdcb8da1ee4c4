#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers (RFC 8259 §6): a fast path for the common short literal, Eisel–Lemire (`EiselLemire`) for
/// mantissas of up to 19 digits, and the C library's correctly rounded conversion for the rest.
extension JSONParser {
    /// Powers of ten exactly representable as a Double, for the fast path.
    private static let exactPowers: [Double] = (0 ... 22).map { (0 ..< $0).reduce(1.0) { acc, _ in acc * 10 } }

    /// Reads a number (RFC 8259 §6) at the offset; a literal too large for a Double gives an
    /// infinite value and is noted in `overflows`.
    /// - Throws: `JSONSyntaxError` where the literal is not a JSON number.
    public mutating func number() throws(JSONSyntaxError) -> Double {
        let start = offset
        var negative = false
        if bytes[offset] == UInt8(ascii: "-") { negative = true; offset += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("expected a digit") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count, isDigit(bytes[offset]) { throw error("expected no leading zero in a number") }
        } else {
            while offset < bytes.count, isDigit(bytes[offset]) {
                mantissa = mantissa &* 10 &+ UInt64(bytes[offset] - 48)
                digits += 1
                offset += 1
            }
        }
        var fractionDigits = 0
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("expected a digit after '.'") }
            while offset < bytes.count, isDigit(bytes[offset]) {
                mantissa = mantissa &* 10 &+ UInt64(bytes[offset] - 48)
                digits += 1
                fractionDigits += 1
                offset += 1
            }
        }
        var hasExponent = false
        var exponent = 0
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            offset += 1
            var negativeExponent = false
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                negativeExponent = bytes[offset] == UInt8(ascii: "-")
                offset += 1
            }
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("expected a digit in the exponent") }
            while offset < bytes.count, isDigit(bytes[offset]) {
                // Capped: anything this large is out of the table and left to the C library.
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[offset] - 48) }
                offset += 1
            }
            if negativeExponent { exponent = -exponent }
        }
        // Fast path: up to 15 significant digits and a power of ten that is exact: one rounding.
        if !hasExponent && digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / Self.exactPowers[fractionDigits]
            return negative ? -value : value
        }
        // Up to 19 digits the mantissa is exact in 64 bits: Eisel–Lemire, unless it cannot decide.
        if digits <= 19, let value = EiselLemire.double(mantissa: mantissa, exponent: exponent - fractionDigits, negative: negative) {
            return value
        }
        return slowNumber(start ..< offset)
    }

    /// Correctly rounded conversion of the literal by the C library.
    mutating func slowNumber(_ range: Range<Int>) -> Double {
        var literal = Array(bytes[range])
        literal.append(0)
        let value = literal.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { strtod($0, nil) }
        }
        if value.isInfinite {
            overflows.append(String(decoding: literal.dropLast(), as: UTF8.self))
        }
        return value
    }

    @inline(__always)
    func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }
}
