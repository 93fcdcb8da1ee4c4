import Foundation
import GeoJSON
import Participation
import Regions
import TestSupport

/// The real reference data, loaded once.
let atlas: Atlas = {
    do { return try Atlas(dataDirectory: PackageRoot.dataDirectory) } catch {
        preconditionFailure("Data/ must load for these tests: \(error)")
    }
}()

/// A valid record's properties, as JSON text, with `changes` applied (nil removes a property).
func properties(_ changes: [String: String?] = [:]) -> String {
    var members: [(String, String)] = [
        ("title", #""Youth panel""#), ("organisation", #""Org""#), ("participationLevel", #""led""#),
        ("participantGroups", #"["youngPeople"]"#), ("sector", #""civilSociety""#), ("purposes", #"["advocacy"]"#),
        ("countries", #"["KE"]"#), ("locationPrecision", #""country""#), ("visibility", #""public""#),
        ("sources", #"["Annual Review 2023"]"#),
    ]
    for (key, value) in changes {
        if let index = members.firstIndex(where: { $0.0 == key }) {
            if let value { members[index].1 = value } else { members.remove(at: index) }
        } else if let value {
            members.append((key, value))
        }
    }
    return "{" + members.map { "\"\($0)\":\($1)" }.joined(separator: ",") + "}"
}

/// A one-feature file with the given properties and geometry, read through `ProjectFile`.
func read(properties: String = properties(), geometry: String = "null", id: String = #""p1""#) throws -> (projects: [Project], problems: [String]) {
    let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":\#(id),"geometry":\#(geometry),"properties":\#(properties)}]}"#
    return try readFile(text, extension: "geojson")
}

func readFile(_ text: String, extension ext: String) throws -> (projects: [Project], problems: [String]) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("in.\(ext)").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let (projects, problems) = ProjectFile.read(path: path, places: atlas)
    let prefix = path + ":"
    return (projects, problems.map { $0.description.replacingOccurrences(of: prefix, with: "in.\(ext):") })
}
