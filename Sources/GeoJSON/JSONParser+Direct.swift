#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cursor a direct decoder (`GeoJSONReader.DirectDecoder`) reads a feature with: tokens one at
/// a time, member names as raw bytes, and no value tree. Any error it throws only makes the
/// decoder decline; the general reader then reads the same bytes and reports.
extension JSONParser {
    /// Consumes `null` if it comes next.
    public mutating func skipNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), offset + 4 <= bytes.count,
              memcmp(bytes.baseAddress! + offset, "null", 4) == 0
        else { return false }
        offset += 4
        return true
    }

    /// The bytes of a string with no escapes (a member name, most often), without its quotes,
    /// consuming it and the ':' after it when `member` is set; nil, consuming nothing, when the
    /// next token is not such a string.
    public mutating func plainString(member: Bool = false) -> UnsafeRawBufferPointer? {
        guard peek() == UInt8(ascii: "\"") else { return nil }
        let start = offset + 1
        let stop = ByteScan.plainRun(in: bytes, from: start, to: bytes.count).stop
        guard stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") else { return nil }
        offset = stop + 1
        if member && !take(UInt8(ascii: ":")) {
            offset = start - 1
            return nil
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start ..< stop])
    }
}
