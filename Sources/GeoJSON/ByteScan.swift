/// Scans eight bytes at a time for the bytes that end a run of plain string content: a quote,
/// a backslash, or a control character (SWAR: SIMD within a register).
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// A word with the high bit set in each byte that equals `byte`'s position in `word`.
    @inline(__always)
    private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// From `offset`, the offset of the first byte that is '"', '\' or below 0x20 (or `end`),
    /// and whether any byte before it was non-ASCII.
    @inline(__always)
    static func plainRun(in bytes: UnsafeRawBufferPointer, from offset: Int, to end: Int) -> (stop: Int, nonASCII: Bool) {
        var index = offset
        var high: UInt64 = 0
        while index + 8 <= end {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let control = (word &- ones &* 0x20) & ~word & highs
            let stops = equal(word, UInt8(ascii: "\"")) | equal(word, UInt8(ascii: "\\")) | control
            if stops != 0 {
                // Little-endian: the lowest set bit is the first stopping byte.
                let first = stops.trailingZeroBitCount / 8
                let before: UInt64 = first == 0 ? 0 : (UInt64.max >> (64 - 8 * first))
                return (index + first, (high | (word & before)) & highs != 0)
            }
            high |= word
            index += 8
        }
        var nonASCII = high & highs != 0
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            if byte >= 0x80 { nonASCII = true }
            index += 1
        }
        return (index, nonASCII)
    }
}
