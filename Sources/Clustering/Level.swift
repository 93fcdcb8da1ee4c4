/// What one zoom shows, as flat arrays of slots. Each slot has a position, how many points it
/// stands for, its first point (its sequence number, whose order key orders it), what it is (≥ 0: a point's
/// sequence number; < 0: a cluster, -(handle + 1)) and whether it is still there; and, as input
/// to the zoom below, the processor that took it and the slot it became there. Slots are never
/// reused: an update marks the old dead and appends the new, which the tree, rebuilt when they
/// grow many, does not hold yet and searches scan.
struct Level: Sendable {
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
        tree.within(x: qx, y: qy, radius: radius, xs: xs, ys: ys, into: &found)
        for k in treeCount ..< count {
            let dx = xs[k] - qx, dy = ys[k] - qy
            if dx * dx + dy * dy <= r2 { found.append(k) }
        }
        found.removeAll { !alive[$0] || $0 == i }
    }

    /// The live slots inside the box.
    func range(minX: Double, minY: Double, maxX: Double, maxY: Double) -> [Int] {
        var found = tree.range(minX: minX, minY: minY, maxX: maxX, maxY: maxY, xs: xs, ys: ys)
        for k in treeCount ..< count where xs[k] >= minX && xs[k] <= maxX && ys[k] >= minY && ys[k] <= maxY {
            found.append(k)
        }
        return found.filter { alive[$0] }
    }
}
