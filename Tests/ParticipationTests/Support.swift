import Foundation
import GeoJSON
import Participation
import Regions
import TestSupport

/// The places the rules are tested against (see `TestPlaces`).
let testPlaces = TestPlaces()

/// The record's properties in the order of the record table of docs/ARCHITECTURE.md, written out
/// here rather than read from partmap.
let recordTable = [
    "title", "organisation", "description", "url", "initiative", "participationLevel", "participantGroups",
    "sector", "purposes", "countries", "city", "startYear", "endYear", "locationPrecision", "visibility",
    "sources", "updated",
]

/// The real reference data, for the tests of the curated Data/projects.geojson.
let atlas: Atlas = {
    do { return try Atlas(dataDirectory: PackageRoot.dataDirectory) } catch {
        preconditionFailure("Data/ must load for these tests: \(error)")
    }
}()

/// A valid record's properties, as JSON text, with `changes` applied (nil removes a property).
/// Changed members keep their place; new ones go at the end.
func properties(_ changes: [String: String?] = [:]) -> String {
    var members: [(String, String)] = [
        ("title", #""Youth panel""#), ("organisation", #""Org""#), ("participationLevel", #""led""#),
        ("participantGroups", #"["youngPeople"]"#), ("sector", #""civilSociety""#), ("purposes", #"["advocacy"]"#),
        ("countries", #"["KE"]"#), ("locationPrecision", #""country""#), ("visibility", #""public""#),
        ("sources", #"["Annual Review 2023"]"#),
    ]
    for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
        if let index = members.firstIndex(where: { $0.0 == key }) {
            if let value { members[index].1 = value } else { members.remove(at: index) }
        } else if let value {
            members.append((key, value))
        }
    }
    return "{" + members.map { "\"\($0)\":\($1)" }.joined(separator: ",") + "}"
}

/// A one-feature file with the given properties and geometry, read through `ProjectFile`.
func read(
    properties: String = properties(), geometry: String = "null", id: String = #""p1""#, places: any Places = testPlaces
) throws -> (projects: [Project], problems: [String]) {
    let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":\#(id),"geometry":\#(geometry),"properties":\#(properties)}]}"#
    return try readFile(text, extension: "geojson", places: places)
}

/// Writes `text` to a file named `in.EXT` and reads it; problems are given as their lines, with the
/// file named `in.EXT`.
func readFile(_ text: String, extension ext: String, places: any Places = testPlaces) throws -> (projects: [Project], problems: [String]) {
    try readFile(Data(text.utf8), extension: ext, places: places)
}

func readFile(_ data: Data, extension ext: String, places: any Places = testPlaces) throws -> (projects: [Project], problems: [String]) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("in.\(ext)").path
    try data.write(to: URL(fileURLWithPath: path))
    let (projects, problems) = ProjectFile.read(path: path, places: places)
    return (projects, problems.map { $0.description.replacingOccurrences(of: path + ":", with: "in.\(ext):") })
}

/// A valid record built in code, for the tests that start from a `Project`.
func project(
    _ precision: LocationPrecision, countries: [String] = ["KE"], city: String? = "Nairobi",
    position: Position? = Position(longitude: 36.9, latitude: -1.31), visibility: Visibility = .public
) -> Project {
    Project(
        id: "p", title: "Survivor advisory board", organisation: "Org", description: "Shapes services",
        url: "https://example.org/board", initiative: "Boards", participationLevel: .led,
        participantGroups: [.adultSurvivors, .youngPeople], sector: .civilSociety, purposes: [.governance, .supportServices],
        countries: countries, city: city, startYear: 2021, endYear: 2024, locationPrecision: precision,
        visibility: visibility, sources: ["Annual Review 2023", "https://example.org/report"], updated: "2026-11-24",
        position: position, derived: countries.first.flatMap(testPlaces.assignment(forCountry:)),
        extra: JSONObject([("contact", .string("ann@example.org"))]))
}
