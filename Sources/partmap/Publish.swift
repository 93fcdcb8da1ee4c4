import ArgumentParser
import Foundation
import Publishing
import Store

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish the public view: GeoJSON, summaries, vector tiles, PMTiles, MBTiles, TileJSON and the web map.",
        discussion: """
            Writes projects.geojson, summaries.json and .csv, regions.geojson, tiles/{z}/{x}/{y}.mvt, \
            projects.pmtiles, projects.mbtiles, tilejson.json, index.html with assets/, and manifest.json. \
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

    @Option(help: ArgumentHelp("Where the tiles will be served: TileJSON's tiles are URL/tiles/{z}/{x}/{y}.mvt.", valueName: "URL"))
    var baseURL = "http://localhost:8080"

    @Option(help: ArgumentHelp("The dataset's licence, named in the attribution.", valueName: "TEXT"))
    var license = "CC BY 4.0"

    @OptionGroup var source: SourceOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (0 ... 16).contains(minZoom) else { throw ValidationError("--min-zoom: expected 0 to 16, found \(minZoom)") }
        guard (minZoom ... 16).contains(maxZoom) else { throw ValidationError("--max-zoom: expected \(minZoom) to 16, found \(maxZoom)") }
        guard let url = URL(string: baseURL), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw ValidationError("--base-url: expected an http or https URL, found \"\(baseURL)\"")
        }
    }

    func run() async throws {
        let atlas = try data.atlas()
        let views = try await source.answer(ProjectQuery(), atlas: atlas).projects
        var options = SiteOptions()
        options.tiles = TileOptions(minZoom: minZoom, maxZoom: maxZoom)
        options.baseURL = baseURL
        options.license = license
        let folder: SiteFolder
        do { folder = try SiteFolder(out, force: force) } catch {
            FileStandardError.write("\(error)\n")
            throw ExitCode(ExitStatus.badUsage)
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

/// A status line on stderr, redrawn in place, only on a terminal.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        drawn = true
        FileStandardError.write("\r\u{1B}[K" + text)
    }

    func finish() {
        if drawn { FileStandardError.write("\n") }
        drawn = false
    }
}
