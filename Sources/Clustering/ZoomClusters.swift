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
/// order is what lets `update` add and remove points, redoing only the decisions they touch, and
/// end exactly where a build on the remaining points followed by the new ones would.
///
/// The work is in one file per job: building (`ZoomClusters+Build.swift`), updating
/// (`ZoomClusters+Update.swift`) and queries (`ZoomClusters+Queries.swift`), over the flat
/// tables of `PointTable`, `Level` and `ClusterTable`.
public struct ZoomClusters: Sendable {
    /// The zooms, radius and minimum cluster size the index was built with.
    public let options: ZoomClusterOptions
    /// Every point ever given, by sequence number; those removed stay, marked dead in the top level.
    var given: PointTable
    /// The sequence numbers of removed points, ascending.
    var removed: [Int32] = []
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
        self.init(table: PointTable(longitudes: longitudes, latitudes: latitudes, tallies: tallies, width: width), options: options)
    }

    private init(table: PointTable, options: ZoomClusterOptions) {
        self.given = table
        self.options = options
        clusters.width = given.width
        var top = Level(capacity: given.count)
        for i in 0 ..< given.count {
            top.append(x: WebMercator.x(given.longitudes[i]), y: WebMercator.y(given.latitudes[i]), count: 1, key: Int32(i), ref: Int32(i))
        }
        top.buildTree()
        var built = [top]
        var lists = NeighbourLists()
        for zoom in stride(from: options.maxZoom, through: options.minZoom, by: -1) {
            var input = built.removeLast()
            var next = build(&input, zoom: zoom, lists: &lists)
            built.append(input)
            next.buildTree()
            built.append(next)
        }
        levels = built.reversed()
    }

    /// How many points there are.
    public var count: Int { given.count - removed.count }

    /// The points in order: those given less those removed, then those added.
    public var points: [ClusterPoint] {
        let top = levels[levels.count - 1]
        return (0 ..< given.count).filter { top.alive[$0] }.map { given[$0] }
    }

    /// What is shown at `zoom`, the zoom taken within minZoom ... maxZoom + 1.
    func level(_ zoom: Int) -> Level {
        levels[min(max(zoom, options.minZoom), options.maxZoom + 1) - options.minZoom]
    }

    /// The cluster radius at `zoom` in unit-square units.
    func radius(_ zoom: Int) -> Double {
        options.radius / (options.extent * pow(2, Double(zoom)))
    }

    // MARK: Ranks

    /// A point's index now: its sequence number less the removed ones before it.
    func rank(ofSequence seq: Int32) -> Int {
        Int(seq) - removed.partitioningIndex(where: { $0 >= seq })
    }

    /// The sequence number of the point at `rank`: the first with `rank` + 1 points alive up to it.
    func sequence(ofRank rank: Int) -> Int32 {
        var low = rank, high = rank + removed.count
        while low < high {
            let mid = (low + high) / 2
            if mid + 1 - removed.partitioningIndex(where: { $0 > Int32(mid) }) >= rank + 1 { high = mid } else { low = mid + 1 }
        }
        return Int32(low)
    }
}

extension Array where Element == Int32 {
    /// The index of the first element for which `belongs` holds, in an array where it holds for a suffix.
    func partitioningIndex(where belongs: (Int32) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
