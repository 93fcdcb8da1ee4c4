/// Facet counts kept in the store beside the change version they were counted at, so that a
/// summary asked again before the next write reads one row instead of grouping every project.
/// A row counted at an older version is never read: each write moves the version on.
///
/// The counts are kept as bytes, row after row: four optional texts (the areas), one byte of
/// flags (1 unplaced, 2 mapped), level? and sector?, groups and purposes (joined by ";", as their
/// columns hold them), member?, then the count. A text is its LEB128 UTF-8 byte count, then the
/// bytes; an optional text counts one more, and 0 is nil; the count is LEB128.
public enum FacetCountCache {
    /// The row that holds the counts of these facets over this view.
    public static func key(_ facets: Set<ProjectFacet>, includeInternal: Bool) -> String {
        (includeInternal ? "internal:" : "public:") + facets.map(\.rawValue).sorted().joined(separator: ",")
    }

    /// The counts as bytes (layout above).
    public static func encode(_ counts: [FacetCount]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(counts.count * 32)
        func number(_ value: Int) {
            var rest = UInt64(value)
            while rest >= 0x80 {
                out.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            out.append(UInt8(rest))
        }
        func text(_ value: String) {
            number(value.utf8.count)
            out.append(contentsOf: value.utf8)
        }
        func optional(_ value: String?) {
            guard let value else { return number(0) }
            number(value.utf8.count + 1)
            out.append(contentsOf: value.utf8)
        }
        for row in counts {
            for area in [row.country, row.region, row.subregion, row.intermediate] { optional(area) }
            out.append((row.unplaced ? 1 : 0) | (row.mapped ? 2 : 0))
            optional(row.level)
            optional(row.sector)
            text(row.groups.joined(separator: ";"))
            text(row.purposes.joined(separator: ";"))
            optional(row.member)
            number(row.count)
        }
        return out
    }

    /// Counts `encode` wrote, read back; nil if the bytes are not such counts.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> [FacetCount]? {
        var offset = 0
        func number() -> Int? {
            var value: UInt64 = 0, shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value <= UInt64(Int.max) ? Int(value) : nil }
                shift += 7
            }
            return nil
        }
        func utf8(_ length: Int) -> String? {
            guard length <= bytes.count - offset else { return nil }
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + length]), as: UTF8.self)
        }
        func optional() -> String?? {
            guard let length = number() else { return nil }
            return length == 0 ? .some(nil) : utf8(length - 1).map { .some($0) }
        }
        var counts: [FacetCount] = []
        while offset < bytes.count {
            guard let country = optional(), let region = optional(), let subregion = optional(), let intermediate = optional(),
                  offset < bytes.count
            else { return nil }
            let flags = bytes[offset]
            offset += 1
            guard flags < 4, let level = optional(), let sector = optional(), let groupsLength = number(), let groups = utf8(groupsLength),
                  let purposesLength = number(), let purposes = utf8(purposesLength), let member = optional(), let count = number()
            else { return nil }
            counts.append(FacetCount(country: country, region: region, subregion: subregion, intermediate: intermediate,
                                     unplaced: flags & 1 != 0, mapped: flags & 2 != 0, level: level, sector: sector,
                                     groups: groups, purposes: purposes, member: member, count: count))
        }
        return counts
    }
}
