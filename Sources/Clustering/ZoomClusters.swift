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
    /// Its first point's index × 32 + the zoom it forms at + 1: stable for the same points in the
    /// same order, and unchanged when points are appended.
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
    case unknownPoint(Int)

    public var description: String {
        switch self {
        case .unknownCluster(let id): "no cluster has id \(id)"
        case .unknownPoint(let index): "no point has index \(index)"
        }
    }
}

/// Hierarchical greedy clustering per zoom with the semantics of mapbox/supercluster v8: points
/// in spherical Mercator [0, 1]²; from maxZoom down, each point not yet taken at this zoom, in
/// order, gathers the untaken points within radius / (extent · 2^z); a group of at least
/// minPoints becomes a cluster at their weighted centre, and the clusters feed the zoom below.
///
/// Every node of a zoom is ordered by its first point, so a cluster comes where its first point
/// came and a point left alone keeps its place. (supercluster, with minPoints above 2, passes
/// the points of a group too small to cluster on behind the group's first point instead.) That
/// order is what lets `update` add and remove points, redoing only the decisions they touch, and
/// end exactly where a build on the remaining points followed by the new ones would.
public struct ZoomClusters: Sendable {
    public let options: ZoomClusterOptions
    /// Every point ever given, by sequence number; those removed stay, marked dead in the top level.
    private var given: [ClusterPoint]
    /// The sequence numbers of removed points, ascending.
    private var removed: [Int32] = []
    /// levels[z - minZoom] holds what is shown at zoom z; the last is the points themselves.
    private var levels: [Level] = []
    private var clusters = ClusterTable()

    public init(points: [ClusterPoint], options: ZoomClusterOptions = ZoomClusterOptions()) {
        self.given = points
        self.options = options
        clusters.width = points.first?.tally.count ?? 0
        var top = Level(capacity: points.count)
        for (i, point) in points.enumerated() {
            top.append(x: Self.x(point.longitude), y: Self.y(point.latitude), count: 1, key: Int32(i), ref: Int32(i))
        }
        top.buildTree()
        var built = [top]
        for zoom in stride(from: options.maxZoom, through: options.minZoom, by: -1) {
            var input = built.removeLast()
            var next = build(&input, zoom: zoom)
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
        return given.indices.filter { top.alive[$0] }.map { given[$0] }
    }

    private func level(_ zoom: Int) -> Level {
        levels[min(max(zoom, options.minZoom), options.maxZoom + 1) - options.minZoom]
    }

    private func radius(_ zoom: Int) -> Double {
        options.radius / (options.extent * pow(2, Double(zoom)))
    }

    // MARK: Building

    /// Clusters a whole level at `zoom`, in order.
    private mutating func build(_ level: inout Level, zoom: Int) -> Level {
        let r = radius(zoom)
        var next = Level(capacity: level.count / 2)
        var neighbours: [Int] = []
        // The greedy pass is sequential; the neighbour searches it needs are not, so on a large
        // level they are made first, on all cores.
        let found = level.count >= 1 << 16 ? NeighbourLists(level, radius: r) : nil
        for i in 0 ..< level.count where level.claimer[i] < 0 {
            level.claimer[i] = Int32(i)
            if let found { found.copy(i, into: &neighbours) } else { level.tree.within(x: level.xs[i], y: level.ys[i], radius: r, into: &neighbours) }
            neighbours.removeAll { level.claimer[$0] >= 0 }
            neighbours.sort()  // a built level's slots are in order
            for k in neighbours { level.claimer[k] = Int32(i) }
            emit(processor: i, members: neighbours, from: &level, into: &next, zoom: zoom)
        }
        // Points of groups too small to cluster were passed on behind their first: put them in order.
        if zip(next.keys, next.keys.dropFirst()).contains(where: { $0 > $1 }) {
            let order = next.keys.indices.sorted { next.keys[$0] < next.keys[$1] }
            var slotOf = [Int32](repeating: 0, count: order.count)
            for (new, old) in order.enumerated() { slotOf[old] = Int32(new) }
            next.permute(order)
            for i in level.out.indices { level.out[i] = slotOf[Int(level.out[i])] }
            clusters.moveSlots(atZoom: zoom, slotOf)
        }
        return next
    }

    /// What the group of processor `p` and its `members` (in order) shows one zoom out: a cluster
    /// if they are enough, else each of them as it is.
    private mutating func emit(processor p: Int, members: [Int], from level: inout Level, into next: inout Level, zoom: Int) {
        var count = level.counts[p]
        for k in members { count += level.counts[k] }
        if count > level.counts[p] && Int(count) >= options.minPoints {
            var wx = level.xs[p] * Double(level.counts[p]), wy = level.ys[p] * Double(level.counts[p])
            let slot = Int32(next.count)
            let handle = clusters.add(key: level.keys[p], zoom: zoom, slot: slot, origin: Int32(p))
            clusters.absorb(handle, from: level.ref[p], points: given)
            for k in members {
                wx += level.xs[k] * Double(level.counts[k])
                wy += level.ys[k] * Double(level.counts[k])
                clusters.absorb(handle, from: level.ref[k], points: given)
                level.out[k] = slot
            }
            level.out[p] = slot
            next.append(x: wx / Double(count), y: wy / Double(count), count: count, key: level.keys[p], ref: -(handle + 1))
        } else {
            level.out[p] = Int32(next.count)
            next.append(from: level, p)
            for k in members {
                level.out[k] = Int32(next.count)
                next.append(from: level, k)
            }
        }
    }

    // MARK: Updating

    /// Removes the points at `indices` (as they are now) and appends `points`, redoing only what
    /// they change at each zoom. The result equals a build on the remaining points, in order,
    /// followed by the new ones: the same clusters, ids, positions, counts, tallies and boxes.
    public mutating func update(removing indices: some Collection<Int> = [], adding points: [ClusterPoint] = []) throws(ZoomClusterError) {
        var dead: [Int32] = []
        for index in Set(indices).sorted() {
            guard index >= 0, index < count else { throw .unknownPoint(index) }
            dead.append(sequence(ofRank: index))
        }
        if given.isEmpty { clusters.width = points.first?.tally.count ?? 0 }
        var top = Level()
        swap(&top, &levels[levels.count - 1])
        for seq in dead { top.alive[Int(seq)] = false }
        removed = (removed + dead).sorted()
        var fresh: [Int32] = []
        for point in points {
            let seq = Int32(given.count)
            given.append(point)
            fresh.append(seq)
            top.append(x: Self.x(point.longitude), y: Self.y(point.latitude), count: 1, key: seq, ref: seq)
        }
        swap(&top, &levels[levels.count - 1])
        for zoom in stride(from: options.maxZoom, through: options.minZoom, by: -1) {
            guard !dead.isEmpty || !fresh.isEmpty else { break }
            var input = Level(), next = Level()
            swap(&input, &levels[zoom + 1 - options.minZoom])
            swap(&next, &levels[zoom - options.minZoom])
            (dead, fresh) = update(&input, into: &next, zoom: zoom, dead: dead, fresh: fresh)
            swap(&input, &levels[zoom + 1 - options.minZoom])
            swap(&next, &levels[zoom - options.minZoom])
        }
        for i in levels.indices { levels[i].refreshTree() }
    }

    /// Redoes the decisions at `zoom` that the `dead` and `fresh` slots of `level` touch, in order:
    /// a node is a group's first (a processor) when no earlier processor is within the radius,
    /// and otherwise joins the earliest such processor. Returns the slots of `next` it removed and
    /// added.
    private mutating func update(_ level: inout Level, into next: inout Level, zoom: Int, dead: [Int32], fresh: [Int32]) -> (dead: [Int32], fresh: [Int32]) {
        let r = radius(zoom)
        var pending = SlotHeap(), regroup = Set<Int32>(), stale = Set<Int32>()
        var found: [Int] = []
        for d in dead {
            if level.out[Int(d)] >= 0 { stale.insert(level.out[Int(d)]) }
            let claimer = level.claimer[Int(d)]
            if claimer == d {
                level.neighbours(of: Int(d), radius: r, into: &found)
                for k in found where level.keys[k] > level.keys[Int(d)] { pending.push(key: level.keys[k], slot: Int32(k)) }
            }
            if claimer >= 0 { regroup.insert(claimer) }
        }
        for a in fresh { pending.push(key: level.keys[Int(a)], slot: a) }
        while let i = pending.pop() {
            guard level.alive[i] else { continue }
            level.neighbours(of: i, radius: r, into: &found)
            var claimer = Int32(i)
            for k in found where level.claimer[k] == Int32(k) && level.keys[k] < level.keys[Int(claimer)] { claimer = Int32(k) }
            let old = level.claimer[i]
            guard old != claimer else { continue }
            level.claimer[i] = claimer
            if level.out[i] >= 0 { stale.insert(level.out[i]) }
            if old >= 0 { regroup.insert(old) }
            regroup.insert(claimer)
            if (old == Int32(i)) != (claimer == Int32(i)) {
                for k in found where level.keys[k] > level.keys[i] { pending.push(key: level.keys[k], slot: Int32(k)) }
            }
        }
        let first = next.count
        for p in regroup.sorted() where level.alive[Int(p)] && level.claimer[Int(p)] == p {
            level.neighbours(of: Int(p), radius: r, into: &found)
            let members = found.filter { level.claimer[$0] == p }.sorted { level.keys[$0] < level.keys[$1] }
            for m in members + [Int(p)] where level.out[m] >= 0 { stale.insert(level.out[m]) }
            emit(processor: Int(p), members: members, from: &level, into: &next, zoom: zoom)
        }
        for slot in stale {
            next.alive[Int(slot)] = false
            let ref = next.ref[Int(slot)]
            if ref < 0 { clusters.remove(-(ref + 1), ifMadeAt: zoom, slot: slot) }
        }
        return (Array(stale), (first ..< next.count).map { Int32($0) })
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
        let found = level.range(minX: Self.x(minLng), minY: Self.y(maxLat), maxX: Self.x(maxLng), maxY: Self.y(minLat))
        return found.map { node(level, $0) }
    }

    /// The node that shows each point at `zoom`, by point index: the point itself, or the
    /// cluster it is in. One pass down the levels, where asking for each cluster's leaves would
    /// walk every cluster's tree.
    public func nodes(ofPointsAt zoom: Int) -> [ClusterNode] {
        let zoom = min(max(zoom, options.minZoom), options.maxZoom + 1)
        let top = levels[levels.count - 1]
        return (0 ..< top.count).filter { top.alive[$0] }.map { seq in
            var slot = seq
            for z in stride(from: options.maxZoom + 1, to: zoom, by: -1) { slot = Int(levels[z - options.minZoom].out[slot]) }
            return node(levels[zoom - options.minZoom], slot)
        }
    }

    /// The nodes one zoom in that make up the cluster, in order.
    public func children(of id: Int) throws(ZoomClusterError) -> [ClusterNode] {
        let zoom = id & 31 - 1, rank = id >> 5
        guard id >= 0, zoom >= options.minZoom, zoom <= options.maxZoom, rank < count,
              let handle = clusters.handle(key: sequence(ofRank: rank), zoom: zoom)
        else { throw .unknownCluster(id) }
        let level = levels[zoom + 1 - options.minZoom]
        let origin = Int(clusters.origins[handle]), slot = clusters.slots[handle]
        var found: [Int] = []
        level.neighbours(of: origin, radius: radius(zoom), into: &found)
        found.append(origin)
        return found.filter { level.out[$0] == slot }.sorted { level.keys[$0] < level.keys[$1] }.map { node(level, $0) }
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
        var zoom = id & 31 - 1
        guard id >= 0, zoom >= options.minZoom, zoom <= options.maxZoom else { throw .unknownCluster(id) }
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
        if ref >= 0 { return .point(rank(ofSequence: Int32(ref))) }
        let handle = -ref - 1
        return .cluster(Cluster(
            id: rank(ofSequence: clusters.keys[handle]) << 5 + Int(clusters.zooms[handle]) + 1,
            pointCount: Int(level.counts[i]), longitude: Self.longitude(level.xs[i]),
            latitude: Self.latitude(level.ys[i]), tally: clusters.tally(handle), bbox: clusters.bbox(handle)))
    }

    // MARK: Ranks

    /// A point's index now: its sequence number less the removed ones before it.
    private func rank(ofSequence seq: Int32) -> Int {
        Int(seq) - removed.partitioningIndex(where: { $0 >= seq })
    }

    /// The sequence number of the point at `rank`: the first with `rank` + 1 points alive up to it.
    private func sequence(ofRank rank: Int) -> Int32 {
        var low = rank, high = rank + removed.count
        while low < high {
            let mid = (low + high) / 2
            if mid + 1 - removed.partitioningIndex(where: { $0 > Int32(mid) }) >= rank + 1 { high = mid } else { low = mid + 1 }
        }
        return Int32(low)
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

/// What one zoom shows, as flat arrays of slots. Each slot has a position, how many points it
/// stands for, its order (the sequence number of its first point), what it is (≥ 0: a point's
/// sequence number; < 0: a cluster, -(handle + 1)) and whether it is still there; and, as input
/// to the zoom below, the processor that took it and the slot it became there. Slots are never
/// reused: an update marks the old dead and appends the new, which the tree, rebuilt when they
/// grow many, does not hold yet and searches scan.
private struct Level: Sendable {
    var xs: [Double] = [], ys: [Double] = []
    var counts: [Int32] = []
    var keys: [Int32] = []
    var ref: [Int32] = []
    var alive: [Bool] = []
    var claimer: [Int32] = []
    var out: [Int32] = []
    var tree = KDTree(xs: [], ys: [])
    var treeCount = 0

    init(capacity: Int = 0) {
        xs.reserveCapacity(capacity)
        ys.reserveCapacity(capacity)
        counts.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
        ref.reserveCapacity(capacity)
    }

    var count: Int { xs.count }

    mutating func append(x: Double, y: Double, count: Int32, key: Int32, ref: Int32) {
        xs.append(x)
        ys.append(y)
        counts.append(count)
        keys.append(key)
        self.ref.append(ref)
        alive.append(true)
        claimer.append(-1)
        out.append(-1)
    }

    mutating func append(from other: Level, _ i: Int) {
        append(x: other.xs[i], y: other.ys[i], count: other.counts[i], key: other.keys[i], ref: other.ref[i])
    }

    /// Reorders a freshly built level's slots: `order[new] = old`.
    mutating func permute(_ order: [Int]) {
        xs = order.map { xs[$0] }
        ys = order.map { ys[$0] }
        counts = order.map { counts[$0] }
        keys = order.map { keys[$0] }
        ref = order.map { ref[$0] }
    }

    mutating func buildTree() {
        tree = KDTree(xs: xs, ys: ys)
        treeCount = count
    }

    /// Rebuilds the tree once the slots it does not hold are more than a few.
    mutating func refreshTree() {
        if count - treeCount > Swift.max(256, treeCount / 8) { buildTree() }
    }

    /// The live slots within `radius` of slot `i`, other than `i`.
    func neighbours(of i: Int, radius: Double, into found: inout [Int]) {
        let qx = xs[i], qy = ys[i], r2 = radius * radius
        tree.within(x: qx, y: qy, radius: radius, into: &found)
        for k in treeCount ..< count {
            let dx = xs[k] - qx, dy = ys[k] - qy
            if dx * dx + dy * dy <= r2 { found.append(k) }
        }
        found.removeAll { !alive[$0] || $0 == i }
    }

    /// The live slots inside the box.
    func range(minX: Double, minY: Double, maxX: Double, maxY: Double) -> [Int] {
        var found = tree.range(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        for k in treeCount ..< count where xs[k] >= minX && xs[k] <= maxX && ys[k] >= minY && ys[k] <= maxY {
            found.append(k)
        }
        return found.filter { alive[$0] }
    }
}

/// Slots to revisit, smallest order first.
private struct SlotHeap {
    private var items: [UInt64] = []

    mutating func push(key: Int32, slot: Int32) {
        items.append(UInt64(UInt32(key)) << 32 | UInt64(UInt32(slot)))
        var i = items.count - 1
        while i > 0, items[(i - 1) / 2] > items[i] {
            items.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, items[l] < items[m] { m = l }
            if r < items.count, items[r] < items[m] { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return Int(top & 0xFFFF_FFFF)
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

/// Every cluster of every zoom, by handle: its order and zoom (which make its id), where it is
/// shown, the slot one zoom in of the node that gathered it, the sum of its points' tallies,
/// and their box.
private struct ClusterTable: Sendable {
    var keys: [Int32] = []
    var zooms: [Int8] = []
    var slots: [Int32] = []
    var origins: [Int32] = []
    var byID: [Int: Int] = [:]
    var tallies: [Int32] = []
    var boxes: [Double] = []  // west, south, east, north per cluster
    var width = 0

    private static func id(key: Int32, zoom: Int) -> Int { Int(key) << 5 | (zoom + 1) }

    func handle(key: Int32, zoom: Int) -> Int? { byID[Self.id(key: key, zoom: zoom)] }

    mutating func add(key: Int32, zoom: Int, slot: Int32, origin: Int32) -> Int32 {
        let handle = keys.count
        keys.append(key)
        zooms.append(Int8(zoom))
        slots.append(slot)
        origins.append(origin)
        byID[Self.id(key: key, zoom: zoom)] = handle
        tallies += [Int32](repeating: 0, count: width)
        boxes += [.infinity, .infinity, -.infinity, -.infinity]
        return Int32(handle)
    }

    /// Forgets the cluster if slot `slot` of zoom `zoom` is where it was made (not passed on to).
    mutating func remove(_ handle: Int32, ifMadeAt zoom: Int, slot: Int32) {
        let h = Int(handle)
        if Int(zooms[h]) == zoom && slots[h] == slot && byID[Self.id(key: keys[h], zoom: zoom)] == h {
            byID[Self.id(key: keys[h], zoom: zoom)] = nil
        }
    }

    mutating func moveSlots(atZoom zoom: Int, _ slotOf: [Int32]) {
        for h in slots.indices where Int(zooms[h]) == zoom { slots[h] = slotOf[Int(slots[h])] }
    }

    /// Adds a point's or a cluster's tally and box to cluster `handle`.
    mutating func absorb(_ handle: Int32, from ref: Int32, points: [ClusterPoint]) {
        let target = Int(handle)
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

    func tally(_ handle: Int) -> [Int32] { Array(tallies[handle * width ..< (handle + 1) * width]) }
    func bbox(_ handle: Int) -> [Double] { Array(boxes[4 * handle ..< 4 * handle + 4]) }
}
