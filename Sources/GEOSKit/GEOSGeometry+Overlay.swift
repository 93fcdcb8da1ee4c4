internal import CGEOS

/// Buffers and overlays (GEOS's `GEOSBuffer_r`, `GEOSIntersection_r`), planar, in the
/// geometry's own units.
extension GEOSGeometry {
    /// The area within `distance` of the geometry (round caps and joins), with `quadrantSegments`
    /// segments per quarter circle: a point becomes a polygon of `4 × quadrantSegments` sides, a
    /// line a capsule.
    /// - Throws: `GEOSError` with GEOS's message.
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws -> GEOSGeometry {
        try context.own(GEOSBuffer_r(context.handle, handle, distance, Int32(quadrantSegments)), "buffer")
    }

    /// The part of this geometry that lies in `other`.
    /// - Throws: `GEOSError` with GEOS's message (a TopologyException among them).
    public func intersection(_ other: GEOSGeometry) throws -> GEOSGeometry {
        try context.own(GEOSIntersection_r(context.handle, handle, other.handle), "intersection")
    }
}
