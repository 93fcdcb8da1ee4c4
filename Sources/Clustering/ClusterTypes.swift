import GeoJSON

/// A point to cluster: where it is, in degrees (CRS84), and what it adds to the tallies of the
/// clusters it joins (one count per category, e.g. participation levels then groups then
/// sectors). Every point of one index has as many counts as the first.
public struct ClusterPoint: Sendable, Hashable {
    /// Degrees east, -180 ... 180.
    public var longitude: Double
    /// Degrees north; beyond Web Mercator's limit (±85.05112878°) it is clustered at the limit.
    public var latitude: Double
    /// What the point adds to its clusters' tallies, one count per category.
    public var tally: [Int32]

    /// A point at `longitude`, `latitude` (degrees) adding `tally` to the clusters it joins.
    public init(longitude: Double, latitude: Double, tally: [Int32] = []) {
        (self.longitude, self.latitude, self.tally) = (longitude, latitude, tally)
    }
}

/// What a query returns: one of the input points (by index), or a cluster.
public enum ClusterNode: Sendable, Hashable {
    /// An input point standing alone, by its index among the index's points.
    case point(Int)
    /// A cluster of two or more points (at least the options' `minPoints`).
    case cluster(Cluster)
}

/// A cluster as one zoom shows it.
public struct Cluster: Sendable, Hashable {
    /// Its first point's index × 32 + the zoom it forms at + 1: the same for the same points in
    /// the same order, and unchanged by points removed or inserted after its first point.
    public var id: Int
    /// How many input points it holds.
    public var pointCount: Int
    /// The weighted centre of its points, in degrees (the mean of their Web Mercator positions):
    /// longitude, then latitude.
    public var longitude: Double
    /// Degrees of latitude of the weighted centre (see `longitude`).
    public var latitude: Double
    /// The sum of its points' tallies.
    public var tally: [Int32]
    /// The longitude/latitude box of its points, in degrees (CRS84).
    public var bbox: BoundingBox
}

/// A cluster id or point index that the index does not hold.
public enum ZoomClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No cluster of the index has this id.
    case unknownCluster(Int)
    /// No point of the index has this index.
    case unknownPoint(Int)

    /// The problem in words, naming the id or index.
    public var description: String {
        switch self {
        case .unknownCluster(let id): "no cluster has id \(id)"
        case .unknownPoint(let index): "no point has index \(index)"
        }
    }
}
