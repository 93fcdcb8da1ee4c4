/// How numbers are written: the shortest decimal that reads back as the same Double.
public enum JSONNumber {
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
}
