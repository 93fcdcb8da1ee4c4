/// Finds where each element of a large JSON array starts and ends without parsing it, so that the
/// elements can be parsed on several threads. It only tracks nesting and strings; the parsers
/// check everything else. Anything it cannot make sense of gives nil, and the caller reads the
/// array one element at a time instead, which reports the exact error.
enum ElementScanner {
    struct Elements {
        /// Offset of each element's first byte.
        var starts: [Int]
        /// Offset of the ',' after each element but the last.
        var separators: [Int]
        /// Offset of the array's closing ']'.
        var closing: Int
        /// Offset just after the closing ']'.
        var end: Int { closing + 1 }
    }

    /// - Parameter offset: just after the array's '['.
    static func elements(of bytes: UnsafeRawBufferPointer, from offset: Int) -> Elements? {
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
