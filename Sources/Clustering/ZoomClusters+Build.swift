import Foundation

extension ZoomClusters {
    /// Clusters the level at zoom + 1, whose nodes in order are `order`, into the level at
    /// `zoom`, returned with its nodes in order. `lists` holds the neighbour lists of a large
    /// level, kept from one pass to the next so that their memory is reused.
    mutating func build(_ level: inout Level, order: [Int32], zoom: Int, lists: inout NeighbourLists) -> (Level, [Int32]) {
        let r = radius(zoom), firstNew = nodes.count
        var next = Level(), shown: [Int32] = []
        shown.reserveCapacity(order.count)
        var taken = NodeSet()
        taken.reserve(nodes.count)
        var neighbours: [Int] = []
        // The greedy pass is sequential; the neighbour searches it needs are not, so on a large
        // level they are made first, on all cores, unless the lists would be long.
        let listed = order.count >= 1 << 16 && lists.find(level, nodes, radius: r)
        for node in order where !taken.contains(Int(node)) {
            let i = Int(node)
            taken.insert(i)
            if listed {
                lists.copy(i, into: &neighbours)
            } else {
                level.neighbours(of: i, radius: r, nodes, into: &neighbours)
            }
            neighbours.removeAll { taken.contains($0) }
            neighbours.sort { orderKey($0) < orderKey($1) }
            for k in neighbours {
                taken.insert(k)
                level.setClaimer(k, node)
            }
            emit(processor: i, members: neighbours, from: &level, into: &next, zoom: zoom, shown: &shown, copying: false)
        }
        // Points of groups too small to cluster were passed on behind their first: put them in order.
        if zip(shown, shown.dropFirst()).contains(where: { orderKey(Int($0)) > orderKey(Int($1)) }) {
            shown.sort { orderKey(Int($0)) < orderKey(Int($1)) }
        }
        plantTrees(&next, above: level, order: shown, firstNew: firstNew)
        return (next, shown)
    }

    /// Gives `next` (its nodes in `order`, those from `firstNew` on made at its zoom) its trees:
    /// the base tree of the level above, while most of that is still shown and the nodes it
    /// lacks are few (a tree of their own), or else one tree of all its nodes.
    private func plantTrees(_ next: inout Level, above level: Level, order: [Int32], firstNew: Int) {
        let lacking = (level.young.ids + level.loose).filter { next.alive.contains(Int($0)) } + order.filter { $0 >= firstNew }
        let base = level.base.count
        if base > 0 && lacking.count <= base / 8 && order.count - lacking.count >= base / 2 {
            next.base = level.base
            next.young = KDTree(ids: lacking, xs: nodes.xs, ys: nodes.ys)
        } else {
            next.base = KDTree(ids: order, xs: nodes.xs, ys: nodes.ys)
        }
    }

    /// What the group of processor `p` and its `members` (in order) shows one zoom out: a cluster
    /// if they are enough, else each of them as it is, appended to `shown`. An update, `copying`,
    /// shows each as a new node, undecided in `next`; a build shows the same node.
    mutating func emit(
        processor p: Int, members: [Int], from level: inout Level, into next: inout Level, zoom: Int, shown: inout [Int32], copying: Bool
    ) {
        func show(_ node: Int32) {
            if copying { next.add(node) } else { next.alive.insert(Int(node)) }
            shown.append(node)
        }
        var count = nodes.counts[p]
        for k in members { count += nodes.counts[k] }
        if count > nodes.counts[p] && Int(count) >= options.minPoints {
            var wx = nodes.xs[p] * Double(nodes.counts[p]), wy = nodes.ys[p] * Double(nodes.counts[p])
            let node = Int32(nodes.count)
            let handle = clusters.add(key: nodes.keys[p], zoom: zoom, slot: node, origin: Int32(p))
            clusters.absorb(handle, from: nodes.ref[p], points: given)
            for k in members {
                wx += nodes.xs[k] * Double(nodes.counts[k])
                wy += nodes.ys[k] * Double(nodes.counts[k])
                clusters.absorb(handle, from: nodes.ref[k], points: given)
                level.setOut(k, node)
            }
            level.setOut(p, node)
            _ = nodes.append(x: wx / Double(count), y: wy / Double(count), count: count, key: nodes.keys[p], ref: -(handle + 1))
            show(node)
        } else {
            // In a build a node shown as itself keeps the default: it became itself.
            func pass(_ k: Int) {
                guard copying else { return show(Int32(k)) }
                let node = nodes.copy(k)
                level.setOut(k, node)
                show(node)
            }
            pass(p)
            for k in members { pass(k) }
        }
    }
}
