import GEOSKit
import GeoJSON
import Tiles

/// A country's rings in one tile made a valid polygon after clipping and rounding to whole tile
/// units, as GEOS (and shapely, GDAL, QGIS) check validity: rounding can make a thin inlet's
/// sides cross or touch along a line, and two parts of a country overlap.
enum TilePolygons {
    /// The rings (exteriors with positive area in tile coordinates, each followed by its holes,
    /// as `MercatorCountry.quantise` gives them) unchanged when they form a valid polygon; else
    /// the first valid of: the rings snap-rounded on the whole-unit grid by GEOS
    /// (`GEOSGeom_setPrecision`), the rings repaired with GEOS MakeValid then snapped, and that
    /// repaired and snapped once more. Snapping an invalid input can fail (GEOS's overlay throws
    /// a TopologyException), hence the repair first. When nothing comes out valid, or GEOS fails,
    /// the rings are kept as they were: a tile is still written.
    static func valid(_ rings: [[TilePoint]]) -> [[TilePoint]] {
        guard !rings.isEmpty else { return rings }
        let repaired = try? ContextPool.shared.withContext { context -> [[TilePoint]]? in
            let shape = try context.geometry(from: geometry(rings))
            if try shape.isValid { return nil }
            let steps: [(GEOSGeometry) throws -> GEOSGeometry] = [
                { try $0.snappedToGrid(1) },
                { try $0.makeValid().snappedToGrid(1) },
                { try $0.makeValid().snappedToGrid(1).makeValid().snappedToGrid(1) },
            ]
            for step in steps {
                guard let fixed = try? step(shape), (try? fixed.isValid) == true else { continue }
                let result = Self.rings(of: try fixed.geoJSON)
                // Read back as a tile reader groups them, the rings must still be valid.
                if result.isEmpty || (try? context.geometry(from: geometry(result)).isValid) == true { return result }
            }
            return nil
        }
        return (repaired ?? nil) ?? rings
    }

    /// The rings as a MultiPolygon: a ring with positive area starts a polygon, one with negative
    /// area is a hole of the polygon before it.
    static func geometry(_ rings: [[TilePoint]]) -> Geometry {
        var polygons: [[[Position]]] = []
        for ring in rings {
            var positions = ring.map { Position(longitude: Double($0.x), latitude: Double($0.y)) }
            positions.append(positions[0])
            if area(ring) > 0 || polygons.isEmpty { polygons.append([positions]) } else { polygons[polygons.count - 1].append(positions) }
        }
        return .multiPolygon(polygons)
    }

    /// Twice the signed area of a ring in tile coordinates (the shoelace sum).
    static func area(_ ring: [TilePoint]) -> Int64 {
        ring.indices.reduce(0) { sum, i in
            let a = ring[i], b = ring[(i + 1) % ring.count]
            return sum + Int64(a.x) * Int64(b.y) - Int64(b.x) * Int64(a.y)
        }
    }

    /// The polygons of GEOS's answer as tile rings, with MVT 2.1's winding; lines and points a
    /// repair may leave are dropped.
    static func rings(of geometry: Geometry) -> [[TilePoint]] {
        var result: [[TilePoint]] = []
        for polygon in polygons(of: geometry) {
            for (index, ring) in polygon.enumerated() {
                guard let quantised = MercatorCountry.quantise(ring.dropLast().map { (x: $0.longitude, y: $0.latitude) }, exterior: index == 0)
                else { if index == 0 { break } else { continue } }
                result.append(quantised)
            }
        }
        return result
    }

    private static func polygons(of geometry: Geometry) -> [[[Position]]] {
        switch geometry {
        case .polygon(let rings): [rings]
        case .multiPolygon(let parts): parts
        case .geometryCollection(let members): members.flatMap(polygons(of:))
        default: []
        }
    }
}
