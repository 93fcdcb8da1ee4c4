/// What one zoom shows: which nodes of the `NodeTable` are there, and, as input to the zoom
/// below, the node that took each (its processor: itself unless noted) and the node it became
/// there (itself unless noted; a node no group takes is shown one zoom out as itself). A node
/// an update makes is noted as undecided (-1) until the zoom below is redone.
///
/// Its nodes are found through a k-d tree that it may share with the levels above (`base`,
/// which may hold nodes no longer shown here; they are skipped), a small tree of its nodes the
/// base does not hold (`young`), and the nodes an update added since (`loose`), which searches
/// scan until there are enough of them to build the trees anew.
struct Level: Sendable {
    var alive = NodeSet()
    private var claimers: [Int32: Int32] = [:]
    private var outs: [Int32: Int32] = [:]
    var base = KDTree()
    var young = KDTree()
    var loose: [Int32] = []

    /// The processor that took node i (i itself when it leads its group); -1 while undecided.
    func claimer(_ i: Int) -> Int32 { claimers[Int32(i)] ?? Int32(i) }
    mutating func setClaimer(_ i: Int, _ claimer: Int32) {
        claimers[Int32(i)] = claimer == Int32(i) ? nil : claimer
    }

    /// The node that node i became one zoom out; -1 while undecided.
    func out(_ i: Int) -> Int32 { outs[Int32(i)] ?? Int32(i) }
    mutating func setOut(_ i: Int, _ node: Int32) {
        outs[Int32(i)] = node == Int32(i) ? nil : node
    }

    /// Adds a node an update made: not in the trees, and undecided.
    mutating func add(_ i: Int32) {
        alive.insert(Int(i))
        loose.append(i)
        claimers[i] = -1
        outs[i] = -1
    }

    /// The level's nodes, those of the trees first (in their order), then the loose ones.
    func members() -> [Int32] {
        (base.ids + young.ids + loose).filter { alive.contains(Int($0)) }
    }

    /// Builds the trees anew over the level's nodes (one tree) once the loose ones are more than
    /// a few.
    mutating func refreshTree(_ nodes: NodeTable) {
        if loose.count > Swift.max(256, (base.count + young.count) / 8) {
            base = KDTree(ids: members(), xs: nodes.xs, ys: nodes.ys)
            young = KDTree()
            loose = []
        }
    }

    /// The nodes within `radius` of node `i`, other than `i`, in no particular order.
    func neighbours(of i: Int, radius: Double, _ nodes: NodeTable, into found: inout [Int]) {
        let qx = nodes.xs[i], qy = nodes.ys[i], r2 = radius * radius
        base.within(x: qx, y: qy, radius: radius, xs: nodes.xs, ys: nodes.ys, into: &found)
        if young.count > 0 {
            var more: [Int] = []
            young.within(x: qx, y: qy, radius: radius, xs: nodes.xs, ys: nodes.ys, into: &more)
            found += more
        }
        for k in loose {
            let dx = nodes.xs[Int(k)] - qx, dy = nodes.ys[Int(k)] - qy
            if dx * dx + dy * dy <= r2 { found.append(Int(k)) }
        }
        found.removeAll { !alive.contains($0) || $0 == i }
    }

    /// The nodes inside the box, in no particular order.
    func range(minX: Double, minY: Double, maxX: Double, maxY: Double, _ nodes: NodeTable) -> [Int] {
        var found = base.range(minX: minX, minY: minY, maxX: maxX, maxY: maxY, xs: nodes.xs, ys: nodes.ys)
        found += young.range(minX: minX, minY: minY, maxX: maxX, maxY: maxY, xs: nodes.xs, ys: nodes.ys)
        for k in loose.map(Int.init) where nodes.xs[k] >= minX && nodes.xs[k] <= maxX && nodes.ys[k] >= minY && nodes.ys[k] <= maxY {
            found.append(k)
        }
        return found.filter { alive.contains($0) }
    }
}
