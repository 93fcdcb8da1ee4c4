import Foundation
import GeoJSON
import Regions

/// Reads the projects of one GeoJSON or CSV file, checked, geocoded and placed in regions.
public enum ProjectFile {
    /// How a file is read, chosen by its extension.
    public enum Format: String, Sendable {
        case geojson, csv

        /// By extension: `.csv` is CSV; anything else (`.geojson`, `.json`) is read as GeoJSON.
        public init(path: String) {
            self = path.lowercased().hasSuffix(".csv") ? .csv : .geojson
        }
    }

    /// Every problem, and the records if there is no error among them: a file lands whole or not
    /// at all.
    public static func read(path: String, places: any Places, delimiter: Unicode.Scalar? = nil) -> (projects: [Project], problems: [Problem]) {
        var projects: [Project] = []
        let problems = read(path: path, places: places, delimiter: delimiter) { projects += $0 }
        return (problems.contains { !$0.isWarning } ? [] : projects, problems)
    }

    /// Reads a file in batches, each checked, geocoded and placed in regions, and handed to
    /// `deliver` in file order, so that a large file is never in memory as records all at once.
    /// Returns every problem: those of reading in file order, then those of placing. A batch is
    /// delivered even when an earlier one had problems; whoever takes them decides, from the
    /// problems, whether they land. `progress` is told how many records of how many are read.
    /// `delimiter` is a CSV file's separator; nil detects it (see `CSVTable.detectDelimiter`).
    public static func read<Failure: Error>(
        path: String, places: any Places, delimiter: Unicode.Scalar? = nil, batchSize: Int = 4096,
        progress: (@Sendable (_ read: Int, _ total: Int) -> Void)? = nil,
        deliver: ([Project]) throws(Failure) -> Void
    ) throws(Failure) -> [Problem] {
        let reader = ProjectReader(places: places)
        let geocoder = Geocoder(places: places)
        var problems: [Problem] = []
        var placing: [Problem] = []
        // A batch's records and where each came from, moved in and handed over, never copied.
        var pending: [Project] = [], locators: [FieldLocator] = []
        var failure: Failure?
        var unplaceable = false

        func flush() {
            guard !pending.isEmpty, failure == nil, !unplaceable else {
                pending.removeAll()
                locators.removeAll()
                return
            }
            do {
                // The batch is dropped if this throws, so it is placed where it lies.
                var found: [Problem] = []
                try geocoder.place(into: &pending, locators: locators, problems: &found)
                placing += found
            } catch {
                // Nothing can be placed without the reference data: one problem, and no more batches.
                placing.append(Problem(file: path, location: .file, message: "expected reference data to place the projects by, found none (\(error))"))
                pending.removeAll()
                locators.removeAll()
                unplaceable = true
                return
            }
            locators.removeAll(keepingCapacity: true)
            let projects = pending
            pending = []
            pending.reserveCapacity(batchSize)
            do throws(Failure) { try deliver(projects) } catch { failure = error }
        }

        switch Format(path: path) {
        case .geojson:
            // Records are checked on all cores for a large file, and delivered in document order.
            // The GeoJSON reader reports duplicate ids and does not deliver the repeats.
            var file = GeoJSONReader(file: path)
            file.progress = progress
            // A legacy `crs` member: positions are reprojected to CRS84 before the record's rules.
            let legacy: LegacyCRS?
            switch LegacyCRS.of(path: path) {
            case .failure(let problem)?: return [problem]
            case .success(let found)?: legacy = found
            case nil: legacy = nil
            }
            file.degrees = legacy?.transformer == nil
            // Features are read straight into records unless their positions are to be reprojected.
            let decoder = ProjectDecoder(places: places, file: path)
            let decode: GeoJSONReader.DirectDecoder<(Project, FieldLocator)> = { parser, index in decoder.decode(&parser, index: index) }
            let direct = file.degrees ? decode : nil
            problems = file.readFile(path, direct: direct) { (index: Int, feature: Feature) -> ((Project, FieldLocator)?, [Problem]) in
                let pointer = "/features/\(index)"
                let (moved, problems) = legacy?.toCRS84(feature, pointer: pointer, file: path) ?? (feature, [])
                guard let moved else { return (nil, problems) }
                var found = problems
                let locator = FieldLocator.feature(file: path, pointer: pointer)
                let project = reader.read(moved, at: locator, problems: &found)
                return (project.map { ($0, locator) }, found)
            } deliver: { _, record, _ in
                pending.append(record.0)
                locators.append(record.1)
                if pending.count == batchSize { flush() }
            }
        case .csv:
            switch readText(path) {
            case .failure(let problem):
                return [problem]
            case .success(let text):
                let (table, tableProblems) = CSVTable.parse(text, file: path, delimiter: delimiter)
                problems = tableProblems
                guard let table else { break }
                let records = ProjectCSV.records(in: table, file: path, reader: reader, problems: &problems)
                for start in stride(from: 0, to: records.count, by: batchSize) {
                    let batch = records[start ..< min(start + batchSize, records.count)]
                    pending = batch.map(\.0)
                    locators = batch.map(\.1)
                    flush()
                    progress?(min(start + batchSize, records.count), records.count)
                }
            }
        }
        flush()
        if let failure { throw failure }
        return problems + placing
    }

    private static func readText(_ path: String) -> Result<String, Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            // Worded as the GeoJSON reader words it.
            let found = FileManager.default.fileExists(atPath: path) ? "one that cannot be read" : "no such file"
            return .failure(Problem(file: path, location: .file, message: "expected a readable file, found \(found)"))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(notUTF8(data, path: path))
        }
        return .success(text)
    }

    /// Where a CSV file stops being UTF-8: the row and column of the first bad byte (found by
    /// reading the valid text before it), with the conversion a spreadsheet's export most often needs.
    static func notUTF8(_ data: Data, path: String) -> Problem {
        let bytes = [UInt8](data)
        var offset = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var consumed = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = consumed
            case .emptyInput, .error:
                break decoding
            }
        }
        let prefix = String(decoding: bytes[..<offset], as: UTF8.self)
        let bad = offset < bytes.count ? bytes[offset] : 0
        let message = "expected UTF-8 text, found byte 0x\(String(bad, radix: 16, uppercase: true)) "
            + "(a spreadsheet's export? convert it: iconv -f WINDOWS-1252 -t UTF-8)"
        // The valid text, cut at the bad byte, ends with the partial record that holds it.
        let (table, _) = CSVTable.parse(prefix + "\u{1}", file: path)
        guard let table, let last = table.rows.last else {
            // In the header: its columns have no names yet, so the column is counted.
            return Problem(file: path, location: .row(0, column: String(table?.header.count ?? 1)), message: message)
        }
        let column = table.header.indices.contains(last.count - 1) ? table.header[last.count - 1] : String(last.count)
        return Problem(file: path, location: .row(table.rows.count, column: column), message: message)
    }
}

extension ProjectFile {
    /// One record sent as a GeoJSON Feature (an HTTP body): checked, geocoded and placed as an
    /// import would. Problems point into the body itself ("/properties/title").
    public static func read(feature body: [UInt8], source: String, places: any Places) -> (project: Project?, problems: [Problem]) {
        // A legacy `crs` member on the Feature is honoured as it is in a file, never ignored.
        let legacy: LegacyCRS?
        switch body.withUnsafeBytes({ LegacyCRS.of($0, file: source) }) {
        case .failure(let problem)?: return (nil, [problem])
        case .success(let found)?: legacy = found
        case nil: legacy = nil
        }
        let wrapped = Array(#"{"type":"FeatureCollection","features":["#.utf8) + body + Array("]}".utf8)
        let reader = ProjectReader(places: places)
        var project: Project?
        var file = GeoJSONReader(file: source)
        file.degrees = legacy?.transformer == nil
        file.refusesFeatureCRS = false
        var problems = wrapped.withUnsafeBytes { bytes in
            file.read(bytes) { _, feature, problems in
                let (moved, moving) = legacy?.toCRS84(feature, pointer: "/features/0", file: source) ?? (feature, [])
                problems += moving
                guard let moved else { return }
                project = reader.read(moved, at: .feature(file: source, pointer: ""), problems: &problems)
            }
        }
        if var found = project, !problems.contains(where: { !$0.isWarning }) {
            var placed = [found]
            do {
                try Geocoder(places: places).place(&placed, locators: [.feature(file: source, pointer: "")], problems: &problems)
                found = placed[0]
                project = found
            } catch {
                problems.append(Problem(file: source, location: .file, message: "expected reference data to place the project by, found none (\(error))"))
                project = nil
            }
        }
        // The body was read inside a collection of one: its pointers are the body's own.
        problems = problems.map { problem in
            guard case .pointer(let pointer) = problem.location, pointer.hasPrefix("/features/0") else { return problem }
            var moved = problem
            moved.location = .pointer(String(pointer.dropFirst("/features/0".count)))
            return moved
        }
        return (problems.contains { !$0.isWarning } ? nil : project, problems)
    }
}
