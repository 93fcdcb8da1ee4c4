import Foundation

/// Every node's neighbours within a radius on one level, found in chunks on all cores and kept
/// by node number, so that the greedy pass, which goes in the level's order, finds each at once.
/// The searches go in the trees' order, so that each finds the tree nodes the one before read
/// still in cache. Only nodes with neighbours have a list: at high zooms nearly every node is
/// alone, and costs one length of 0. One value serves every pass of a build: `find` refills the arrays it already
/// holds, so the passes after the first (the largest level) allocate little. The lists stay in
/// the chunks' arrays they were found in, never copied into one.
struct NeighbourLists {
    private static let chunks = 64
    /// Node i's neighbours are `parts[chunk[i]][start[i] ..< start[i] + length[i]]` (chunk and
    /// start are unset when the length is 0).
    private var start: [Int32] = []
    private var length: [Int32] = []
    private var chunk: [UInt8] = []
    /// Each chunk's lists before they are joined: node, length, then the neighbours, per node
    /// with any.
    private var parts = [[Int32]](repeating: [], count: chunks)

    /// Finds the neighbours of every node of `level` within `radius` (unit-square units).
    /// - Returns: false, with no lists, when they would hold more than `perSlot` neighbours a
    ///   node on average (a low zoom over many points): a search one node at a time, which
    ///   only the nodes not yet taken make, is then cheaper in time and memory.
    mutating func find(_ level: Level, _ nodes: NodeTable, radius: Double, perSlot: Int = 8) -> Bool {
        let chunks = Self.chunks, queries = level.members(), count = queries.count
        let size = (count + chunks - 1) / chunks, budget = perSlot * size + 2 * size
        let fits = parts.withUnsafeMutableBufferPointer { slots in
            let slots = Slots(base: slots.baseAddress!)
            let over = Flags(count: chunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                // Taken out and put back, so that its array is reused and never copied.
                var part: [Int32] = []
                swap(&part, &slots.base[chunk])
                part.removeAll(keepingCapacity: true)
                var found: [Int] = []
                for k in chunk * size ..< min(count, (chunk + 1) * size) {
                    let i = Int(queries[k])
                    level.neighbours(of: i, radius: radius, nodes, into: &found)
                    guard !found.isEmpty else { continue }
                    part.append(Int32(i))
                    part.append(Int32(found.count))
                    for n in found { part.append(Int32(n)) }
                    if part.count > budget {
                        over.base[chunk] = true
                        break
                    }
                }
                swap(&part, &slots.base[chunk])
            }
            defer { over.base.deallocate() }
            return !(0 ..< chunks).contains { over.base[$0] }
        }
        start.removeAll(keepingCapacity: true)
        length.removeAll(keepingCapacity: true)
        chunk.removeAll(keepingCapacity: true)
        guard fits else { return false }
        start.append(contentsOf: repeatElement(0, count: nodes.count))
        length.append(contentsOf: repeatElement(0, count: nodes.count))
        chunk.append(contentsOf: repeatElement(0, count: nodes.count))
        for (c, part) in parts.enumerated() {
            var n = 0
            while n < part.count {
                let node = Int(part[n]), found = Int(part[n + 1])
                start[node] = Int32(n + 2)
                length[node] = Int32(found)
                chunk[node] = UInt8(c)
                n += 2 + found
            }
        }
        return true
    }

    /// Node i's neighbours other than itself, replacing what `result` held.
    func copy(_ i: Int, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        let n = Int(length[i])
        guard n > 0 else { return }
        let first = Int(start[i])
        parts[Int(chunk[i])].withUnsafeBufferPointer { part in
            for k in first ..< first + n { result.append(Int(part[k])) }
        }
    }
}

/// Slots each written by exactly one worker.
struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// One flag per worker, each set by its own worker only.
private struct Flags: @unchecked Sendable {
    let base: UnsafeMutablePointer<Bool>

    init(count: Int) {
        base = .allocate(capacity: count)
        base.initialize(repeating: false, count: count)
    }
}
