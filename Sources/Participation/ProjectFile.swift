import Foundation
import GeoJSON
import Regions

/// Reads the projects of one GeoJSON or CSV file, checked, geocoded and placed in regions.
public enum ProjectFile {
    public enum Format: String, Sendable {
        case geojson, csv

        /// By extension: `.csv` is CSV; anything else (`.geojson`, `.json`) is read as GeoJSON.
        public init(path: String) {
            self = path.lowercased().hasSuffix(".csv") ? .csv : .geojson
        }
    }

    /// Every problem, and the records if there is no error among them: a file lands whole or not
    /// at all. Problems are in input order, then those of placing the records.
    public static func read(path: String, places: any Places) -> (projects: [Project], problems: [Problem]) {
        let reader = ProjectReader(places: places)
        var records: [(Project, FieldLocator)] = []
        var problems: [Problem] = []
        switch Format(path: path) {
        case .geojson:
            // Records are checked on all cores for a large file, and delivered in document order.
            // The GeoJSON reader reports duplicate ids and does not deliver the repeats.
            problems = GeoJSONReader(file: path).readFile(path) { index, feature in
                var problems: [Problem] = []
                let locator = FieldLocator.feature(file: path, pointer: "/features/\(index)")
                let project = reader.read(feature, at: locator, problems: &problems)
                return (project.map { ($0, locator) }, problems)
            } deliver: { _, record, _ in
                records.append(record)
            }
        case .csv:
            switch readText(path) {
            case .failure(let problem):
                return ([], [problem])
            case .success(let text):
                let (table, tableProblems) = CSVTable.parse(text, file: path)
                problems = tableProblems
                if let table {
                    records = ProjectCSV.records(in: table, file: path, reader: reader, problems: &problems)
                }
            }
        }
        var projects = records.map(\.0)
        Geocoder(places: places).place(&projects, locators: records.map(\.1), problems: &problems)
        return (problems.contains { !$0.isWarning } ? [] : projects, problems)
    }

    private static func readText(_ path: String) -> Result<String, Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            // Worded as the GeoJSON reader words it.
            let found = FileManager.default.fileExists(atPath: path) ? "one that cannot be read" : "no such file"
            return .failure(Problem(file: path, location: .file, message: "expected a readable file, found \(found)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Problem(file: path, location: .file, message: "expected UTF-8 text, found other bytes"))
        }
        return .success(text)
    }
}
