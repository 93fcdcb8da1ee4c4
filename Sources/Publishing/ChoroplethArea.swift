import GEOSKit
import GeoJSON
import Participation
import Regions
import Store

/// Which country polygons a choropleth of an area shows, and the flat per-level fields each carries.
enum ChoroplethArea {
    /// Whether a country polygon belongs to the asked area: by its M49 assignment for a country or
    /// a region; by touching the area for a box, a circle (its bounding box: the polygons near its
    /// rim are kept, shaded as they count) or a polygon; every polygon when no area is asked.
    static func holds(_ area: Area?) -> (CountryBoundary) -> Bool {
        switch area {
        case nil:
            return { _ in true }
        case .country(let code)?:
            return { $0.assignment.country == code }
        case .region(let m49)?:
            return { [$0.assignment.region, $0.assignment.subregion, $0.assignment.intermediateRegion].contains(m49) }
        case .polygon(let geometry)?:
            return touching([geometry])
        case let area?:
            return touching(StoredRecord.searchBoxes(area).map { box in
                .polygon([[Position(longitude: box.west, latitude: box.south), Position(longitude: box.east, latitude: box.south),
                           Position(longitude: box.east, latitude: box.north), Position(longitude: box.west, latitude: box.north),
                           Position(longitude: box.west, latitude: box.south)]])
            })
        }
    }

    /// Polygons that intersect any of `shapes` (CRS84, planar as GEOS sees them).
    private static func touching(_ shapes: [Geometry]) -> (CountryBoundary) -> Bool {
        { boundary in
            let geometry: Geometry = .polygonal(boundary.parts)
            // A shape GEOS cannot read was already refused when the area was parsed: nothing to show.
            return (try? ContextPool.shared.withContext { context in
                let polygon = try context.geometry(from: geometry)
                return try shapes.contains { try context.geometry(from: $0).intersects(polygon) }
            }) ?? false
        }
    }

    /// One field per Participation Model level (`consultation`, `collaboration`, `coProduction`,
    /// `led`), so that a GIS styles a choropleth by level without parsing `levels`.
    static func flatLevels(_ counts: [Int]) -> [(key: String, value: JSONValue)] {
        zip(ParticipationLevel.allCases, counts).map { (key: $0.0.rawValue, value: .number(Double($0.1))) }
    }
}
