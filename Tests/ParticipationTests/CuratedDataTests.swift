import Foundation
import GeoJSON
import Participation
import TestSupport
import Testing

/// The curated Data/projects.geojson, read against the real reference data.
@Suite struct CuratedDataTests {
    /// Data/projects.geojson → records → GeoJSON: the curated file is written back byte for byte.
    @Test func curatedProjectsRoundTripByteForByte() throws {
        let path = PackageRoot.dataDirectory + "/projects.geojson"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let (projects, problems) = ProjectFile.read(path: path, places: atlas)
        #expect(problems.isEmpty, "\(problems)")
        #expect(projects.count >= 20)
        let features = projects.map { project in
            var feature = project.feature(includeDerived: false)
            // The curated file leaves geocoding to the importer: its geometries are null.
            feature.geometry = nil
            return feature
        }
        let first = GeoJSONWriter().write(FeatureCollection(features: features))
        #expect(first == original)
        #expect(GeoJSONWriter().write(FeatureCollection(features: features)) == first)
    }

    @Test func csvRoundTrips() throws {
        let path = PackageRoot.dataDirectory + "/projects.geojson"
        let projects = ProjectFile.read(path: path, places: atlas).projects
        let header = ProjectCSV.header(includeDerived: false)
        let table = CSVTable(header: header, rows: projects.map { ProjectCSV.row($0, header: header) })
        let (again, problems) = try readFile(table.text, extension: "csv", places: atlas)
        #expect(problems == [])
        #expect(again == projects)
    }
}
