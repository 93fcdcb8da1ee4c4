import Foundation

extension ZoomClusters {
    /// Clusters a whole level at `zoom`, in order. `lists` holds the neighbour lists of a large
    /// level, kept from one pass to the next so that their memory is reused.
    mutating func build(_ level: inout Level, zoom: Int, lists: inout NeighbourLists) -> Level {
        let r = radius(zoom)
        var next = Level(capacity: level.count / 2)
        var neighbours: [Int] = []
        // The greedy pass is sequential; the neighbour searches it needs are not, so on a large
        // level they are made first, on all cores, unless the lists would be long.
        let listed = level.count >= 1 << 16 && lists.find(level, radius: r)
        for i in 0 ..< level.count where level.claimer[i] < 0 {
            level.claimer[i] = Int32(i)
            if listed {
                lists.copy(i, into: &neighbours)
            } else {
                level.tree.within(x: level.xs[i], y: level.ys[i], radius: r, xs: level.xs, ys: level.ys, into: &neighbours)
            }
            neighbours.removeAll { level.claimer[$0] >= 0 }
            neighbours.sort()  // a built level's slots are in order (at a build, sequence numbers are)
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
    mutating func emit(processor p: Int, members: [Int], from level: inout Level, into next: inout Level, zoom: Int) {
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
}
