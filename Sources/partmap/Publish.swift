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
            The site is built in a folder beside DIR and renamed into place, so a failed publish leaves \
            DIR as it was. Building twice from the same store gives the same bytes.
            """)

    @Option(help: ArgumentHelp("The folder to write (replaced whole).", valueName: "DIR"))
    var out: String

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
        let destination = URL(fileURLWithPath: out).standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let building = parent.appendingPathComponent(".\(destination.lastPathComponent).\(pid).partial")
        let old = parent.appendingPathComponent(".\(destination.lastPathComponent).\(pid).old")
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        do {
            try FileManager.default.createDirectory(at: building, withIntermediateDirectories: true)
            try Site.write(views: views, atlas: atlas, options: options, into: building, progress: progress.show)
            progress.finish()
            // Swap the finished site in: the old one, if any, is moved aside first and removed after.
            let exists = FileManager.default.fileExists(atPath: destination.path)
            if exists { try FileManager.default.moveItem(at: destination, to: old) }
            guard rename(building.path, destination.path) == 0 else {
                if exists { try? FileManager.default.moveItem(at: old, to: destination) }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if exists { try? FileManager.default.removeItem(at: old) }
        } catch {
            progress.finish()
            try? FileManager.default.removeItem(at: building)
            FileStandardError.write("partmap publish: cannot write \"\(out)\": \(error)\n")
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
