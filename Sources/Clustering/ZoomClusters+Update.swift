import GeoJSON

extension ZoomClusters {
    /// Removes the points at `indices` (as they are now) and appends `points`, redoing only what
    /// they change at each zoom. The result equals a build on the remaining points, in order,
    /// followed by the new ones: the same clusters, ids, positions, counts, tallies and boxes.
    public mutating func update(removing indices: some Collection<Int> = [], adding points: [ClusterPoint] = []) throws(ZoomClusterError) {
        var dead: [Int32] = []
        for index in Set(indices).sorted() {
            guard index >= 0, index < count else { throw .unknownPoint(index) }
            dead.append(sequence(ofRank: index))
        }
        var top = Level()
        swap(&top, &levels[levels.count - 1])
        for seq in dead { top.alive[Int(seq)] = false }
        removed = (removed + dead).sorted()
        var fresh: [Int32] = []
        for point in points {
            let seq = Int32(given.count)
            given.append(point)
            fresh.append(seq)
            top.append(x: WebMercator.x(point.longitude), y: WebMercator.y(point.latitude), count: 1, key: seq, ref: seq)
        }
        clusters.width = given.width
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
}
