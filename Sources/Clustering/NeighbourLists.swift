import Foundation

/// Every slot's neighbours within a radius, as one flat array with offsets, found in chunks on
/// all cores; each list in the order the tree finds them, as a search one at a time would.
/// The searches go in the tree's order, so that each finds the tree nodes the one before read
/// still in cache; the lists stay in that order, found through each slot's place in the tree.
/// One value serves every pass of a build: `find` refills the arrays it already holds, so the
/// passes after the first (the largest level) allocate nothing.
struct NeighbourLists {
    private static let chunks = 64
    /// The neighbours of the slot at place k of the tree are `items[offsets[k] ..< offsets[k + 1]]`.
    private var offsets: [Int] = []
    /// Each slot's place in the tree.
    private var place: [Int32] = []
    private var items: [Int32] = []
    /// Each chunk's neighbour counts and neighbours, before they are joined.
    private var parts = [([Int], [Int32])](repeating: ([], []), count: chunks)

    /// Finds the neighbours of every slot of `level` within `radius` (unit-square units).
    /// - Precondition: the level's tree holds every slot.
    mutating func find(_ level: Level, radius: Double) {
        let chunks = Self.chunks, count = level.count, ids = level.tree.ids
        precondition(ids.count == count, "a tree that holds every slot")
        place.removeAll(keepingCapacity: true)
        place.append(contentsOf: repeatElement(0, count: count))
        for (k, i) in ids.enumerated() { place[Int(i)] = Int32(k) }
        let size = (count + chunks - 1) / chunks
        parts.withUnsafeMutableBufferPointer { slots in
            let slots = Slots(base: slots.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                // Taken out and put back, so that its arrays are reused and never copied.
                var part = ([Int](), [Int32]())
                swap(&part, &slots.base[chunk])
                part.0.removeAll(keepingCapacity: true)
                part.1.removeAll(keepingCapacity: true)
                var found: [Int32] = []
                for k in chunk * size ..< min(count, (chunk + 1) * size) {
                    let i = Int(ids[k])
                    level.tree.within(x: level.xs[i], y: level.ys[i], radius: radius, xs: level.xs, ys: level.ys, into: &found)
                    part.0.append(found.count)
                    part.1.append(contentsOf: found)
                }
                swap(&part, &slots.base[chunk])
            }
        }
        offsets.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        offsets.append(0)
        for (counts, found) in parts {
            for n in counts { offsets.append(offsets[offsets.count - 1] + n) }
            items.append(contentsOf: found)
        }
    }

    /// Slot i's neighbours, replacing what `result` held.
    func copy(_ i: Int, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        let k = Int(place[i])
        for n in offsets[k] ..< offsets[k + 1] { result.append(Int(items[n])) }
    }
}

/// Slots each written by exactly one worker.
struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
