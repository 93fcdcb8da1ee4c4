import Foundation
import GeoJSON

/// Hierarchical greedy clustering per zoom with the semantics of mapbox/supercluster v8: points
/// in Web Mercator's unit square [0, 1]²; from maxZoom down, each point not yet taken at this
/// zoom, in order, gathers the untaken points within radius / (extent · 2^z); a group of at least
/// minPoints becomes a cluster at their weighted centre, and the clusters feed the zoom below.
///
/// Every node of a zoom is ordered by its first point, so a cluster comes where its first point
/// came and a point left alone keeps its place. (supercluster, with minPoints above 2, passes
/// the points of a group too small to cluster on behind the group's first point instead.) That
/// order is what lets `update` remove points and insert new ones anywhere in the order, redoing
/// only the decisions they touch, and end exactly where a build on the final points would.
///
/// The order is kept as an order key per point, not as its index: keys are spaced 2³² apart at
/// build, and a point inserted later takes a key between its neighbours', so no other point's key
/// changes. The points' indices (ranks) are kept by sequence number, rewritten where an update
/// moves them.
///
/// Each node (a point, or a cluster of some zoom) is stored once, in `nodes`, and each zoom's
/// level says which nodes it shows: a point no group takes at a zoom is the same node there, so
/// the many points that stand alone at high zooms cost a bit per zoom, not a copy.
///
/// The work is in one file per job: building (`ZoomClusters+Build.swift`), updating
/// (`ZoomClusters+Update.swift`, with the final order and its keys in `ZoomClusters+Order.swift`)
/// and queries (`ZoomClusters+Queries.swift`), over the flat tables of `PointTable`, `NodeTable`,
/// `Level` and `ClusterTable`.
public struct ZoomClusters: Sendable {
    /// The zooms, radius and minimum cluster size the index was built with.
    public let options: ZoomClusterOptions
    /// Every point ever given, by sequence number; those removed stay, marked dead in the top level.
    var given: PointTable
    /// Each given point's order key, by sequence number: (i + 1) · 2³² for the point at index i of
    /// a build; a point inserted later gets one strictly between its neighbours'. Removed points
    /// keep theirs.
    var orderKeys: [Int64]
    /// The sequence numbers of the points there are, in order: by index (rank).
    var ranked: [Int32]
    /// Each given point's index, by sequence number; -1 once removed.
    var rankOf: [Int32]
    /// Each given point's node, by sequence number.
    var pointNodes: [Int32]
    /// Every node of every zoom.
    var nodes = NodeTable()
    /// levels[z - minZoom] holds what is shown at zoom z; the last is the points themselves.
    var levels: [Level] = []
    var clusters = ClusterTable()

    /// Clusters `points` (longitude and latitude in degrees) at every zoom of `options`.
    public init(points: [ClusterPoint], options: ZoomClusterOptions = ZoomClusterOptions()) {
        self.init(table: PointTable(points), options: options)
    }

    /// Clusters points given as flat arrays, without a tally array per point: point i is at
    /// `longitudes[i]`, `latitudes[i]` (degrees) and adds `tallies[i * width ..< (i + 1) * width]`
    /// to its clusters. The result is the one `init(points:options:)` gives for the same points.
    /// - Precondition: as many latitudes as longitudes, and `width` counts for each in `tallies`.
    public init(longitudes: [Double], latitudes: [Double], tallies: [Int32], width: Int, options: ZoomClusterOptions = ZoomClusterOptions()) {
        precondition(latitudes.count == longitudes.count && tallies.count == longitudes.count * width && width >= 0, "flat points of unequal lengths")
        let rowOf = width == 0 ? [Int32](repeating: 0, count: longitudes.count) : Array(0 ..< Int32(longitudes.count))
        self.init(table: PointTable(longitudes: longitudes, latitudes: latitudes, rows: tallies, rowOf: rowOf, width: width), options: options)
    }

    /// Clusters points given as flat arrays whose tallies are runs that many points share: point i
    /// is at `longitudes[i]`, `latitudes[i]` (degrees) and adds the run numbered `rowOf[i]`,
    /// `tallyRows[rowOf[i] * width ..< (rowOf[i] + 1) * width]`, to its clusters. The result is the
    /// one `init(points:options:)` gives for the same points.
    /// - Precondition: as many latitudes and runs numbers as longitudes, each number a run of `tallyRows`.
    public init(longitudes: [Double], latitudes: [Double], tallyRows: [Int32], rowOf: [Int32], width: Int, options: ZoomClusterOptions = ZoomClusterOptions()) {
        let runs = width == 0 ? 1 : tallyRows.count / width
        precondition(latitudes.count == longitudes.count && rowOf.count == longitudes.count && width >= 0 && tallyRows.count % max(width, 1) == 0
            && rowOf.allSatisfy { $0 >= 0 && Int($0) < runs }, "flat points of unequal lengths")
        self.init(table: PointTable(longitudes: longitudes, latitudes: latitudes, rows: tallyRows, rowOf: rowOf, width: width), options: options)
    }

    private init(table: PointTable, options: ZoomClusterOptions) {
        self.given = table
        self.options = options
        orderKeys = (0 ..< Int64(table.count)).map { ($0 + 1) << Self.keySpacing }
        ranked = Array(0 ..< Int32(table.count))
        rankOf = ranked
        pointNodes = ranked
        clusters.width = given.width
        var top = Level()
        for i in 0 ..< given.count {
            _ = nodes.append(x: WebMercator.x(given.longitudes[i]), y: WebMercator.y(given.latitudes[i]), count: 1, key: Int32(i), ref: Int32(i))
            top.alive.insert(i)
        }
        var order = ranked
        top.base = KDTree(ids: order, xs: nodes.xs, ys: nodes.ys)
        var built = [top]
        var lists = NeighbourLists()
        for zoom in stride(from: options.maxZoom, through: options.minZoom, by: -1) {
            var input = built.removeLast()
            let (next, shown) = build(&input, order: order, zoom: zoom, lists: &lists)
            built.append(input)
            built.append(next)
            order = shown
        }
        levels = built.reversed()
    }

    /// How many points there are.
    public var count: Int { ranked.count }

    /// The points in order.
    public var points: [ClusterPoint] { ranked.map { given[Int($0)] } }

    /// What is shown at `zoom`, the zoom taken within minZoom ... maxZoom + 1.
    func level(_ zoom: Int) -> Level {
        levels[min(max(zoom, options.minZoom), options.maxZoom + 1) - options.minZoom]
    }

    /// The cluster radius at `zoom` in unit-square units.
    func radius(_ zoom: Int) -> Double {
        options.radius / (options.extent * pow(2, Double(zoom)))
    }

    // MARK: Order

    /// log₂ of the distance between neighbouring order keys at build: 2³², so that about 32
    /// insertions fit between two neighbours before the index has to be built anew.
    static let keySpacing: Int64 = 32

    /// The order key of node `i`: its first point's.
    func orderKey(_ i: Int) -> Int64 { orderKeys[Int(nodes.keys[i])] }

    /// A point's index now, by its sequence number.
    func rank(ofSequence seq: Int32) -> Int { Int(rankOf[Int(seq)]) }
}
