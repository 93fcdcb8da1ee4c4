import Foundation
import GeoJSON
import Regions

/// Reads the projects of one GeoJSON or CSV file, checked, geocoded and placed in regions.
public enum ProjectFile {
    public enum Format: String, Sendable {
        case geojson, csv

        /// By extension: `.csv` is CSV; anything else is read as GeoJSON.
        public init(path: String) {
            self = path.lowercased().hasSuffix(".csv") ? .csv : .geojson
        }
    }

    /// Every valid record and every problem. Records are returned only if the file has no error:
    /// a file lands whole or not at all.
    public static func read(path: String, places: any Places) -> (projects: [Project], problems: [Problem]) {
        let reader = ProjectReader(places: places)
        var projects: [Project] = []
        var locators: [FieldLocator] = []
        var problems: [Problem] = []
        var ids: [String: ProblemLocation] = [:]

        /// Keeps a checked record, unless its id was seen before (CSV rows; GeoJSON ids are
        /// checked by the reader).
        func keep(_ project: Project, _ locator: FieldLocator, _ problems: inout [Problem]) {
            if let first = ids[project.id] {
                problems.append(locator.error(.id, "expected a unique id, found \"\(project.id)\" again (first at \(first.text))"))
                return
            }
            ids[project.id] = locator.error(.id, "").location
            projects.append(project)
            locators.append(locator)
        }

        switch Format(path: path) {
        case .geojson:
            // Records are checked on all cores; they are kept in document order.
            problems = GeoJSONReader(file: path).readFile(path) { index, feature in
                var problems: [Problem] = []
                let locator = FieldLocator.feature(file: path, pointer: "/features/\(index)")
                let project = reader.read(feature, at: locator, problems: &problems)
                return (project.map { ($0, locator) }, problems)
            } deliver: { _, checked, problems in
                keep(checked.0, checked.1, &problems)
            }
        case .csv:
            guard let data = FileManager.default.contents(atPath: path) else {
                return ([], [Problem(file: path, location: .file, message: "expected a readable file, found none")])
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return ([], [Problem(file: path, location: .file, message: "expected UTF-8 text, found other bytes")])
            }
            let (table, tableProblems) = CSVTable.parse(text, file: path)
            problems += tableProblems
            for (index, row) in (table?.rows ?? []).enumerated() {
                let locator = FieldLocator.row(file: path, row: index + 1)
                if let feature = ProjectCSV.feature(row: row, header: table!.header, locator: locator, problems: &problems),
                   let project = reader.read(feature, at: locator, problems: &problems)
                {
                    keep(project, locator, &problems)
                }
            }
        }
        _ = Geocoder(places: places).place(&projects, locators: locators, problems: &problems)
        return (problems.contains { !$0.isWarning } ? [] : projects, problems)
    }
}

extension ProblemLocation {
    /// The location as messages quote it: a pointer, or "row R".
    var text: String {
        switch self {
        case .pointer(let pointer): pointer
        case .row(let row, _): "row \(row)"
        case .line(let line, let column): "line \(line), column \(column)"
        case .file: "the file"
        }
    }
}
