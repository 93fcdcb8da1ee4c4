internal import CGEOS
import GeoJSON

/// A geometry owned by Swift, freed with its context's `GEOSGeom_destroy_r` in deinit.
/// It belongs to the context that made it and must be used only while that context is lent.
public final class GEOSGeometry {
    let handle: OpaquePointer
    /// The context that made the geometry, and that every operation on it uses.
    public let context: GEOSContext
    /// False once a collection has taken the geometry over: GEOS then frees it with the collection.
    private var owned = true

    init(handle: OpaquePointer, context: GEOSContext) {
        self.handle = handle
        self.context = context
    }

    deinit {
        if owned { GEOSGeom_destroy_r(context.handle, handle) }
    }

    func release() {
        owned = false
    }

    private var ctx: GEOSContextHandle_t { context.handle }

    // MARK: Properties

    /// GEOS's name of the geometry's type ("Point", "Polygon", "MultiPolygon", …); "Unknown" if GEOS has none.
    public var typeName: String {
        guard let name = GEOSGeomType_r(ctx, handle) else { return "Unknown" }
        defer { GEOSFree_r(ctx, name) }
        return String(cString: name)
    }

    /// Whether the geometry has no points.
    public var isEmpty: Bool { GEOSisEmpty_r(ctx, handle) == 1 }

    /// Whether the geometry is valid in the OGC Simple Features sense (GEOS's `isValid`).
    /// - Throws: `GEOSError` with GEOS's message when GEOS cannot tell.
    public var isValid: Bool {
        get throws {
            switch GEOSisValid_r(ctx, handle) {
            case 1: return true
            case 0: return false
            default: throw context.failure("isValid")
            }
        }
    }

    /// Why the geometry is invalid, as GEOS words it ("Self-intersection[77.8 35.4]"), or "Valid Geometry".
    public var validityReason: String {
        get throws {
            guard let reason = GEOSisValidReason_r(ctx, handle) else { throw context.failure("isValidReason") }
            defer { GEOSFree_r(ctx, reason) }
            return String(cString: reason)
        }
    }

    /// The planar area, in the square of the coordinates' units (square degrees for CRS84).
    /// - Throws: `GEOSError` with GEOS's message.
    public var area: Double {
        get throws {
            var area = 0.0
            guard GEOSArea_r(ctx, handle, &area) == 1 else { throw context.failure("area") }
            return area
        }
    }

    /// The length of a line, or the perimeter of a polygon (every ring), in the geometry's units.
    public var length: Double {
        get throws {
            var length = 0.0
            guard GEOSLength_r(ctx, handle, &length) == 1 else { throw context.failure("length") }
            return length
        }
    }

    /// The box that holds the geometry, in its own units (GEOS's `GEOSGeom_getXMin` and kin).
    /// - Throws: `GEOSError` with GEOS's message (an empty geometry has no box).
    public var bounds: Envelope {
        get throws {
            var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
            guard GEOSGeom_getXMin_r(ctx, handle, &minX) == 1, GEOSGeom_getYMin_r(ctx, handle, &minY) == 1,
                  GEOSGeom_getXMax_r(ctx, handle, &maxX) == 1, GEOSGeom_getYMax_r(ctx, handle, &maxY) == 1
            else { throw context.failure("bounds") }
            return Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        }
    }

    // MARK: Operations

    /// A valid geometry covering the same points (GEOS's `MakeValid`): a bow tie becomes two triangles.
    /// - Throws: `GEOSError` with GEOS's message.
    public func makeValid() throws -> GEOSGeometry { try context.own(GEOSMakeValid_r(ctx, handle), "makeValid") }

    /// The geometry with every coordinate on a grid of `size` (GEOS's snap-rounding,
    /// `GEOSGeom_setPrecision` with valid output): a polygon stays valid, and parts or rings that
    /// collapse below the grid are dropped.
    /// - Throws: `GEOSError` with GEOS's message.
    public func snappedToGrid(_ size: Double) throws -> GEOSGeometry {
        try context.own(GEOSGeom_setPrecision_r(ctx, handle, size, 0), "setPrecision")
    }
    /// A point guaranteed to lie on the geometry (inside a polygon, unlike its centroid).
    /// - Throws: `GEOSError` with GEOS's message.
    public var pointOnSurface: GEOSGeometry { get throws { try context.own(GEOSPointOnSurface_r(ctx, handle), "pointOnSurface") } }
    /// The smallest convex polygon holding the geometry.
    /// - Throws: `GEOSError` with GEOS's message.
    public func convexHull() throws -> GEOSGeometry { try context.own(GEOSConvexHull_r(ctx, handle), "convexHull") }

    /// A concave hull; `ratio` 1 gives the convex hull, smaller values hug the points tighter.
    public func concaveHull(ratio: Double, allowHoles: Bool = false) throws -> GEOSGeometry {
        try context.own(GEOSConcaveHull_r(ctx, handle, ratio, allowHoles ? 1 : 0), "concaveHull")
    }

    /// Whether the two geometries share at least one point (GEOS's `Intersects`, planar).
    /// - Throws: `GEOSError` with GEOS's message.
    public func intersects(_ other: GEOSGeometry) throws -> Bool {
        let result = GEOSIntersects_r(ctx, handle, other.handle)
        guard result != 2 else { throw context.failure("intersects") }
        return result == 1
    }

    /// The geometry prepared for many predicate tests.
    /// - Throws: `GEOSError` with GEOS's message.
    public func prepared() throws -> PreparedGeometry {
        guard let prepared = GEOSPrepare_r(ctx, handle) else { throw context.failure("prepare") }
        return PreparedGeometry(handle: prepared, geometry: self)
    }
}
