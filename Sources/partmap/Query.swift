import ArgumentParser
import Foundation
import GeoJSON
import PROJKit
import Participation
import Store

struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Projects in an area, matching filters, a page at a time.",
        discussion: """
            Areas and filters match the public view: public positions and regions, never stored \
            ones, unless --internal is given. Results are in byte order of their ids unless \
            --sort says otherwise.
            With --crs other than CRS84, GeoJSON output is no longer RFC 7946: it carries the \
            2008-style member "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::N"}}, \
            which GDAL and QGIS read; CSV's lon and lat columns then hold x and y.
            """)

    enum Format: String, CaseIterable {
        case geojson, geojsonseq, csv, table
    }

    @OptionGroup var source: SourceOptions

    @OptionGroup(title: "Area") var area: AreaOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @OptionGroup(title: "Page") var page: PageOptions

    @Flag(help: "Include internal projects, at their stored positions.")
    var `internal` = false

    @Option(help: Choice.help("The output format.", Format.self), transform: Choice.parser())
    var format: Format = .geojson

    @Option(help: ArgumentHelp("Output coordinates in this CRS (see above).", valueName: "EPSG:N"))
    var crs: String?

    @OptionGroup var data: DataOptions

    func run() async throws {
        let atlas = try data.atlas()
        var query = try ProjectQuery(area: area, filters: filters, includeInternal: `internal`, atlas: atlas)
        query.limit = page.limit
        query.offset = page.offset
        query.sort = page.sort
        let target = try crs.map(CRS.parseOption)

        let result = try await source.answer(query, atlas: atlas)
        let output = try OutputFeatures(projects: result.projects, includeExtra: `internal`, crs: target)
        switch format {
        case .geojson: print(output.geoJSON, terminator: "")
        case .geojsonseq: try output.writeSequence()
        case .csv: print(output.csv, terminator: "")
        case .table: print(output.table, terminator: "")
        }
    }
}
