import Foundation
import GEOSKit
import GeoJSON

extension SelectionParser {
    /// The polygon `within` names: WKT when it reads as a WKT Polygon or MultiPolygon, else (when
    /// `readsFiles`) a GeoJSON file whose Polygon and MultiPolygon geometries are taken together.
    /// - Throws: `SelectionError` for unreadable WKT or file, no polygon, or a polygon GEOS finds
    ///   invalid, with GEOS's reason.
    func polygon(_ text: String) throws(SelectionError) -> Geometry {
        let name = spell(.within)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isWKT = trimmed.uppercased().hasPrefix("POLYGON") || trimmed.uppercased().hasPrefix("MULTIPOLYGON")
        guard isWKT || readsFiles else { throw SelectionError(name, expected: "a WKT Polygon or MultiPolygon", found: text) }
        let parts = isWKT ? nil : try fileParts(trimmed)
        do {
            return try ContextPool.shared.withContext { context in
                let shape: GEOSGeometry
                if let parts {
                    shape = try context.geometry(from: .polygonal(parts))
                } else {
                    do { shape = try context.geometry(wkt: trimmed) } catch {
                        throw SelectionError(name, expected: "a WKT polygon", foundPlain: "an error: \(error)")
                    }
                }
                guard shape.typeName == "Polygon" || shape.typeName == "MultiPolygon" else {
                    throw SelectionError(name, expected: "a Polygon or MultiPolygon", foundPlain: "a \(shape.typeName)")
                }
                guard try shape.isValid else {
                    throw SelectionError(name, expected: "a valid polygon", foundPlain: "one GEOS rejects: \(try shape.validityReason)")
                }
                return try shape.geoJSON
            }
        } catch let error as SelectionError {
            throw error
        } catch {
            throw SelectionError(name, expected: "a polygon GEOS can read", foundPlain: "an error: \(error)")
        }
    }

    /// The polygons of a GeoJSON file, each as its rings.
    private func fileParts(_ path: String) throws(SelectionError) -> [[[Position]]] {
        let name = spell(.within)
        let (collection, problems) = GeoJSONReader(file: path).readFile(path)
        guard let collection, problems.allSatisfy(\.isWarning) else {
            throw SelectionError(name, expected: "a Polygon or MultiPolygon as WKT or in a GeoJSON file",
                                 foundPlain: problems.map(\.description).joined(separator: "; "))
        }
        let parts = collection.features.compactMap(\.geometry).flatMap { geometry -> [[[Position]]] in
            switch geometry {
            case .polygon(let rings): [rings]
            case .multiPolygon(let polygons): polygons
            default: []
            }
        }
        guard !parts.isEmpty else { throw SelectionError(name, expected: "a Polygon or MultiPolygon in \(path)", foundPlain: "none") }
        return parts
    }
}
