import ArgumentParser
import Foundation
import Participation
import Publishing
import Regions
import Store

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish the public view: GeoJSON, summaries, vector tiles, PMTiles, MBTiles, TileJSON and the web map.",
        discussion: """
            Writes projects.geojson, summaries.json and .csv, regions.geojson, the tile archives of \
            --formats (projects.pmtiles by default; projects.mbtiles; tiles/{z}/{x}/{y}.mvt), tilejson.json, \
            index.html with assets/ (the web map, which opens from the folder), and manifest.json. \
            The site is built in a folder beside DIR and swapped with DIR in one step, so DIR always holds \
            a whole site, old or new, even if publish fails or is killed; the next run removes what a \
            killed one left. An existing DIR that is not a partmap site is refused unless --force. \
            Building twice from the same store gives the same bytes.
            """)

    @Option(help: ArgumentHelp("The folder to write (replaced whole).", valueName: "DIR"))
    var out: String

    @Flag(help: "Replace DIR even when it is not a partmap site (its files are deleted).")
    var force = false

    @Option(help: "The lowest zoom of the tiles.")
    var minZoom = 0

    @Option(help: "The highest zoom of the tiles (at most 16, where clustering ends).")
    var maxZoom = 14

    @Option(help: ArgumentHelp("Where the tiles will be served: TileJSON's tiles are URL/tiles/{z}/{x}/{y}.mvt (default http://localhost:8080, with a warning).", valueName: "URL"))
    var baseURL: String?

    @Option(help: ArgumentHelp("The tile archives to write, comma-separated: pmtiles, mbtiles, dir (tiles/{z}/{x}/{y}.mvt). The web map needs none of them.", valueName: "LIST"))
    var formats = "pmtiles"

    @Option(help: ArgumentHelp("The dataset's licence, named in the attribution.", valueName: "TEXT"))
    var license = "CC BY 4.0"

    @OptionGroup var source: SourceOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (0 ... 16).contains(minZoom) else { throw ValidationError("--min-zoom: expected 0 to 16, found \(minZoom)") }
        guard (minZoom ... 16).contains(maxZoom) else { throw ValidationError("--max-zoom: expected \(minZoom) to 16, found \(maxZoom)") }
        if let baseURL {
            guard let url = URL(string: baseURL), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw ValidationError("--base-url: expected an http or https URL, found \"\(baseURL)\"")
            }
        }
        _ = try tileFormats()
    }

    func tileFormats() throws -> Set<TileFormat> {
        var chosen = Set<TileFormat>()
        for name in formats.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let format = TileFormat(rawValue: name.lowercased()) else {
                throw ValidationError("--formats: expected pmtiles, mbtiles or dir, found \"\(name)\""
                    + NearestNames.didYouMean(name, among: ["pmtiles", "mbtiles", "dir"]))
            }
            chosen.insert(format)
        }
        return chosen
    }

    func run() async throws {
        // DIR is checked first: a refusal costs nothing and says nothing else.
        let folder: SiteFolder
        do { folder = try SiteFolder(out, force: force) } catch {
            FileStandardError.write("\(error)\n")
            throw ExitCode(ExitStatus.badUsage)
        }
        var options = SiteOptions()
        options.tiles = TileOptions(minZoom: minZoom, maxZoom: maxZoom)
        options.baseURL = baseURL ?? options.baseURL
        options.license = license
        options.formats = try tileFormats()
        let views: [Project], atlas: Atlas
        do {
            atlas = try data.atlas()
            views = try await source.answer(ProjectQuery(), atlas: atlas).projects
        } catch {
            folder.abandon()
            throw error
        }
        // Once the projects are in hand: a store that cannot be read is the only thing said.
        if baseURL == nil {
            FileStandardError.write("--base-url: warning: not given: tilejson.json's tiles point at \(options.baseURL)/tiles/{z}/{x}/{y}.mvt\n")
        }
        let building = folder.building
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        do {
            try Site.write(views: views, atlas: atlas, options: options, into: building, progress: progress.show)
        } catch {
            progress.finish()
            folder.abandon()
            FileStandardError.write("\(out): cannot write the site: \(error)\n")
            throw ExitCode(ExitStatus.badUsage)
        }
        progress.finish()
        do { try folder.commit() } catch {
            FileStandardError.write("\(error)\n")
            throw ExitCode(ExitStatus.badUsage)
        }
        let count = views.count
        FileStandardError.write("\(out): \(count) projects published (\(views.filter { $0.position != nil }.count) on the map)\n")
    }
}

/// A status line on stderr with the share done and the time left, redrawn in place, only on a terminal.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private var drawn = false
    private let start = Date()

    init(enabled: Bool) { self.enabled = enabled }

    /// Shows `done` (0 to 1) as a percentage, the time left at the rate so far, and `step`.
    func show(_ done: Double, _ step: String) {
        guard enabled else { return }
        drawn = true
        let elapsed = Date().timeIntervalSince(start)
        let left = done > 0 ? max(0, elapsed / done - elapsed) : 0
        let time = left >= 60 ? "\(Int(left) / 60) min \(Int(left) % 60) s" : "\(Int(left.rounded())) s"
        FileStandardError.write("\r\u{1B}[K" + "\(Int((done * 100).rounded()))% · \(time) left · \(step)")
    }

    func finish() {
        if drawn { FileStandardError.write("\n") }
        drawn = false
    }
}
