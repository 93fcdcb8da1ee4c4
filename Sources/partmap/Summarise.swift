import ArgumentParser
import GeoJSON
import Participation
import Publishing
import Store

struct Summarise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Count projects by region, country and taxonomy, with totals and shares.",
        discussion: """
            KEY is one of \(SummaryKey.allCases.map(\.rawValue).joined(separator: ", ")); several keys \
            give a row per combination. Projects are counted where the public sees them; projects \
            not mapped (locationPrecision none) count under the region "No location"; projects mapped \
            outside every country (a point at sea) under "No country". --format geojson shows the \
            country polygons of the asked area only, each with its count, share, levels and one field \
            per level (consultation, collaboration, coProduction, led).
            """)

    enum Format: String, CaseIterable {
        case json, csv, geojson, table
    }

    @Option(name: .customLong("by"), help: Choice.help("Keys to group by, comma-separated, at most 4.", SummaryKey.self, valueName: "KEY[,KEY...]"))
    var by: String

    @OptionGroup var source: SourceOptions

    @OptionGroup(title: "Area") var area: AreaOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(help: Choice.help("Count projects or initiatives (an initiative at several sites counts once).", SummaryCount.self),
            transform: Choice.parser())
    var count: SummaryCount = .projects

    @Flag(help: "List every region (and value) of the keys, with a count of 0 where there is none.")
    var allRegions = false

    @Flag(help: "Include internal projects, at their stored positions.")
    var `internal` = false

    @Option(help: Choice.help("geojson is country polygons with counts, for a choropleth: needs --by country.", Format.self),
            transform: Choice.parser())
    var format: Format = .json

    @OptionGroup var data: DataOptions

    func validate() throws {
        let keys = try keys()
        if format == .geojson && keys != [.country] {
            throw ValidationError("--format geojson: expected --by country (a choropleth of countries), found --by \(by)")
        }
    }

    private func keys() throws -> [SummaryKey] {
        try by.split(separator: ",", omittingEmptySubsequences: false).map { name in
            let name = name.trimmingCharacters(in: .whitespaces)
            return try Choice.value(name, flag: "--by") as SummaryKey
        }
    }

    func run() async throws {
        // The M49 table names what a store's columns count; the boundaries and the gazetteer are
        // read only when projects are read, for a choropleth, or by a store that must migrate.
        let atlas = try data.atlas(loadingNow: false)
        let query = try ProjectQuery(area: area, filters: filters, includeInternal: `internal`, atlas: atlas)
        let keys = try keys()
        let fromColumns = source.from == nil && query.area == nil && query.filter == ProjectFilter()
        if !fromColumns || format == .geojson { try data.load(atlas) }
        // A choropleth also counts by country and level, for its fields per level.
        let keySets = format == .geojson ? [keys, [.country, .level]] : [keys]
        let summaries: [Summary]
        if source.from == nil {
            summaries = try await source.storeOptions.with(places: atlas) { store in
                var made: [Summary] = []
                for keys in keySets {
                    made.append(try await Summary.of(query, in: store, keys: keys, count: count, allRegions: allRegions, atlas: atlas))
                }
                return made
            }
        } else {
            let views = try await source.answer(query, atlas: atlas).projects
            summaries = keySets.map { Summary(views: views, keys: $0, count: count, allRegions: allRegions, atlas: atlas) }
        }
        let summary = summaries[0]
        switch format {
        case .json: print(GeoJSONWriter().write(summary.json))
        case .csv: print(summary.csv, terminator: "")
        case .geojson:
            print(GeoJSONWriter().write(summary.choropleth(boundaries: try atlas.boundaries, levels: summaries[1], area: query.area)))
        case .table: print(summary.table, terminator: "")
        }
    }
}
