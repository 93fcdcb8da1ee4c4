/// Every point given to an index, by sequence number, as flat arrays: positions in degrees and
/// the run of `width` tally counts each adds to its clusters. Points that add the same counts may
/// share one run (`rows`), so that a million points of a few hundred kinds keep a few hundred runs.
struct PointTable: Sendable {
    private(set) var longitudes: [Double] = []
    private(set) var latitudes: [Double] = []
    /// Runs of `width` counts; point i's tally is the run numbered `rowOf[i]`.
    private(set) var rows: [Int32] = []
    private(set) var rowOf: [Int32] = []
    /// The counts per point: the first point's.
    private(set) var width = 0

    init(_ points: [ClusterPoint]) {
        width = points.first?.tally.count ?? 0
        longitudes.reserveCapacity(points.count)
        latitudes.reserveCapacity(points.count)
        rows.reserveCapacity(points.count * width)
        rowOf.reserveCapacity(points.count)
        for point in points { append(point) }
    }

    /// Points as flat arrays: positions in degrees, and point i's tally the run numbered
    /// `rowOf[i]` of `width` counts in `rows`.
    init(longitudes: [Double], latitudes: [Double], rows: [Int32], rowOf: [Int32], width: Int) {
        (self.longitudes, self.latitudes, self.rows, self.rowOf, self.width) = (longitudes, latitudes, rows, rowOf, width)
    }

    var count: Int { longitudes.count }

    /// Where point i's tally starts in `rows`.
    func tallyStart(_ i: Int) -> Int { Int(rowOf[i]) * width }

    /// Adds a point with a run of its own; the first of an empty table sets the width. Counts
    /// beyond the width are left out and missing ones are 0.
    mutating func append(_ point: ClusterPoint) {
        if longitudes.isEmpty { width = point.tally.count }
        longitudes.append(point.longitude)
        latitudes.append(point.latitude)
        rowOf.append(Int32(width == 0 ? 0 : rows.count / width))
        for k in 0 ..< width { rows.append(k < point.tally.count ? point.tally[k] : 0) }
    }

    subscript(i: Int) -> ClusterPoint {
        ClusterPoint(longitude: longitudes[i], latitude: latitudes[i], tally: Array(rows[tallyStart(i) ..< tallyStart(i) + width]))
    }
}
