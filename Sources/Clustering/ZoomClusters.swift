import Foundation

/// The settings of zoom clustering, with supercluster's defaults.
public struct ZoomClusterOptions: Sendable, Hashable {
    /// The lowest zoom that gets clusters.
    public var minZoom = 0
    /// The highest zoom that gets clusters; above it every point stands alone.
    public var maxZoom = 16
    /// The cluster radius, in pixels of a tile `extent` pixels wide.
    public var radius = 40.0
    public var extent = 512.0
    /// The fewest points that make a cluster.
    public var minPoints = 2

    public init(minZoom: Int = 0, maxZoom: Int = 16, radius: Double = 40, extent: Double = 512, minPoints: Int = 2) {
        (self.minZoom, self.maxZoom, self.radius, self.extent, self.minPoints) = (minZoom, maxZoom, radius, extent, minPoints)
    }
}

/// A point to cluster: where it is, and what it adds to the tallies of the clusters it joins
/// (one count per category, e.g. participation levels then groups then sectors).
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

public struct Cluster: Sendable, Hashable {
    /// Stable for the same points in the same order (supercluster's numbering).
    public var id: Int
    public var pointCount: Int
    /// The weighted centre of its points.
    public var longitude: Double
    public var latitude: Double
    /// The sum of its points' tallies.
    public var tally: [Int32]
    /// The longitude/latitude box of its points: west, south, east, north.
    public var bbox: [Double]
}

public enum ZoomClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCluster(Int)

    public var description: String {
        switch self {
        case .unknownCluster(let id): "no cluster has id \(id)"
        }
    }
}

/// Hierarchical greedy clustering per zoom with the semantics of mapbox/supercluster v8: points
/// in spherical Mercator [0, 1]²; from maxZoom down, each point not yet taken at this zoom, in
/// order, gathers the untaken points within radius / (extent · 2^z); a group of at least
/// minPoints becomes a cluster at their weighted centre, and the clusters feed the zoom below.
public struct ZoomClusters: Sendable {
    public let options: ZoomClusterOptions
    public let points: [ClusterPoint]
    /// levels[z - minZoom] holds what is shown at zoom z; the last is the points themselves.
    private var levels: [Level] = []
    private var clusters = ClusterTable()

    public init(points: [ClusterPoint], options: ZoomClusterOptions = ZoomClusterOptions()) {
        self.points = points
        self.options = options
        var top = Level(capacity: points.count)
        for (i, point) in points.enumerated() {
            top.append(x: Self.x(point.longitude), y: Self.y(point.latitude), count: 1, ref: Int32(i))
        }
        top.buildTree()
        var built = [top]
        for zoom in stride(from: options.maxZoom, through: options.minZoom, by: -1) {
            var next = cluster(&built[built.count - 1], zoom: zoom)
            next.buildTree()
            built.append(next)
        }
        levels = built.reversed()
    }

    private func level(_ zoom: Int) -> Level {
        levels[min(max(zoom, options.minZoom), options.maxZoom + 1) - options.minZoom]
    }

    // MARK: Building

    private mutating func cluster(_ level: inout Level, zoom: Int) -> Level {
        let r = options.radius / (options.extent * pow(2, Double(zoom)))
        var next = Level(capacity: level.count / 2)
        var neighbours: [Int] = []
        let z = Int8(zoom)
        // The greedy pass is sequential; the neighbour searches it needs are not, so on a large
        // level they are made first, on all cores.
        let found = level.count >= 1 << 16 ? NeighbourLists(level, radius: r) : nil
        for i in 0 ..< level.count {
            if level.zoom[i] <= z { continue }
            level.zoom[i] = z
            let x = level.xs[i], y = level.ys[i]
            if let found { found.copy(i, into: &neighbours) } else { level.tree.within(x: x, y: y, radius: r, into: &neighbours) }
            let originCount = level.counts[i]
            var count = originCount
            for k in neighbours where level.zoom[k] > z { count += level.counts[k] }
            if count > originCount && Int(count) >= options.minPoints {
                var wx = x * Double(originCount), wy = y * Double(originCount)
                let id = (i << 5) + (zoom + 1) + points.count
                let seq = clusters.add(id: id, tallyWidth: points.first?.tally.count ?? 0)
                clusters.absorb(seq, from: level.ref[i], points: points)
                for k in neighbours where level.zoom[k] > z {
                    level.zoom[k] = z
                    wx += level.xs[k] * Double(level.counts[k])
                    wy += level.ys[k] * Double(level.counts[k])
                    level.parent[k] = seq
                    clusters.absorb(seq, from: level.ref[k], points: points)
                }
                level.parent[i] = seq
                next.append(x: wx / Double(count), y: wy / Double(count), count: count, ref: -(seq + 1))
            } else {
                next.append(from: level, i)
                if count > 1 {
                    for k in neighbours where level.zoom[k] > z {
                        level.zoom[k] = z
                        next.append(from: level, k)
                    }
                }
            }
        }
        return next
    }

    // MARK: Queries

    /// What is shown at `zoom` inside the box (west > east crosses the antimeridian).
    public func nodes(west: Double, south: Double, east: Double, north: Double, zoom: Int) -> [ClusterNode] {
        var minLng = ((west + 180).truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) - 180
        let minLat = max(-90, min(90, south))
        var maxLng = east == 180 ? 180 : ((east + 180).truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) - 180
        let maxLat = max(-90, min(90, north))
        if east - west >= 360 {
            (minLng, maxLng) = (-180, 180)
        } else if minLng > maxLng {
            return nodes(west: minLng, south: minLat, east: 180, north: maxLat, zoom: zoom)
                + nodes(west: -180, south: minLat, east: maxLng, north: maxLat, zoom: zoom)
        }
        let level = level(zoom)
        let found = level.tree.range(minX: Self.x(minLng), minY: Self.y(maxLat), maxX: Self.x(maxLng), maxY: Self.y(minLat))
        return found.map { node(level, $0) }
    }

    /// The nodes one zoom in that make up the cluster.
    public func children(of id: Int) throws(ZoomClusterError) -> [ClusterNode] {
        let originIndex = (id - points.count) >> 5, originZoom = (id - points.count) % 32
        guard let seq = clusters.seq(of: id), originZoom >= options.minZoom + 1, originZoom <= options.maxZoom + 1 else {
            throw .unknownCluster(id)
        }
        let level = levels[originZoom - options.minZoom]
        guard originIndex < level.count else { throw .unknownCluster(id) }
        let r = options.radius / (options.extent * pow(2, Double(originZoom - 1)))
        var found: [Int] = []
        level.tree.within(x: level.xs[originIndex], y: level.ys[originIndex], radius: r, into: &found)
        let children = found.filter { level.parent[$0] == seq }.map { node(level, $0) }
        guard !children.isEmpty else { throw .unknownCluster(id) }
        return children
    }

    /// The input points of the cluster, `limit` of them from `offset`, in the order children are found.
    public func leaves(of id: Int, limit: Int = 10, offset: Int = 0) throws(ZoomClusterError) -> [Int] {
        var leaves: [Int] = []
        var skipped = 0
        func collect(_ id: Int) throws(ZoomClusterError) {
            for child in try children(of: id) {
                if leaves.count >= limit { return }
                switch child {
                case .cluster(let cluster):
                    if skipped + cluster.pointCount <= offset {
                        skipped += cluster.pointCount
                    } else {
                        try collect(cluster.id)
                    }
                case .point(let index):
                    if skipped < offset { skipped += 1 } else { leaves.append(index) }
                }
            }
        }
        try collect(id)
        return leaves
    }

    /// The zoom at which the cluster splits into more than one node.
    public func expansionZoom(of id: Int) throws(ZoomClusterError) -> Int {
        var id = id
        var zoom = (id - points.count) % 32 - 1
        while zoom <= options.maxZoom {
            let children = try children(of: id)
            zoom += 1
            guard children.count == 1, case .cluster(let only) = children[0] else { break }
            id = only.id
        }
        return zoom
    }

    private func node(_ level: Level, _ i: Int) -> ClusterNode {
        let ref = Int(level.ref[i])
        if ref >= 0 { return .point(ref) }
        let seq = -ref - 1
        return .cluster(Cluster(
            id: clusters.ids[seq], pointCount: Int(level.counts[i]), longitude: Self.longitude(level.xs[i]),
            latitude: Self.latitude(level.ys[i]), tally: clusters.tally(seq), bbox: clusters.bbox(seq)))
    }

    // MARK: Projection

    static func x(_ longitude: Double) -> Double { longitude / 360 + 0.5 }

    static func y(_ latitude: Double) -> Double {
        let s = sin(latitude * .pi / 180)
        let y = 0.5 - 0.25 * log((1 + s) / (1 - s)) / .pi
        return y < 0 ? 0 : y > 1 ? 1 : y
    }

    static func longitude(_ x: Double) -> Double { (x - 0.5) * 360 }

    static func latitude(_ y: Double) -> Double {
        let y2 = (180 - y * 360) * .pi / 180
        return 360 * atan(exp(y2)) / .pi - 90
    }
}

/// What one zoom shows, as flat arrays: position, the zoom at which it was taken, the cluster
/// that took it, how many points it stands for, and what it is (≥ 0: an input point; < 0: a
/// cluster, -(seq + 1)).
private struct Level: Sendable {
    var xs: [Double] = [], ys: [Double] = []
    var zoom: [Int8] = []
    var parent: [Int32] = []
    var counts: [Int32] = []
    var ref: [Int32] = []
    var tree = KDTree(xs: [], ys: [])

    init(capacity: Int) {
        xs.reserveCapacity(capacity)
        ys.reserveCapacity(capacity)
        counts.reserveCapacity(capacity)
        ref.reserveCapacity(capacity)
    }

    var count: Int { xs.count }

    mutating func append(x: Double, y: Double, count: Int32, ref: Int32) {
        xs.append(x)
        ys.append(y)
        counts.append(count)
        self.ref.append(ref)
    }

    mutating func append(from other: Level, _ i: Int) {
        append(x: other.xs[i], y: other.ys[i], count: other.counts[i], ref: other.ref[i])
    }

    mutating func buildTree() {
        zoom = [Int8](repeating: .max, count: xs.count)
        parent = [Int32](repeating: -1, count: xs.count)
        tree = KDTree(xs: xs, ys: ys)
    }
}

/// Every point's neighbours within a radius, as one flat array with offsets, found in chunks
/// on all cores; each list in the order the tree finds them, as a search one at a time would.
private struct NeighbourLists {
    private var offsets: [Int] = [0]
    private var items: [Int32] = []

    init(_ level: Level, radius: Double) {
        let chunks = 64, count = level.count
        let size = (count + chunks - 1) / chunks
        var parts = [([Int], [Int32])](repeating: ([], []), count: chunks)
        parts.withUnsafeMutableBufferPointer { slots in
            let slots = Slots(base: slots.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var counts: [Int] = [], items: [Int32] = [], found: [Int] = []
                for i in chunk * size ..< min(count, (chunk + 1) * size) {
                    level.tree.within(x: level.xs[i], y: level.ys[i], radius: radius, into: &found)
                    counts.append(found.count)
                    items.append(contentsOf: found.lazy.map { Int32($0) })
                }
                slots.base[chunk] = (counts, items)
            }
        }
        offsets.reserveCapacity(count + 1)
        for (counts, items) in parts {
            for n in counts { offsets.append(offsets[offsets.count - 1] + n) }
            self.items.append(contentsOf: items)
        }
    }

    func copy(_ i: Int, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        for k in offsets[i] ..< offsets[i + 1] { result.append(Int(items[k])) }
    }
}

/// Slots each written by exactly one worker.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// Every cluster of every zoom: its id, the sum of its points' tallies, and their box.
private struct ClusterTable: Sendable {
    var ids: [Int] = []
    var seqByID: [Int: Int32] = [:]
    var tallies: [Int32] = []
    var boxes: [Double] = []  // west, south, east, north per cluster
    var width = 0

    func seq(of id: Int) -> Int32? { seqByID[id] }

    mutating func add(id: Int, tallyWidth: Int) -> Int32 {
        width = tallyWidth
        let seq = Int32(ids.count)
        ids.append(id)
        seqByID[id] = seq
        tallies += [Int32](repeating: 0, count: width)
        boxes += [.infinity, .infinity, -.infinity, -.infinity]
        return seq
    }

    /// Adds a point's or a cluster's tally and box to cluster `seq`.
    mutating func absorb(_ seq: Int32, from ref: Int32, points: [ClusterPoint]) {
        let target = Int(seq)
        if ref >= 0 {
            let point = points[Int(ref)]
            for k in 0 ..< width { tallies[target * width + k] += point.tally[k] }
            extend(target, point.longitude, point.latitude, point.longitude, point.latitude)
        } else {
            let source = Int(-ref - 1)
            for k in 0 ..< width { tallies[target * width + k] += tallies[source * width + k] }
            extend(target, boxes[4 * source], boxes[4 * source + 1], boxes[4 * source + 2], boxes[4 * source + 3])
        }
    }

    private mutating func extend(_ i: Int, _ w: Double, _ s: Double, _ e: Double, _ n: Double) {
        boxes[4 * i] = min(boxes[4 * i], w)
        boxes[4 * i + 1] = min(boxes[4 * i + 1], s)
        boxes[4 * i + 2] = max(boxes[4 * i + 2], e)
        boxes[4 * i + 3] = max(boxes[4 * i + 3], n)
    }

    func tally(_ seq: Int) -> [Int32] { Array(tallies[seq * width ..< (seq + 1) * width]) }
    func bbox(_ seq: Int) -> [Double] { Array(boxes[4 * seq ..< 4 * seq + 4]) }
}
