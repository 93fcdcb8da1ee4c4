import ArgumentParser
import Foundation
import GEOSKit
import GeoJSON
import Participation
import Regions
import Store

/// The command line's AREA (README): at most one of these.
struct AreaOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A box; WEST > EAST crosses the antimeridian. Write --bbox=-60,-10,-50,0 when it starts with a minus.", valueName: "W,S,E,N"))
    var bbox: String?

    @Option(help: ArgumentHelp("A polygon or multipolygon: WKT, or a GeoJSON file.", valueName: "FILE_OR_WKT"))
    var within: String?

    @Option(help: ArgumentHelp("The centre of a circle (with --radius-km).", valueName: "LON,LAT"))
    var near: String?

    @Option(name: .customLong("radius-km"), help: ArgumentHelp("The circle's radius, great-circle km.", valueName: "R"))
    var radiusKm: Double?

    @Option(help: ArgumentHelp("A country, by ISO 3166-1 alpha-2 code.", valueName: "ALPHA2"))
    var country: String?

    @Option(help: ArgumentHelp("A UN M49 region, sub-region or intermediate region, by name or code.", valueName: "NAME_OR_M49_CODE"))
    var region: String?

    func area(atlas: Atlas) throws -> Area? {
        let given = [bbox.map { _ in "--bbox" }, within.map { _ in "--within" }, near.map { _ in "--near" },
                     country.map { _ in "--country" }, region.map { _ in "--region" }].compactMap { $0 }
        guard given.count <= 1 else {
            throw ValidationError("expected one area, found \(given.joined(separator: " and "))")
        }
        if radiusKm != nil && near == nil { throw ValidationError("--radius-km: expected --near with it, found none") }
        if let bbox { return .bbox(try Self.box(bbox)) }
        if let near {
            let numbers = try Self.numbers(near, count: 2, flag: "--near", expected: "LON,LAT")
            guard let radius = radiusKm else { throw ValidationError("--near: expected --radius-km with it, found none") }
            guard radius > 0, radius.isFinite else { throw ValidationError("--radius-km: expected a distance above 0, found \(radius)") }
            return .circle(center: try Self.position(numbers[0], numbers[1], flag: "--near"), radiusKm: radius)
        }
        if let country {
            guard atlas.isCountryCode(country) else {
                throw ValidationError("--country: expected an ISO 3166-1 alpha-2 code, found \"\(country)\"")
            }
            return .country(country)
        }
        if let region {
            guard let area = atlas.m49Area(region) else {
                let names = atlas.m49Areas.map(\.name)
                let nearest = names.sorted { Self.distance($0.lowercased(), region.lowercased()) < Self.distance($1.lowercased(), region.lowercased()) }
                throw ValidationError("--region: expected an M49 region name or code, found \"\(region)\"; nearest: \(nearest.prefix(3).joined(separator: ", "))")
            }
            return .region(area)
        }
        if let within { return .polygon(try Self.polygon(within)) }
        return nil
    }

    static func numbers(_ text: String, count: Int, flag: String, expected: String) throws -> [Double] {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == count, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw ValidationError("\(flag): expected \(expected) (\(count) numbers), found \"\(text)\"")
        }
        return numbers.map { $0! }
    }

    static func position(_ lon: Double, _ lat: Double, flag: String) throws -> Position {
        guard (-180 ... 180).contains(lon) else { throw ValidationError("\(flag): expected a longitude in -180..180, found \(JSONNumber.format(lon))") }
        guard (-90 ... 90).contains(lat) else { throw ValidationError("\(flag): expected a latitude in -90..90, found \(JSONNumber.format(lat))") }
        return Position(longitude: lon, latitude: lat)
    }

    static func box(_ text: String) throws -> BoundingBox {
        let n = try numbers(text, count: 4, flag: "--bbox", expected: "W,S,E,N")
        let southWest = try position(n[0], n[1], flag: "--bbox"), northEast = try position(n[2], n[3], flag: "--bbox")
        guard southWest.latitude <= northEast.latitude else {
            throw ValidationError("--bbox: expected SOUTH <= NORTH, found \(JSONNumber.format(n[1])) > \(JSONNumber.format(n[3]))")
        }
        return BoundingBox(west: n[0], south: n[1], east: n[2], north: n[3])
    }

    /// WKT when it reads as WKT, else a GeoJSON file; a polygon GEOS finds invalid is refused with its reason.
    static func polygon(_ text: String) throws -> Geometry {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return try ContextPool.shared.withContext { context in
            let shape: GEOSGeometry
            if trimmed.uppercased().hasPrefix("POLYGON") || trimmed.uppercased().hasPrefix("MULTIPOLYGON") {
                do { shape = try context.geometry(wkt: trimmed) } catch {
                    throw ValidationError("--within: expected a WKT polygon, found an error: \(error)")
                }
            } else {
                let (collection, problems) = GeoJSONReader(file: trimmed).readFile(trimmed)
                guard let collection, problems.allSatisfy(\.isWarning) else {
                    throw ValidationError("--within: \(problems.map(\.description).joined(separator: "; "))")
                }
                let parts = collection.features.compactMap(\.geometry).flatMap { geometry -> [[[Position]]] in
                    switch geometry {
                    case .polygon(let rings): [rings]
                    case .multiPolygon(let polygons): polygons
                    default: []
                    }
                }
                guard !parts.isEmpty else { throw ValidationError("--within: expected a Polygon or MultiPolygon in \(trimmed), found none") }
                shape = try context.geometry(from: parts.count == 1 ? .polygon(parts[0]) : .multiPolygon(parts))
            }
            guard shape.typeName == "Polygon" || shape.typeName == "MultiPolygon" else {
                throw ValidationError("--within: expected a Polygon or MultiPolygon, found a \(shape.typeName)")
            }
            guard try shape.isValid else {
                throw ValidationError("--within: expected a valid polygon, found one GEOS rejects: \(try shape.validityReason)")
            }
            return try shape.geoJSON
        }
    }

    /// Levenshtein distance, for suggesting the names nearest a misspelt one.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0 ... b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The command line's FILTERS (README): OR within a flag, AND across flags.
struct FilterOptions: ParsableArguments {
    @Option(help: "A participation level (repeatable).") var level: [String] = []
    @Option(help: "A participant group (repeatable).") var group: [String] = []
    @Option(help: "A sector (repeatable).") var sector: [String] = []
    @Option(help: "A purpose (repeatable).") var purpose: [String] = []
    @Option(name: .customLong("active-in"), help: ArgumentHelp("Active in this year (repeatable).", valueName: "YEAR")) var activeIn: [Int] = []
    @Option(help: ArgumentHelp("Text in title, organisation or description, any case (repeatable).", valueName: "Q")) var text: [String] = []

    func filter() throws -> ProjectFilter {
        var filter = ProjectFilter()
        filter.levels = Set(try level.map { try Self.term($0, flag: "--level") })
        filter.groups = Set(try group.map { try Self.term($0, flag: "--group") })
        filter.sectors = Set(try sector.map { try Self.term($0, flag: "--sector") })
        filter.purposes = Set(try purpose.map { try Self.term($0, flag: "--purpose") })
        filter.activeIn = activeIn
        filter.text = text
        return filter
    }

    static func term<T: RawRepresentable<String> & CaseIterable>(_ value: String, flag: String) throws -> T {
        guard let term = T(rawValue: value) else {
            throw ValidationError("\(flag): expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(value)\"")
        }
        return term
    }
}

extension SortKey: ExpressibleByArgument {}

/// The command line's PAGE (README).
struct PageOptions: ParsableArguments {
    @Option(help: "At most this many projects (no limit without it).") var limit: Int?
    @Option(help: "Skip this many first.") var offset = 0
    @Option(help: "id, title or updated (byte order of UTF-8).") var sort = SortKey.id

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit: expected 0 or more, found \(limit)") }
        if offset < 0 { throw ValidationError("--offset: expected 0 or more, found \(offset)") }
    }
}

extension ProjectQuery {
    /// The query the area and filter options describe, over the public view unless `includeInternal`.
    init(area: AreaOptions, filters: FilterOptions, includeInternal: Bool, atlas: Atlas) throws {
        self.init()
        self.area = try area.area(atlas: atlas)
        filter = try filters.filter()
        self.includeInternal = includeInternal
    }
}
