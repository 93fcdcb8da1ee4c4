/// Every point given to an index, by sequence number, as flat arrays: positions in degrees and
/// one run of `width` tally counts per point.
struct PointTable: Sendable {
    private(set) var longitudes: [Double] = []
    private(set) var latitudes: [Double] = []
    /// Point i's tally is `tallies[i * width ..< (i + 1) * width]`.
    private(set) var tallies: [Int32] = []
    /// The counts per point: the first point's.
    private(set) var width = 0

    init(_ points: [ClusterPoint]) {
        width = points.first?.tally.count ?? 0
        longitudes.reserveCapacity(points.count)
        latitudes.reserveCapacity(points.count)
        tallies.reserveCapacity(points.count * width)
        for point in points { append(point) }
    }

    /// Points as flat arrays: positions in degrees, and `width` counts per point in `tallies`.
    init(longitudes: [Double], latitudes: [Double], tallies: [Int32], width: Int) {
        (self.longitudes, self.latitudes, self.tallies, self.width) = (longitudes, latitudes, tallies, width)
    }

    var count: Int { longitudes.count }

    /// Adds a point; the first of an empty table sets the width. Counts beyond the width are
    /// left out and missing ones are 0.
    mutating func append(_ point: ClusterPoint) {
        if longitudes.isEmpty { width = point.tally.count }
        longitudes.append(point.longitude)
        latitudes.append(point.latitude)
        for k in 0 ..< width { tallies.append(k < point.tally.count ? point.tally[k] : 0) }
    }

    subscript(i: Int) -> ClusterPoint {
        ClusterPoint(longitude: longitudes[i], latitude: latitudes[i], tally: Array(tallies[i * width ..< (i + 1) * width]))
    }
}
