import GEOSKit
import GeoJSON

/// One polygon of the boundaries file with the M49 areas it is assigned.
public struct CountryBoundary: Sendable {
    /// Natural Earth's code, present on every polygon (ISO alpha-3 where one exists).
    public var adm0: String
    /// The polygon's English name in Natural Earth.
    public var name: String
    /// The country (alpha-2, nil for polygons without one) and M49 areas the polygon is assigned.
    public var assignment: RegionAssignment
    /// Parts, each an outer ring then its holes: valid, repaired at load where needed.
    public var parts: [[[Position]]]
    /// A point guaranteed to lie on the polygon, for countries the M49 table gives no point.
    public var pointOnSurface: Position?

    /// Reads the boundaries, joins each to the M49 table on alpha-3 (or, for the six polygons
    /// without one, on adm0_a3 in the extra table), and repairs invalid rings with GEOS MakeValid.
    static func load(path: String, m49: M49Table) throws -> [CountryBoundary] {
        let (collection, problems) = GeoJSONReader(file: path).readFile(path)
        guard let collection, problems.allSatisfy(\.isWarning) else {
            throw RegionsError.boundaries(file: path, reason: problems.map(\.description).joined(separator: "; "))
        }
        return try ContextPool.shared.withContext { context in
            try collection.features.enumerated().map { index, feature in
                let pointer = "/features/\(index)"
                guard case .string(let adm0)? = feature.properties?["adm0_a3"] else {
                    throw RegionsError.boundaries(file: path, reason: "\(pointer)/properties/adm0_a3: expected a string")
                }
                let alpha3: String? = if case .string(let code)? = feature.properties?["iso_a3"] { code } else { nil }
                guard let country = alpha3.flatMap({ m49.byAlpha3[$0] }) ?? m49.extraByAdm0[adm0] else {
                    throw RegionsError.boundaries(
                        file: path, reason: "\(pointer): no M49 row for \(alpha3 ?? adm0) (add it to \(Atlas.m49ExtraFile))")
                }
                guard let geometry = feature.geometry else {
                    throw RegionsError.boundaries(file: path, reason: "\(pointer)/geometry: expected a polygon, found null")
                }
                var shape = try context.geometry(from: geometry)
                if !(try shape.isValid) { shape = try shape.makeValid() }
                return CountryBoundary(
                    adm0: adm0, name: country.name, assignment: country.assignment,
                    parts: Self.polygons(of: try shape.geoJSON),
                    pointOnSurface: try shape.pointOnSurface.geoJSON.firstPosition)
            }
        }
    }

    /// The polygonal parts of a geometry; MakeValid may add lines where a ring folded over itself.
    private static func polygons(of geometry: Geometry) -> [[[Position]]] {
        switch geometry {
        case .polygon(let rings): [rings]
        case .multiPolygon(let parts): parts
        case .geometryCollection(let members): members.flatMap(polygons(of:))
        case .point, .multiPoint, .lineString, .multiLineString: []
        }
    }
}

extension Geometry {
    fileprivate var firstPosition: Position? {
        if case .point(let position) = self { position } else { nil }
    }
}
