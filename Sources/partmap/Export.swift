import ArgumentParser
import Foundation
import PROJKit
import Participation
import Store

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the projects of an area, matching filters, to a file.",
        discussion: """
            The public view unless --internal is given, in id order. The format follows --format, \
            else the extension of --out (.csv; .geojsonl, .geojsons or .geojsonseq; .geojson, .json \
            or none for GeoJSON); any other extension is a usage error naming these. The file is written beside its final name and renamed into place, so a \
            failed export never leaves half a file. --crs works as for `partmap query`.
            """)

    enum Format: String, CaseIterable {
        case geojson, geojsonseq, csv

        /// The format of `path`'s extension: .csv; .geojsonl, .geojsons or .geojsonseq; .geojson,
        /// .json or none for GeoJSON. Nil for any other extension (partmap writes no GeoPackage,
        /// Shapefile or KML).
        init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "csv": self = .csv
            case "geojsonl", "geojsons", "geojsonseq": self = .geojsonseq
            case "geojson", "json", "": self = .geojson
            default: return nil
            }
        }
    }

    @Option(help: ArgumentHelp("The file to write.", valueName: "FILE"))
    var out: String

    @OptionGroup var source: SourceOptions
    @OptionGroup(title: "Area") var area: AreaOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Flag(help: "Include internal projects, at their stored positions, with every property.")
    var `internal` = false

    @Option(help: Choice.help("The format (default: from the extension of --out).", Format.self), transform: Choice.parser())
    var format: Format?

    @Option(help: ArgumentHelp("Output coordinates in this CRS.", valueName: "EPSG:N"))
    var crs: String?

    @Option(help: ArgumentHelp("At most this many digits after the point in coordinates (0 to 17).", valueName: "DIGITS"))
    var precision: Int?

    @OptionGroup var data: DataOptions

    func validate() throws {
        if let precision, !(0 ... 17).contains(precision) {
            throw ValidationError("--precision: expected 0 to 17 digits, found \(precision)")
        }
        if format == nil, Format(path: out) == nil {
            throw ValidationError("--out: expected a file partmap writes, found \"\(out)\": GeoJSON (.geojson, .json), "
                + "GeoJSONSeq (.geojsonl, .geojsons, .geojsonseq) or CSV (.csv); or give --format")
        }
    }

    func run() async throws {
        let atlas = try data.atlas()
        let query = try ProjectQuery(area: area, filters: filters, includeInternal: `internal`, atlas: atlas)
        let target = try crs.map(CRS.parseOption)
        let result = try await source.answer(query, atlas: atlas)
        let output = try OutputFeatures(projects: result.projects, includeExtra: `internal`, crs: target, precision: precision)
        let destination = URL(fileURLWithPath: out)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            switch format ?? Format(path: out) ?? .geojson {
            case .geojson: try output.writeCollection(to: handle)
            case .geojsonseq: try output.writeSequence(to: handle)
            case .csv: try handle.write(contentsOf: Data(output.csv.utf8))
            }
            try handle.close()
            guard rename(temporary.path, destination.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ValidationError("--out: cannot write \"\(out)\": \(error.localizedDescription)")
        }
        FileStandardError.write("\(out): \(result.projects.count) projects\n")
    }
}

extension CRS {
    /// `--crs`'s value, or a usage error naming it.
    static func parseOption(_ text: String) throws -> CRS {
        guard let crs = CRS(text) else { throw ValidationError("--crs: expected EPSG:N or OGC:CRS84, found \"\(text)\"") }
        return crs
    }
}
