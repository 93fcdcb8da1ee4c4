/// Decimal to binary64 conversion by the Eisel–Lemire algorithm: a decimal `mantissa × 10^exponent`
/// (mantissa below 2^64) becomes the correctly rounded Double with one or two 64×64-bit products,
/// or nil in the rare cases where those do not settle the rounding (the caller then falls back to
/// a full conversion). Source: D. Lemire, "Number Parsing at a Gigabyte per Second" (Software:
/// Practice and Experience, 2021), as written in Go's `strconv.eiselLemire64`.
enum EiselLemire {
    /// Range of decimal exponents with a table entry.
    static let minExponent = -348, maxExponent = 347

    /// The Double nearest to `mantissa × 10^exponent` (ties to even), or nil when it cannot be
    /// decided here (a near tie, a subnormal or infinite result, an exponent outside the table).
    static func double(mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard exponent >= minExponent, exponent <= maxExponent else { return nil }
        let power = PowersOfTen.table[exponent - minExponent]
        let leading = mantissa.leadingZeroBitCount
        let man = mantissa << leading
        // 217706 / 2^16 ≈ log2(10); 1023 is the binary64 exponent bias.
        var exponent2 = UInt64(bitPattern: Int64((217_706 &* exponent) >> 16 + 64 + 1023 - leading))

        var (high, low) = man.multipliedFullWidth(by: power.high)
        // The product's top 54 bits may be off by one when its low bits are all ones: the next
        // 64 bits of the power settle it, unless those are all ones as well.
        if high & 0x1FF == 0x1FF && low &+ man < man {
            let (yHigh, yLow) = man.multipliedFullWidth(by: power.low)
            var mergedHigh = high
            let mergedLow = low &+ yHigh
            if mergedLow < low { mergedHigh &+= 1 }
            if mergedHigh & 0x1FF == 0x1FF && mergedLow &+ 1 == 0 && yLow &+ man < man { return nil }
            (high, low) = (mergedHigh, mergedLow)
        }
        let top = high >> 63
        var result = high >> (top + 9)
        exponent2 &-= 1 ^ top
        // Exactly halfway between two Doubles: the truncated power cannot tell which way.
        if low == 0 && high & 0x1FF == 0 && result & 3 == 1 { return nil }
        result += result & 1
        result >>= 1
        if result >> 53 > 0 {
            result >>= 1
            exponent2 &+= 1
        }
        // Zero (wrapped) or below: subnormal; 0x7FF or above: infinite. Both are left to the fallback.
        if exponent2 &- 1 >= 0x7FF - 1 { return nil }
        let bits = exponent2 << 52 | result & 0x000F_FFFF_FFFF_FFFF | (negative ? 1 << 63 : 0)
        return Double(bitPattern: bits)
    }
}

/// The 128-bit mantissas of the powers of ten from 10^-348 to 10^347, each normalised (top bit
/// set) and truncated, as the Eisel–Lemire algorithm needs them. Computed once, exactly, with
/// multi-word integers: each positive power is the previous one times ten; each negative power is
/// a large power of two divided by ten once more (floor(floor(x / 10^n) / 10) = floor(x / 10^(n+1))).
enum PowersOfTen {
    struct Entry {
        var high: UInt64
        var low: UInt64
    }

    static let table: [Entry] = {
        var entries = [Entry](repeating: Entry(high: 0, low: 0), count: EiselLemire.maxExponent - EiselLemire.minExponent + 1)
        // 10^n for n = 0 ... maxExponent.
        var value = Words(bitCount: 1_200)
        value.words[0] = 1
        for n in 0 ... EiselLemire.maxExponent {
            if n > 0 { value.multiply(by: 10) }
            entries[n - EiselLemire.minExponent] = value.top128()
        }
        // 2^k / 10^n for n = 1 ... -minExponent, with k large enough to keep 128 bits at the end.
        var quotient = Words(bitCount: 1_400)
        quotient.setBit(1_350)
        for n in 1 ... -EiselLemire.minExponent {
            quotient.divide(by: 10)
            entries[-n - EiselLemire.minExponent] = quotient.top128()
        }
        return entries
    }()

    /// An unsigned integer of a fixed number of 32-bit words, least significant first.
    struct Words {
        var words: [UInt32]

        init(bitCount: Int) {
            words = [UInt32](repeating: 0, count: (bitCount + 31) / 32)
        }

        mutating func setBit(_ bit: Int) {
            words[bit / 32] |= 1 << UInt32(bit % 32)
        }

        mutating func multiply(by factor: UInt32) {
            var carry: UInt64 = 0
            for index in words.indices {
                let product = UInt64(words[index]) * UInt64(factor) + carry
                words[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            precondition(carry == 0, "PowersOfTen: words too few")
        }

        mutating func divide(by divisor: UInt32) {
            var remainder: UInt64 = 0
            for index in words.indices.reversed() {
                let current = remainder << 32 | UInt64(words[index])
                words[index] = UInt32(current / UInt64(divisor))
                remainder = current % UInt64(divisor)
            }
        }

        /// The 128 bits from the highest set bit down, truncated (zero bits below the lowest word).
        func top128() -> PowersOfTen.Entry {
            guard let highest = words.lastIndex(where: { $0 != 0 }) else { return Entry(high: 0, low: 0) }
            let topBit = highest * 32 + (31 - words[highest].leadingZeroBitCount)
            func bit(_ index: Int) -> UInt64 {
                guard index >= 0 else { return 0 }
                return UInt64(words[index / 32] >> UInt32(index % 32) & 1)
            }
            var high: UInt64 = 0, low: UInt64 = 0
            for offset in 0 ..< 64 { high = high << 1 | bit(topBit - offset) }
            for offset in 64 ..< 128 { low = low << 1 | bit(topBit - offset) }
            return Entry(high: high, low: low)
        }
    }
}
