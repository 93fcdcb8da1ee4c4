import GeoJSON

extension ZoomClusters {
    /// Removes the points at `indices` (as they are now) and inserts each new point at its index
    /// of the final order, redoing only what they change at each zoom. The final order is the
    /// points less those removed, with each inserted point placed so that its index in the result
    /// is the one given. The result equals `ZoomClusters(points:options:)` on the final points:
    /// the same clusters, ids, positions, counts, tallies, boxes, children, leaves and expansion
    /// zooms.
    /// - Parameters:
    ///   - indices: indices of points now, each in 0 ..< count; one given twice is removed once.
    ///   - inserting: new points, each with its index in the final order, in 0 ..< (count less the
    ///     points removed plus the points inserted), no two the same, in any order.
    /// - Returns: true when the update was made in place; false when no order key was left between
    ///   the neighbours of an inserted point, so the index was built anew on the final points.
    /// - Throws: `ZoomClusterError.unknownPoint` naming an index out of range or inserted twice;
    ///   the index is then unchanged.
    @discardableResult
    public mutating func update(removing indices: some Collection<Int> = [], inserting: [(index: Int, point: ClusterPoint)] = [])
        throws(ZoomClusterError) -> Bool {
        let removing = Set(indices).sorted()
        for index in removing where index < 0 || index >= count { throw .unknownPoint(index) }
        let inserted = inserting.sorted { $0.index < $1.index }
        let finalCount = count - removing.count + inserted.count
        for (k, insertion) in inserted.enumerated()
        where insertion.index < 0 || insertion.index >= finalCount || (k > 0 && inserted[k - 1].index == insertion.index) {
            throw .unknownPoint(insertion.index)
        }
        guard !removing.isEmpty || !inserted.isEmpty else { return true }
        let final = finalOrder(removing: removing, inserting: inserted.map(\.index))
        guard let keys = insertedKeys(final) else {
            let points = final.map { Int($0) < given.count ? given[Int($0)] : inserted[Int($0) - given.count].point }
            self = ZoomClusters(points: points, options: options)
            return false
        }
        var top = Level()
        swap(&top, &levels[levels.count - 1])
        var dead: [Int32] = []
        for seq in removing.map({ Int(ranked[$0]) }) {
            dead.append(pointNodes[seq])
            top.alive.remove(Int(pointNodes[seq]))
            rankOf[seq] = -1
        }
        var fresh: [Int32] = []
        for (insertion, key) in zip(inserted, keys) {
            let seq = Int32(given.count)
            given.append(insertion.point)
            orderKeys.append(key)
            rankOf.append(-1)
            let node = nodes.append(x: WebMercator.x(insertion.point.longitude), y: WebMercator.y(insertion.point.latitude), count: 1, key: seq, ref: seq)
            pointNodes.append(node)
            fresh.append(node)
            top.add(node)
        }
        clusters.width = given.width
        swap(&top, &levels[levels.count - 1])
        // Points before the first removed or inserted one keep their index, and so do those after
        // the last when as many are inserted as removed.
        ranked = final
        let first = min(removing.first ?? finalCount, inserted.first?.index ?? finalCount)
        let end = removing.count == inserted.count ? max(removing.last ?? 0, inserted.last?.index ?? 0) + 1 : finalCount
        for rank in first ..< end { rankOf[Int(final[rank])] = Int32(rank) }
        for zoom in stride(from: options.maxZoom, through: options.minZoom, by: -1) {
            guard !dead.isEmpty || !fresh.isEmpty else { break }
            var input = Level(), next = Level()
            swap(&input, &levels[zoom + 1 - options.minZoom])
            swap(&next, &levels[zoom - options.minZoom])
            (dead, fresh) = update(&input, into: &next, zoom: zoom, dead: dead, fresh: fresh)
            swap(&input, &levels[zoom + 1 - options.minZoom])
            swap(&next, &levels[zoom - options.minZoom])
        }
        for i in levels.indices { levels[i].refreshTree(nodes) }
        return true
    }

    /// Redoes the decisions at `zoom` that the `dead` and `fresh` nodes of `level` touch, in order:
    /// a node is a group's first (a processor) when no earlier processor is within the radius,
    /// and otherwise joins the earliest such processor. Returns the nodes of `next` it removed and
    /// added.
    private mutating func update(_ level: inout Level, into next: inout Level, zoom: Int, dead: [Int32], fresh: [Int32]) -> (dead: [Int32], fresh: [Int32]) {
        let r = radius(zoom)
        var pending = SlotHeap(), regroup = Set<Int32>(), stale = Set<Int32>()
        var found: [Int] = []
        for d in dead {
            let out = level.out(Int(d))
            if out >= 0 { stale.insert(out) }
            let claimer = level.claimer(Int(d))
            if claimer == d {
                level.neighbours(of: Int(d), radius: r, nodes, into: &found)
                for k in found where orderKey(k) > orderKey(Int(d)) { pending.push(key: orderKey(k), slot: Int32(k)) }
            }
            if claimer >= 0 { regroup.insert(claimer) }
        }
        for a in fresh { pending.push(key: orderKey(Int(a)), slot: a) }
        while let i = pending.pop() {
            guard level.alive.contains(i) else { continue }
            level.neighbours(of: i, radius: r, nodes, into: &found)
            var claimer = Int32(i)
            for k in found where level.claimer(k) == Int32(k) && orderKey(k) < orderKey(Int(claimer)) { claimer = Int32(k) }
            let old = level.claimer(i)
            guard old != claimer else { continue }
            level.setClaimer(i, claimer)
            let out = level.out(i)
            if out >= 0 { stale.insert(out) }
            if old >= 0 { regroup.insert(old) }
            regroup.insert(claimer)
            if (old == Int32(i)) != (claimer == Int32(i)) {
                for k in found where orderKey(k) > orderKey(i) { pending.push(key: orderKey(k), slot: Int32(k)) }
            }
        }
        var made: [Int32] = []
        for p in regroup.sorted(by: { orderKey(Int($0)) < orderKey(Int($1)) }) where level.alive.contains(Int(p)) && level.claimer(Int(p)) == p {
            level.neighbours(of: Int(p), radius: r, nodes, into: &found)
            let members = found.filter { level.claimer($0) == p }.sorted { orderKey($0) < orderKey($1) }
            for m in members + [Int(p)] where level.out(m) >= 0 { stale.insert(level.out(m)) }
            emit(processor: Int(p), members: members, from: &level, into: &next, zoom: zoom, shown: &made, copying: true)
        }
        for node in stale {
            next.alive.remove(Int(node))
            let ref = nodes.ref[Int(node)]
            if ref < 0 { clusters.remove(-(ref + 1), ifMadeAt: zoom, slot: node) }
        }
        return (Array(stale), made)
    }
}
