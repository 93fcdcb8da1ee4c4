import GeoJSON
import Regions

/// A project as a compact binary record, so that a store reads it back without parsing JSON: the
/// same project `Project(stored:)` reads back from the feature
/// `feature(includeDerived: true, includeExtra: true)` writes, `updated` apart (stores keep it in a
/// column of its own).
///
/// Layout, version 1, in this order:
/// - one byte: the version, 1;
/// - texts: the LEB128 count of their UTF-8 bytes, then the bytes; an optional text counts one
///   more, and 0 is nil;
/// - enums: one byte, the case's index in `allCases`; lists: a LEB128 count, then the items;
/// - optional numbers: one byte (0 absent, 1 present), then 8 bytes little-endian (an `Int` as
///   two's complement Int64, a `Double` as its IEEE 754 bits, so positions come back exactly);
/// - fields: id, title, organisation, description?, url?, initiative?, participationLevel,
///   participantGroups, sector, purposes, countries, city?, startYear?, endYear?,
///   locationPrecision, visibility, sources, longitude?, latitude?, then the derived areas
///   (a presence byte; country?, then region, sub-region and intermediate region, each a
///   presence byte, code and name), then the extra properties as JSON text (empty for none).
extension Project {
    /// The version byte `compactRecord()` writes first.
    public static let compactRecordVersion: UInt8 = 1

    /// The project as a compact binary record (layout above).
    public func compactRecord() -> [UInt8] {
        var out = CompactWriter()
        out.bytes.reserveCapacity(256 + (description?.utf8.count ?? 0))
        out.bytes.append(Self.compactRecordVersion)
        out.text(id)
        out.text(title)
        out.text(organisation)
        out.optionalText(description)
        out.optionalText(url)
        out.optionalText(initiative)
        out.choice(participationLevel)
        out.count(participantGroups.count)
        for group in participantGroups { out.choice(group) }
        out.choice(sector)
        out.count(purposes.count)
        for purpose in purposes { out.choice(purpose) }
        out.count(countries.count)
        for country in countries { out.text(country) }
        out.optionalText(city)
        out.number(startYear.map { UInt64(bitPattern: Int64($0)) })
        out.number(endYear.map { UInt64(bitPattern: Int64($0)) })
        out.choice(locationPrecision)
        out.choice(visibility)
        out.count(sources.count)
        for source in sources { out.text(source) }
        out.number(position.map { $0.longitude.bitPattern })
        out.number(position.map { $0.latitude.bitPattern })
        // The stored feature writes no area of an assignment without any, and reads back none.
        let areas = derived == RegionAssignment(country: nil, region: nil, subregion: nil, intermediateRegion: nil) ? nil : derived
        out.bytes.append(areas == nil ? 0 : 1)
        if let areas {
            out.optionalText(areas.country)
            for area in [areas.region, areas.subregion, areas.intermediateRegion] {
                out.bytes.append(area == nil ? 0 : 1)
                if let area {
                    out.text(area.code)
                    out.text(area.name)
                }
            }
        }
        // Only the extra members the feature keeps: those that do not shadow a written property.
        var kept = JSONObject()
        if !extra.members.isEmpty {
            let written = feature(includeDerived: true, includeExtra: false).properties ?? JSONObject()
            kept = JSONObject(extra.filter { written[$0.key] == nil && $0.key != "updated" })
        }
        out.text(kept.members.isEmpty ? "" : GeoJSONWriter().write(.object(kept)))
        return out.bytes
    }

    /// A record `compactRecord()` wrote, read back; nil if the bytes are not one.
    public init?(compactRecord bytes: UnsafeRawBufferPointer) {
        var input = CompactReader(bytes: bytes)
        guard input.byte() == Self.compactRecordVersion,
              let id = input.text(), let title = input.text(), let organisation = input.text(),
              let description = input.optionalText(), let url = input.optionalText(), let initiative = input.optionalText(),
              let level: ParticipationLevel = input.choice(),
              let groups: [ParticipantGroup] = input.list({ $0.choice() }), let sector: Sector = input.choice(),
              let purposes: [Purpose] = input.list({ $0.choice() }), let countries = input.list({ $0.text() }),
              let city = input.optionalText(), let startYear = input.number(), let endYear = input.number(),
              let precision: LocationPrecision = input.choice(), let visibility: Visibility = input.choice(),
              let sources = input.list({ $0.text() }), let longitude = input.number(), let latitude = input.number(),
              let derived = input.areas(), let extraText = input.text(), input.atEnd
        else { return nil }
        var extra = JSONObject()
        if !extraText.isEmpty {
            guard case .object(let object)? = try? JSONParser.parse(extraText) else { return nil }
            extra = object
        }
        var position: Position?
        if let longitude, let latitude {
            position = Position(longitude: Double(bitPattern: longitude), latitude: Double(bitPattern: latitude))
        }
        self.init(
            id: id, title: title, organisation: organisation, description: description, url: url, initiative: initiative,
            participationLevel: level, participantGroups: groups, sector: sector, purposes: purposes, countries: countries,
            city: city, startYear: startYear.map { Int(Int64(bitPattern: $0)) }, endYear: endYear.map { Int(Int64(bitPattern: $0)) },
            locationPrecision: precision, visibility: visibility, sources: sources, position: position, derived: derived,
            extra: extra)
    }
}

/// Appends the parts of a compact record.
private struct CompactWriter {
    var bytes: [UInt8] = []

    mutating func count(_ value: Int) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func text(_ value: String) {
        count(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalText(_ value: String?) {
        guard let value else { return count(0) }
        count(value.utf8.count + 1)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func choice<Value: CaseIterable & Equatable>(_ value: Value) where Value.AllCases == [Value] {
        bytes.append(UInt8(Value.allCases.firstIndex(of: value)!))
    }

    mutating func number(_ value: UInt64?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Reads the parts of a compact record; each read is nil past the end or on a value out of range.
/// An optional part reads as `.some(nil)` when absent, so that `nil` always means a bad record.
private struct CompactReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func count() -> Int? {
        var value: UInt64 = 0, shift: UInt64 = 0
        while let byte = byte() {
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value <= UInt64(bytes.count) ? Int(value) : nil }
            shift += 7
            guard shift < 64 else { return nil }
        }
        return nil
    }

    private mutating func utf8(_ length: Int) -> String? {
        guard length <= bytes.count - offset else { return nil }
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + length]), as: UTF8.self)
    }

    mutating func text() -> String? {
        guard let length = count() else { return nil }
        return utf8(length)
    }

    mutating func optionalText() -> String?? {
        guard let length = count() else { return nil }
        guard length > 0 else { return .some(nil) }
        return utf8(length - 1).map { .some($0) }
    }

    mutating func choice<Value: CaseIterable>() -> Value? where Value.AllCases == [Value] {
        guard let index = byte(), Int(index) < Value.allCases.count else { return nil }
        return Value.allCases[Int(index)]
    }

    mutating func list<Item>(_ item: (inout CompactReader) -> Item?) -> [Item]? {
        guard let count = count() else { return nil }
        var items: [Item] = []
        items.reserveCapacity(count)
        for _ in 0 ..< count {
            guard let next = item(&self) else { return nil }
            items.append(next)
        }
        return items
    }

    mutating func number() -> UInt64?? {
        switch byte() {
        case 0: return .some(nil)
        case 1:
            guard bytes.count - offset >= 8 else { return nil }
            defer { offset += 8 }
            return .some(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        default: return nil
        }
    }

    mutating func areas() -> RegionAssignment?? {
        switch byte() {
        case 0: return .some(nil)
        case 1:
            guard let country = optionalText() else { return nil }
            var found: [M49Area?] = []
            for _ in 0 ..< 3 {
                switch byte() {
                case 0: found.append(nil)
                case 1:
                    guard let code = text(), let name = text() else { return nil }
                    found.append(M49Area(code: code, name: name))
                default: return nil
                }
            }
            return .some(RegionAssignment(country: country, region: found[0], subregion: found[1], intermediateRegion: found[2]))
        default: return nil
        }
    }
}
