#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A GeoJSON FeatureCollection file read a few megabytes at a time and cut between features,
/// each piece handed over as a FeatureCollection document of its own, so that the file is never
/// in memory whole. The cuts follow JSON's syntax (RFC 8259: strings with their escapes, nesting)
/// without checking it: a piece is checked when it is read as a document.
///
/// Only a file laid out as `{"type": "FeatureCollection", "features": [ … ] }` (any whitespace
/// between tokens, no other member) is cut. Anything else — another member, an empty array, a
/// separator with no feature before it, an end in the wrong place, a file that cannot be read —
/// and `pieces` answers false: such a file is to be read whole, which reports every problem in
/// its place.
struct FeaturePieces {
    /// What each piece starts with, before its features.
    static let opening = Array(#"{"type":"FeatureCollection","features":["#.utf8)
    let path: String
    /// A piece is cut after the first feature that takes it to this many bytes.
    var pieceBytes = 8 << 20
    /// How many bytes one read of the file asks for.
    var blockBytes = 4 << 20

    /// Calls `body` with each piece (a whole document), in file order, until it returns false.
    /// - Returns: whether the file was laid out as a plain collection and cut to its end, with
    ///   every piece taken; `body` may have been called before false is returned.
    func pieces(_ body: (UnsafeRawBufferPointer) throws -> Bool) rethrows -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var data: [UInt8] = []
        var ended = false
        /// Reads one more block; false at the end of the file or on a read error.
        func more() -> Bool {
            guard !ended else { return false }
            let old = data.count
            data.append(contentsOf: repeatElement(0, count: blockBytes))
            let n = data.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, blockBytes) }
            data.removeLast(blockBytes - max(n, 0))
            if n <= 0 { ended = true }
            return n > 0
        }
        // The opening, token by token.
        var at = 0
        func skipSpace() -> Bool {
            while true {
                while at < data.count, [0x20, 0x09, 0x0A, 0x0D].contains(data[at]) { at += 1 }
                if at < data.count { return true }
                guard more() else { return false }
            }
        }
        func token(_ text: String) -> Bool {
            guard skipSpace() else { return false }
            for byte in text.utf8 {
                guard at < data.count || more(), data[at] == byte else { return false }
                at += 1
            }
            return true
        }
        for text in ["{", "\"type\"", ":", "\"FeatureCollection\"", ",", "\"features\"", ":", "["] {
            guard token(text) else { return false }
        }
        // The features: a cut at each ',' or ']' outside strings and nesting.
        var piece: [UInt8] = []
        var start = at, depth = 0, inString = false, escaped = false, content = false
        var closed = false
        func emit(upTo end: Int) throws -> Bool {
            piece.removeAll(keepingCapacity: true)
            piece += Self.opening
            piece += data[start ..< end]
            piece += Array("]}".utf8)
            let go = try piece.withUnsafeBytes { try body($0) }
            start = end + 1
            return go
        }
        scanning: while !closed {
            if at == data.count {
                // Only the unread part of the piece stays.
                if start > 0 {
                    data.removeSubrange(0 ..< start)
                    at -= start
                    start = 0
                }
                guard more() else { return false }
            }
            let byte = data[at]
            at += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                content = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                content = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth > 0 {
                    depth -= 1
                    continue scanning
                }
                guard byte == UInt8(ascii: "]"), content else { return false }
                closed = true
                guard try emit(upTo: at - 1) else { return false }
            case UInt8(ascii: ","):
                guard content else { return false }
                guard depth == 0 else { continue scanning }
                content = false
                if at - 1 - start >= pieceBytes {
                    guard try emit(upTo: at - 1) else { return false }
                }
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            default:
                content = true
            }
        }
        // Nothing but the collection's '}' after the array.
        guard token("}") else { return false }
        while true {
            while at < data.count {
                guard [0x20, 0x09, 0x0A, 0x0D].contains(data[at]) else { return false }
                at += 1
            }
            guard more() else { return true }
        }
    }
}
