/// A box's four numbers as a `bbox` value gives them in a CRS other than CRS84, before any
/// transformation: the lower corner's two coordinates, then the upper corner's, each pair in the
/// CRS's own axis order (OGC API – Features Part 2, `bbox-crs`): latitude first for EPSG:4326,
/// easting first, in metres, for EPSG:3857.
public struct GivenBox: Sendable, Hashable {
    /// The lower corner's first coordinate, in the CRS's first axis and units.
    public var lowerFirst: Double
    /// The lower corner's second coordinate, in the CRS's second axis and units.
    public var lowerSecond: Double
    /// The upper corner's first coordinate.
    public var upperFirst: Double
    /// The upper corner's second coordinate.
    public var upperSecond: Double

    /// The box from its four numbers in the order a `bbox` value writes them.
    public init(lowerFirst: Double, lowerSecond: Double, upperFirst: Double, upperSecond: Double) {
        (self.lowerFirst, self.lowerSecond, self.upperFirst, self.upperSecond) = (lowerFirst, lowerSecond, upperFirst, upperSecond)
    }
}
