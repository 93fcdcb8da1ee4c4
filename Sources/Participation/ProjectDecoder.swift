#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GeoJSON
import Regions

/// Reads a feature's bytes straight into a record (`GeoJSONReader.DirectDecoder`): member names
/// are matched by their bytes and values decoded into the record's fields, with no value tree.
/// It accepts only what `FeatureReader` and `ProjectReader` would accept without a single problem
/// (not even a warning), and makes the same record of it; anything else, it declines, and the
/// general path reads the feature and reports every problem in its place. So the two paths
/// cannot disagree on a message, only on speed.
struct ProjectDecoder: Sendable {
    let places: any Places
    let file: String

    /// Why a feature is left to the general path; never shown.
    private struct Decline: Error {}

    /// The record and where it came from, with its id; nil to decline.
    func decode(_ parser: inout JSONParser, index: Int) -> (id: String, value: (Project, FieldLocator))? {
        do {
            let pointer = "/features/" + String(index)
            let project = try feature(&parser)
            return (project.id, (project, FieldLocator.feature(file: file, pointer: pointer)))
        } catch {
            return nil
        }
    }

    private func feature(_ parser: inout JSONParser) throws -> Project {
        guard parser.take(UInt8(ascii: "{")) else { throw Decline() }
        var seen = 0
        var id: String?, position: Position?, fields = Fields()
        repeat {
            guard let key = parser.plainString(member: true) else { throw Decline() }
            let bit: Int
            if key.equals("type") {
                bit = 1
                guard parser.plainString()?.equals("Feature") == true else { throw Decline() }
            } else if key.equals("id") {
                bit = 2
                guard parser.peek() == UInt8(ascii: "\"") else { throw Decline() }
                id = try parser.string()
            } else if key.equals("geometry") {
                bit = 4
                if !parser.skipNull() { position = try point(&parser) }
            } else if key.equals("properties") {
                bit = 8
                fields = try properties(&parser)
            } else {
                throw Decline()
            }
            guard seen & bit == 0 else { throw Decline() }
            seen |= bit
        } while parser.take(UInt8(ascii: ","))
        guard parser.take(UInt8(ascii: "}")), seen == 15, let id else { throw Decline() }
        return try fields.project(id: id, position: position, places: places)
    }

    /// A Point of 2 or 3 finite numbers, longitude and latitude in range.
    private func point(_ parser: inout JSONParser) throws -> Position {
        guard parser.take(UInt8(ascii: "{")) else { throw Decline() }
        var seen = 0
        var numbers: [Double] = []
        repeat {
            guard let key = parser.plainString(member: true) else { throw Decline() }
            if key.equals("type") && seen & 1 == 0 {
                seen |= 1
                guard parser.plainString()?.equals("Point") == true else { throw Decline() }
            } else if key.equals("coordinates") && seen & 2 == 0 {
                seen |= 2
                guard parser.take(UInt8(ascii: "[")) else { throw Decline() }
                repeat {
                    guard let byte = parser.peek(), byte == UInt8(ascii: "-") || byte &- 48 < 10 else { throw Decline() }
                    numbers.append(try parser.number())
                } while numbers.count < 4 && parser.take(UInt8(ascii: ","))
                guard parser.take(UInt8(ascii: "]")) else { throw Decline() }
            } else {
                throw Decline()
            }
        } while parser.take(UInt8(ascii: ","))
        guard parser.take(UInt8(ascii: "}")), seen == 3, numbers.count == 2 || numbers.count == 3,
              numbers.allSatisfy(\.isFinite), (-180 ... 180).contains(numbers[0]), (-90 ... 90).contains(numbers[1])
        else { throw Decline() }
        return Position(longitude: numbers[0], latitude: numbers[1], altitude: numbers.count == 3 ? numbers[2] : nil)
    }

    private func properties(_ parser: inout JSONParser) throws -> Fields {
        guard parser.take(UInt8(ascii: "{")) else { throw Decline() }
        var fields = Fields()
        if parser.take(UInt8(ascii: "}")) { return fields }
        repeat {
            guard let key = parser.plainString(member: true), let field = Property(key) else { throw Decline() }
            guard fields.seen & 1 << field.rawValue == 0 else { throw Decline() }
            fields.seen |= 1 << field.rawValue
            // A null is an absent property, as the record's rules read it.
            if parser.skipNull() { continue }
            switch field {
            case .title: fields.title = try parser.string()
            case .organisation: fields.organisation = try parser.string()
            case .description: fields.description = try parser.string()
            case .url: fields.url = try parser.string()
            case .initiative: fields.initiative = try parser.string()
            case .city: fields.city = try parser.string()
            case .participationLevel: fields.level = try term(&parser)
            case .sector: fields.sector = try term(&parser)
            case .locationPrecision: fields.precision = try term(&parser)
            case .visibility: fields.visibility = try term(&parser)
            case .participantGroups: fields.groups = try list(&parser) { try term(&$0) }
            case .purposes: fields.purposes = try list(&parser) { try term(&$0) }
            case .countries: fields.countries = try list(&parser) { try $0.string() }
            case .sources: fields.sources = try list(&parser) { try $0.string() }
            case .startYear: fields.startYear = try year(&parser)
            case .endYear: fields.endYear = try year(&parser)
            }
        } while parser.take(UInt8(ascii: ","))
        guard parser.take(UInt8(ascii: "}")) else { throw Decline() }
        return fields
    }

    /// A term of the taxonomy, spelled exactly (no escapes).
    private func term<T: RawRepresentable<String> & CaseIterable>(_ parser: inout JSONParser) throws -> T {
        guard let bytes = parser.plainString(),
              let term = T.allCases.first(where: { $0.rawValue.utf8.count == bytes.count && $0.rawValue.utf8.elementsEqual(bytes) })
        else { throw Decline() }
        return term
    }

    /// An array, each element read by `element`; a repeated element is declined (it is warned about).
    private func list<T: Equatable>(_ parser: inout JSONParser, _ element: (inout JSONParser) throws -> T) throws -> [T] {
        guard parser.take(UInt8(ascii: "[")) else { throw Decline() }
        var items: [T] = []
        if parser.take(UInt8(ascii: "]")) { return items }
        repeat {
            guard parser.peek() == UInt8(ascii: "\"") else { throw Decline() }
            let item = try element(&parser)
            guard !items.contains(item) else { throw Decline() }
            items.append(item)
        } while parser.take(UInt8(ascii: ","))
        guard parser.take(UInt8(ascii: "]")) else { throw Decline() }
        return items
    }

    private func year(_ parser: inout JSONParser) throws -> Int {
        guard let byte = parser.peek(), byte == UInt8(ascii: "-") || byte &- 48 < 10,
              let year = Int(exactly: try parser.number()), ProjectReader.yearRange.contains(year)
        else { throw Decline() }
        return year
    }

    /// The properties of the record, by their bit in `Fields.seen`. Any other name is declined:
    /// `updated`, the derived ones and unknown ones are all warned about.
    private enum Property: Int, CaseIterable {
        case title, organisation, description, url, initiative, participationLevel, participantGroups, sector,
             purposes, countries, city, startYear, endYear, locationPrecision, visibility, sources

        init?(_ key: UnsafeRawBufferPointer) {
            let names = Self.names
            guard let field = Self.allCases.first(where: { names[$0.rawValue].count == key.count && key.elementsEqual(names[$0.rawValue]) })
            else { return nil }
            self = field
        }

        private static let names = allCases.map { Array("\($0)".utf8) }
    }

    /// The values read, before the record's rules; nil where absent or null.
    private struct Fields {
        var seen = 0
        var title, organisation, description, url, initiative, city: String?
        var level: ParticipationLevel?, sector: Sector?, precision: LocationPrecision?, visibility: Visibility?
        var groups: [ParticipantGroup]?, purposes: [Purpose]?, countries: [String]?, sources: [String]?
        var startYear, endYear: Int?

        /// The record, if every rule of `ProjectReader` holds without a problem.
        func project(id: String, position: Position?, places: any Places) throws -> Project {
            guard ProjectReader.idProblem(id) == nil,
                  let title, Self.fits(title, "title"), let organisation, Self.fits(organisation, "organisation"),
                  description.map({ Self.fits($0, "description") }) ?? true,
                  url.map({ Self.fits($0, "url") && Checker.isWebURL($0) }) ?? true,
                  initiative.map({ Self.fits($0, "initiative") }) ?? true,
                  city.map({ Self.fits($0, "city") }) ?? true,
                  let level, let groups, !groups.isEmpty, let sector, let precision, let visibility,
                  let sources, !sources.isEmpty, sources.allSatisfy({ Self.fits($0, "sources") }),
                  (countries ?? []).allSatisfy({ places.isCountryCode($0) })
            else { throw Decline() }
            let countries = countries ?? []
            if let startYear, let endYear, endYear < startYear { throw Decline() }
            if let city {
                guard let main = countries.first, try places.cityPoint(named: city, country: main) != nil else { throw Decline() }
            }
            switch precision {
            case .none: guard position == nil else { throw Decline() }
            case .exact: guard position != nil else { throw Decline() }
            case .city: guard city != nil else { throw Decline() }
            case .country: guard !countries.isEmpty else { throw Decline() }
            }
            return Project(
                id: id, title: title, organisation: organisation, description: description, url: url,
                initiative: initiative, participationLevel: level, participantGroups: groups, sector: sector,
                purposes: purposes ?? [], countries: countries, city: city, startYear: startYear, endYear: endYear,
                locationPrecision: precision, visibility: visibility, sources: sources, position: position)
        }

        /// Non-blank and within the property's limit (`TextLimit`).
        private static func fits(_ text: String, _ name: String) -> Bool {
            !text.isBlank && TextLimit.byProperty[name].map { TextLimit.excess(text, limit: $0) == nil } ?? true
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes are the UTF-8 of `text` (an ASCII literal).
    fileprivate func equals(_ text: StaticString) -> Bool {
        count == text.utf8CodeUnitCount && memcmp(baseAddress!, text.utf8Start, count) == 0
    }
}
