import ArgumentParser
import Foundation
import GeoJSON
import PROJKit
import Participation

/// Projects as the commands write them: GeoJSON, GeoJSONSeq, CSV or a table, in CRS84 or
/// reprojected in one batch. Features are written straight from the projects' fields
/// (`Project.writeFeature`), the bytes `GeoJSONWriter` writes of their features.
struct OutputFeatures: Sendable {
    let projects: [Project]
    /// Each project's point as written: its own, or moved to `crs`; nil for a null geometry.
    let positions: [Position?]
    /// Whether features carry the extra input properties (never in a public output).
    let includeExtra: Bool
    let crs: CRS?
    /// Coordinates' fraction digits at most; nil writes them exactly.
    let precision: Int?

    init(projects: [Project], includeExtra: Bool, crs: CRS?, precision: Int? = nil) throws {
        self.projects = projects
        self.includeExtra = includeExtra
        self.precision = precision
        self.crs = crs?.isCRS84 == true ? nil : crs
        var positions = projects.map(\.position)
        if let target = self.crs {
            let located = positions.indices.filter { positions[$0] != nil }
            var xs = located.map { positions[$0]!.longitude }, ys = located.map { positions[$0]!.latitude }
            do {
                try Transformer(from: .crs84, to: target).transform(x: &xs, y: &ys)
            } catch {
                throw ValidationError("--crs: \(error)")
            }
            // PROJ moves the two horizontal coordinates: a moved point has no altitude.
            for (n, i) in located.enumerated() { positions[i] = Position(longitude: xs[n], latitude: ys[n]) }
        }
        self.positions = positions
    }

    /// The feature of project `index` as one line of JSON.
    func writeFeature(_ index: Int, into out: inout String) {
        projects[index].writeFeature(position: positions[index], precision: precision, includeExtra: includeExtra, into: &out)
    }

    /// A FeatureCollection as `GeoJSONWriter.write(_:)` writes it: `type`, the `crs` member when
    /// reprojected, then one feature per line.
    var geoJSON: String {
        var out = collectionHead
        for index in projects.indices {
            if index > 0 { out += ",\n" }
            writeFeature(index, into: &out)
        }
        return out + collectionTail
    }

    /// `geoJSON`'s bytes, written as they are made, blocks of features on every core.
    /// - Throws: why the handle cannot be written.
    func writeCollection(to handle: FileHandle) throws {
        try handle.write(contentsOf: Data(collectionHead.utf8))
        try FeatureBlocks.write(count: projects.count, to: handle) { index, out in
            if index > 0 { out += ",\n" }
            writeFeature(index, into: &out)
        }
        try handle.write(contentsOf: Data(collectionTail.utf8))
    }

    private var collectionHead: String {
        var out = "{\"type\":\"FeatureCollection\""
        if let crs {
            out += ",\"crs\":" + GeoJSONWriter().write(.object(JSONObject([
                ("type", .string("name")), ("properties", .object(JSONObject([("name", .string(crs.urn))]))),
            ])))
        }
        return out + (projects.isEmpty ? ",\"features\":[" : ",\"features\":[\n")
    }

    private var collectionTail: String { projects.isEmpty ? "]}\n" : "\n]}\n" }

    /// RFC 8142: each feature after a record separator, on a line of its own, written as it goes,
    /// in order; blocks of features are written on every core.
    /// - Throws: why the handle cannot be written.
    func writeSequence(to handle: FileHandle = .standardOutput) throws {
        try FeatureBlocks.write(count: projects.count, to: handle) { index, out in
            out += "\u{1E}"
            writeFeature(index, into: &out)
            out += "\n"
        }
    }

    var csv: String {
        let header = ProjectCSV.header(includeDerived: true)
        var rows = projects.map { ProjectCSV.row($0, header: header) }
        if crs != nil || precision != nil, let lon = header.firstIndex(of: "lon"), let lat = header.firstIndex(of: "lat") {
            for (i, position) in positions.enumerated() {
                guard let position else { continue }
                rows[i][lon] = coordinate(position.longitude)
                rows[i][lat] = coordinate(position.latitude)
            }
        }
        return CSVTable(header: header, rows: rows).text
    }

    private func coordinate(_ x: Double) -> String {
        precision.map { JSONNumber.format(x, maxFractionDigits: $0) } ?? JSONNumber.format(x)
    }

    var table: String { ProjectTable.text(projects) }
}
