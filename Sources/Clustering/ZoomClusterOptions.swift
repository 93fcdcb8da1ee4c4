/// The settings of zoom clustering. Each defaults to mapbox/supercluster's value for it.
public struct ZoomClusterOptions: Sendable, Hashable {
    /// supercluster's defaults, declared once.
    public enum Defaults {
        /// The lowest zoom that gets clusters.
        public static let minZoom = 0
        /// The highest zoom that gets clusters; above it every point stands alone.
        public static let maxZoom = 16
        /// The cluster radius, in pixels of a tile `extent` pixels wide.
        public static let radius = 40.0
        /// A tile's width in pixels, which the radius is counted in.
        public static let extent = 512.0
        /// The fewest points that make a cluster.
        public static let minPoints = 2
    }

    /// The lowest zoom that gets clusters.
    public var minZoom: Int
    /// The highest zoom that gets clusters; above it every point stands alone.
    public var maxZoom: Int
    /// The cluster radius, in pixels of a tile `extent` pixels wide.
    public var radius: Double
    /// A tile's width in pixels, which the radius is counted in.
    public var extent: Double
    /// The fewest points that make a cluster.
    public var minPoints: Int

    /// Settings; each not given takes its value from `Defaults`.
    public init(
        minZoom: Int = Defaults.minZoom, maxZoom: Int = Defaults.maxZoom, radius: Double = Defaults.radius,
        extent: Double = Defaults.extent, minPoints: Int = Defaults.minPoints
    ) {
        (self.minZoom, self.maxZoom, self.radius, self.extent, self.minPoints) = (minZoom, maxZoom, radius, extent, minPoints)
    }
}
