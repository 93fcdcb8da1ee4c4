internal import CGEOS

/// A geometry prepared for many predicate tests (GEOSPrepare_r), destroyed in deinit.
public final class PreparedGeometry {
    let handle: OpaquePointer
    /// Kept alive: the prepared geometry points into it.
    public let geometry: GEOSGeometry

    init(handle: OpaquePointer, geometry: GEOSGeometry) {
        self.handle = handle
        self.geometry = geometry
    }

    deinit {
        GEOSPreparedGeom_destroy_r(geometry.context.handle, handle)
    }

    /// Whether each point (x[i], y[i]) lies in the geometry or on its boundary (GEOS's `covers`):
    /// an area query includes the points on its edge. One context for the whole batch.
    public func covers(x: [Double], y: [Double]) throws -> [Bool] {
        try test(x: x, y: y, "covers") { GEOSPreparedCovers_r($0, $1, $2) }
    }

    private func test(
        x: [Double], y: [Double], _ name: String,
        _ predicate: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar
    ) throws -> [Bool] {
        precondition(x.count == y.count, "one x per y")
        let ctx = geometry.context.handle
        var result = [Bool](repeating: false, count: x.count)
        for i in x.indices {
            // GEOS 3.11 has no GEOSPreparedContainsXY_r: a point per test, freed at once.
            guard let point = GEOSGeom_createPointFromXY_r(ctx, x[i], y[i]) else { throw geometry.context.failure("Point") }
            let answer = predicate(ctx, handle, point)
            GEOSGeom_destroy_r(ctx, point)
            guard answer != 2 else { throw geometry.context.failure(name) }
            result[i] = answer == 1
        }
        return result
    }
}
