import ArgumentParser
import Foundation
import GeoJSON
import PROJKit
import Participation

/// Projects as the commands write them: GeoJSON, GeoJSONSeq, CSV or a table, in CRS84 or
/// reprojected in one batch.
struct OutputFeatures {
    let projects: [Project]
    let features: [Feature]
    let crs: CRS?
    /// Coordinates' fraction digits at most; nil writes them exactly.
    let precision: Int?

    init(projects: [Project], includeExtra: Bool, crs: CRS?, precision: Int? = nil) throws {
        self.projects = projects
        self.precision = precision
        self.crs = crs?.isCRS84 == true ? nil : crs
        var features = projects.map { $0.feature(includeDerived: true, includeExtra: includeExtra) }
        if let target = self.crs {
            let located = features.indices.filter { features[$0].geometry != nil }
            var xs: [Double] = [], ys: [Double] = []
            for i in located {
                if case .point(let p)? = features[i].geometry { xs.append(p.longitude); ys.append(p.latitude) }
            }
            do {
                try Transformer(from: .crs84, to: target).transform(x: &xs, y: &ys)
            } catch {
                throw ValidationError("--crs: \(error)")
            }
            for (n, i) in located.enumerated() {
                features[i].geometry = .point(Position(longitude: xs[n], latitude: ys[n]))
            }
        }
        self.features = features
    }

    var geoJSON: String {
        var collection = FeatureCollection(features: features)
        if let crs {
            collection.foreignMembers["crs"] = .object(JSONObject([
                ("type", .string("name")), ("properties", .object(JSONObject([("name", .string(crs.urn))]))),
            ]))
        }
        return GeoJSONWriter(precision: precision).write(collection)
    }

    /// RFC 8142: each feature after a record separator, on a line of its own, written as it goes.
    func writeSequence(to handle: FileHandle = .standardOutput) {
        let writer = GeoJSONWriter(precision: precision)
        for feature in features {
            handle.write(Data(("\u{1E}" + writer.write(feature) + "\n").utf8))
        }
    }

    var csv: String {
        let header = ProjectCSV.header(includeDerived: true)
        var rows = projects.map { ProjectCSV.row($0, header: header) }
        if crs != nil || precision != nil, let lon = header.firstIndex(of: "lon"), let lat = header.firstIndex(of: "lat") {
            for (i, feature) in features.enumerated() {
                guard case .point(let p)? = feature.geometry else { continue }
                rows[i][lon] = coordinate(p.longitude)
                rows[i][lat] = coordinate(p.latitude)
            }
        }
        return CSVTable(header: header, rows: rows).text
    }

    private func coordinate(_ x: Double) -> String {
        precision.map { JSONNumber.format(x, maxFractionDigits: $0) } ?? JSONNumber.format(x)
    }

    var table: String { ProjectTable.text(projects) }
}
