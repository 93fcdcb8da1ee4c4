/// How numbers are written: the shortest decimal that reads back as the same Double.
public enum JSONNumber {
    /// The shortest decimal that reads back as `value` (Swift's `description`), without the
    /// `.0` Swift gives integral values: `7`, `0.1`, `1e-07`.
    public static func format(_ value: Double) -> String {
        var text = value.description
        // Swift writes integral values as "7.0"; JSON needs no fraction ("7"). Exponent forms
        // ("1e-07", "1e+21") are already valid JSON.
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// The value rounded to at most `digits` decimals, then written as short as it reads back.
    public static func format(_ value: Double, maxFractionDigits digits: Int) -> String {
        let scale = (0 ..< digits).reduce(1.0) { product, _ in product * 10 }
        let rounded = (value * scale).rounded() / scale
        return format(rounded.isFinite ? rounded : value)
    }

    /// The plain decimal text of a JSON number literal (RFC 8259 §6), exactly, whatever its size:
    /// `9007199254740993` stays itself, `1e3` is `1000`, `7.50` is `7.5`, `-0` is `0`. A literal
    /// whose decimal form would pass `maxDecimalLength` characters (`1e-999999`) is kept as written.
    public static func decimal(_ literal: String) -> String {
        let negative = literal.hasPrefix("-")
        let body = negative ? literal.dropFirst() : Substring(literal)
        let (mantissa, exponentText) = body.firstIndex(where: { $0 == "e" || $0 == "E" }).map {
            (body[..<$0], body[body.index(after: $0)...])
        } ?? (body, "")
        guard let exponent = exponentText.isEmpty ? 0 : Int(exponentText.hasPrefix("+") ? exponentText.dropFirst() : exponentText),
              abs(exponent) <= maxDecimalLength
        else { return literal }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = Array(parts[0] + fraction)
        // The decimal point sits after `point` digits.
        var point = parts[0].count + exponent
        if point < 0 {
            digits.insert(contentsOf: repeatElement("0", count: -point), at: 0)
            point = 0
        } else if point > digits.count {
            digits.append(contentsOf: repeatElement("0", count: point - digits.count))
        }
        var whole = String(digits[..<point]).drop { $0 == "0" }
        var part = String(digits[point...])
        while part.last == "0" { part.removeLast() }
        if whole.isEmpty { whole = "0" }
        let text = part.isEmpty ? String(whole) : whole + "." + part
        return negative && text != "0" ? "-" + text : text
    }

    /// The longest decimal text `decimal` writes out.
    public static let maxDecimalLength = 1_000
}
