/// The axis-aligned box that holds a geometry (GEOS's envelope), in the geometry's own units:
/// degrees for CRS84 (x longitude, y latitude, with no antimeridian handling, so `maxX` may pass
/// 180 for a hull drawn across it), metres or Mercator units for a projected geometry.
public struct Envelope: Sendable, Hashable {
    /// The smallest x (longitude for CRS84).
    public var minX: Double
    /// The smallest y (latitude for CRS84).
    public var minY: Double
    /// The largest x.
    public var maxX: Double
    /// The largest y.
    public var maxY: Double

    /// A box from its four edges, in the geometry's units; `minX <= maxX` and `minY <= maxY`.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        (self.minX, self.minY, self.maxX, self.maxY) = (minX, minY, maxX, maxY)
    }
}
