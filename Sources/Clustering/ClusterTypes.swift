/// A point to cluster: where it is, in degrees (CRS84), and what it adds to the tallies of the
/// clusters it joins (one count per category, e.g. participation levels then groups then
/// sectors). Every point of one index has as many counts as the first.
public struct ClusterPoint: Sendable, Hashable {
    public var longitude: Double
    public var latitude: Double
    public var tally: [Int32]

    public init(longitude: Double, latitude: Double, tally: [Int32] = []) {
        (self.longitude, self.latitude, self.tally) = (longitude, latitude, tally)
    }
}

/// What a query returns: one of the input points (by index), or a cluster.
public enum ClusterNode: Sendable, Hashable {
    case point(Int)
    case cluster(Cluster)
}

/// A cluster as one zoom shows it.
public struct Cluster: Sendable, Hashable {
    /// Its first point's index × 32 + the zoom it forms at + 1: stable for the same points in the
    /// same order, and unchanged when points are appended.
    public var id: Int
    public var pointCount: Int
    /// The weighted centre of its points, in degrees (the mean of their Web Mercator positions).
    public var longitude: Double
    public var latitude: Double
    /// The sum of its points' tallies.
    public var tally: [Int32]
    /// The longitude/latitude box of its points, in degrees: west, south, east, north.
    public var bbox: [Double]
}

/// A cluster id or point index that the index does not hold.
public enum ZoomClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCluster(Int)
    case unknownPoint(Int)

    public var description: String {
        switch self {
        case .unknownCluster(let id): "no cluster has id \(id)"
        case .unknownPoint(let index): "no point has index \(index)"
        }
    }
}
