/// Finds where each element of a large JSON array starts and ends without parsing it, so that the
/// elements can be parsed on several threads. It only tracks nesting and strings; the parsers
/// check everything else. Anything it cannot make sense of gives nil, and the caller reads the
/// array one element at a time instead, which reports the exact error.
enum ElementScanner {
    struct Elements {
        /// Offset of each element's first byte.
        var starts: [Int]
        /// Offset of the ',' after each element but the array's last.
        var separators: [Int]
        /// Offset of the array's closing ']'; -1 when a scan stopped at `limit` elements before it.
        var closing: Int
        /// Offset just after the closing ']'.
        var end: Int { closing + 1 }
        /// Whether the scan reached the array's end.
        var isLast: Bool { closing >= 0 }
        /// Offset of the byte just after element `i`: its separator, or the closing ']'.
        func end(of i: Int) -> Int { i < separators.count ? separators[i] : closing }
    }

    /// - Parameters:
    ///   - offset: just after the array's '[', or just after a ',' between its elements.
    ///   - limit: the most elements to find: a scan that finds them stops at the ',' after the
    ///     last (`closing` -1); the next scan goes on just after it.
    static func elements(of bytes: UnsafeRawBufferPointer, from offset: Int, limit: Int = .max) -> Elements? {
        var starts: [Int] = [], separators: [Int] = []
        var index = offset
        var depth = 0
        var expectingElement = true
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            case UInt8(ascii: "\""):
                if expectingElement { starts.append(index); expectingElement = false }
                index += 1
                while true {
                    index = ByteScan.plainRun(in: bytes, from: index, to: bytes.count).stop
                    guard index < bytes.count else { return nil }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") { break }
                    // An escape skips the byte after it; a control character is the parser's to report.
                    index += byte == UInt8(ascii: "\\") ? 2 : 1
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if expectingElement { starts.append(index); expectingElement = false }
                depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                guard depth >= 0 else { return nil }
            case UInt8(ascii: "]"):
                if depth == 0 {
                    guard !expectingElement else { return nil }  // "[1,]": let the parser say so
                    return Elements(starts: starts, separators: separators, closing: index)
                }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 {
                    guard !expectingElement else { return nil }
                    separators.append(index)
                    if starts.count == limit { return Elements(starts: starts, separators: separators, closing: -1) }
                    expectingElement = true
                }
            default:
                if expectingElement { starts.append(index); expectingElement = false }
            }
            index += 1
        }
        return nil
    }
}
