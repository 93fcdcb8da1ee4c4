import ArgumentParser
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

    /// The area the flags give, nil for none (Store's `SelectionParser`, which also reads
    /// GeoJSON files for `--within`).
    /// - Throws: `ValidationError` (bad usage) naming the flag, for a bad value or several areas.
    func area(atlas: Atlas) throws -> Area? {
        let values: [SelectionParameter: [String]] = [
            .bbox: bbox.map { [$0] } ?? [], .within: within.map { [$0] } ?? [], .near: near.map { [$0] } ?? [],
            .radiusKm: radiusKm.map { ["\($0)"] } ?? [], .country: country.map { [$0] } ?? [], .region: region.map { [$0] } ?? [],
        ]
        return try SelectionParser.commandLine(atlas).usage { (parser) throws(SelectionError) in try parser.area(values) }
    }
}

extension SelectionParser {
    /// The parser of the command line: parameters spelt as flags, `--within` files read.
    static func commandLine(_ atlas: Atlas) -> SelectionParser {
        SelectionParser(atlas: atlas, readsFiles: true) { "--" + $0.rawValue }
    }

    /// What `body` reads with this parser; a bad value is a usage error (exit 2) whose message is
    /// `FLAG: expected …, found …`.
    func usage<T>(_ body: (SelectionParser) throws(SelectionError) -> T) throws -> T {
        do {
            return try body(self)
        } catch {
            throw ValidationError((error.parameter.map { "\($0): " } ?? "") + error.description)
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

    /// The filters the flags give (Store's `SelectionParser`).
    /// - Throws: `ValidationError` (bad usage) naming the flag and the nearest values.
    func filter(atlas: Atlas) throws -> ProjectFilter {
        let values: [SelectionParameter: [String]] = [
            .level: level, .group: group, .sector: sector, .purpose: purpose, .activeIn: activeIn.map(String.init), .text: text,
        ]
        return try SelectionParser.commandLine(atlas).usage { (parser) throws(SelectionError) in try parser.filter(values) }
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
        filter = try filters.filter(atlas: atlas)
        self.includeInternal = includeInternal
    }
}
