import ArgumentParser
import Foundation
import GEOSKit
import GeoJSON
import Participation
import Regions
import Store

/// The command line's AREA (README): at most one of these.
struct AreaOptions: ParsableArguments {
    // `.unconditional`: the value is the next argument even when it starts with a minus, as GIS
    // users write boxes and points (`--bbox -10,-20,40,30`, GDAL's `-spat`).
    @Option(parsing: .unconditional, help: ArgumentHelp("A box in degrees; WEST > EAST crosses the antimeridian (e.g. --bbox -10,-20,40,30).", valueName: "W,S,E,N"))
    var bbox: String?

    @Option(help: ArgumentHelp("A polygon or multipolygon: WKT, or a GeoJSON file.", valueName: "FILE_OR_WKT"))
    var within: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The centre of a circle, in degrees (with --radius-km; e.g. --near -77.04,-12.04).", valueName: "LON,LAT"))
    var near: String?

    @Option(name: .customLong("radius-km"), help: ArgumentHelp("The circle's radius, great-circle km.", valueName: "R"))
    var radiusKm: Double?

    @Option(help: ArgumentHelp("A country: ISO 3166-1 alpha-2 or alpha-3 code, or English name, any case (KE, KEN, Kenya).", valueName: "COUNTRY"))
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
            guard let code = atlas.countryCode(named: country) else {
                throw ValidationError("--country: expected an ISO 3166-1 alpha-2 or alpha-3 code or an English country name, found \"\(country)\""
                    + Self.countrySuggestion(country, atlas: atlas))
            }
            return .country(code)
        }
        if let region {
            guard let area = atlas.m49Area(region) else {
                let names = atlas.m49Areas.map(\.name)
                let nearest = names.sorted { Choice.distance($0.lowercased(), region.lowercased()) < Choice.distance($1.lowercased(), region.lowercased()) }
                throw ValidationError("--region: expected an M49 region name or code, found \"\(region)\"; nearest: \(nearest.prefix(3).joined(separator: ", "))")
            }
            return .region(area)
        }
        if let within { return .polygon(try Self.polygon(within)) }
        return nil
    }

    /// `; did you mean "Kenya" (KE)?` for the countries whose alpha-3 code or name is nearest
    /// `text` (alpha-2 codes are too short to suggest from), or nothing.
    static func countrySuggestion(_ text: String, atlas: Atlas) -> String {
        let countries = atlas.countryNames
        // ISO 3166-1 reserves UK exceptionally, for the United Kingdom, whose code is GB.
        if text.uppercased() == "UK", let kingdom = countries.first(where: { $0.alpha2 == "GB" }) {
            return "; did you mean \"\(kingdom.name)\" (GB)?"
        }
        let near = Set(Choice.nearest(text, among: countries.flatMap { [$0.alpha3, $0.name] }.filter { !$0.isEmpty }))
        let named = countries.filter { near.contains($0.alpha3) || near.contains($0.name) }
        guard !named.isEmpty else { return "" }
        return "; did you mean " + named.map { "\"\($0.name)\" (\($0.alpha2))" }.joined(separator: " or ") + "?"
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
}

/// The command line's FILTERS (README): OR within a flag, AND across flags.
struct FilterOptions: ParsableArguments {
    @Option(help: Choice.help("A participation level (repeatable).", ParticipationLevel.self, valueName: "L")) var level: [String] = []
    @Option(help: Choice.help("A participant group (repeatable).", ParticipantGroup.self, valueName: "G")) var group: [String] = []
    @Option(help: Choice.help("A sector (repeatable).", Sector.self, valueName: "S")) var sector: [String] = []
    @Option(help: Choice.help("A purpose (repeatable).", Purpose.self, valueName: "P")) var purpose: [String] = []
    @Option(name: .customLong("active-in"), help: ArgumentHelp("Active in this year (repeatable).", valueName: "YEAR")) var activeIn: [Int] = []
    @Option(help: ArgumentHelp("Text in title, organisation or description, any case (repeatable).", valueName: "Q")) var text: [String] = []

    func filter() throws -> ProjectFilter {
        var filter = ProjectFilter()
        filter.levels = Set(try level.map { try Choice.value($0, flag: "--level") })
        filter.groups = Set(try group.map { try Choice.value($0, flag: "--group") })
        filter.sectors = Set(try sector.map { try Choice.value($0, flag: "--sector") })
        filter.purposes = Set(try purpose.map { try Choice.value($0, flag: "--purpose") })
        filter.activeIn = activeIn
        filter.text = text
        return filter
    }
}

/// The command line's PAGE (README).
struct PageOptions: ParsableArguments {
    @Option(help: "At most this many projects (no limit without it).") var limit: Int?
    @Option(help: "Skip this many first.") var offset = 0
    @Option(help: Choice.help("The order (byte order of UTF-8).", SortKey.self), transform: Choice.parser()) var sort = SortKey.id

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
