import Foundation

/// Every point's neighbours within a radius, as one flat array with offsets, found in chunks
/// on all cores; each list in the order the tree finds them, as a search one at a time would.
struct NeighbourLists {
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
struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
