/// Every node of every zoom, stored once, by node number: its position in Web Mercator's unit
/// square, how many points it stands for, its first point (the sequence number whose order key
/// orders it) and what it is (≥ 0: a point's sequence number; < 0: a cluster, -(handle + 1)).
/// A node shown at several zooms (a point or a cluster that no group takes there) is one node
/// that each of those zooms' levels holds, not a copy per zoom.
struct NodeTable: Sendable {
    var xs: [Double] = [], ys: [Double] = []
    var counts: [Int32] = []
    var keys: [Int32] = []
    var ref: [Int32] = []

    var count: Int { xs.count }

    /// Adds a node and returns its number.
    mutating func append(x: Double, y: Double, count: Int32, key: Int32, ref: Int32) -> Int32 {
        xs.append(x)
        ys.append(y)
        counts.append(count)
        keys.append(key)
        self.ref.append(ref)
        return Int32(xs.count - 1)
    }

    /// Adds a copy of node `i` and returns its number.
    mutating func copy(_ i: Int) -> Int32 {
        append(x: xs[i], y: ys[i], count: counts[i], key: keys[i], ref: ref[i])
    }
}

/// A set of node numbers as one bit each.
struct NodeSet: Sendable {
    private var words: [UInt64] = []

    func contains(_ i: Int) -> Bool {
        let w = i >> 6
        return w < words.count && words[w] & (1 << UInt64(i & 63)) != 0
    }

    mutating func insert(_ i: Int) {
        let w = i >> 6
        if w >= words.count { words.append(contentsOf: repeatElement(0, count: w + 1 - words.count)) }
        words[w] |= 1 << UInt64(i & 63)
    }

    mutating func remove(_ i: Int) {
        let w = i >> 6
        if w < words.count { words[w] &= ~(1 << UInt64(i & 63)) }
    }

    /// Room for node numbers below `count` without growing.
    mutating func reserve(_ count: Int) {
        let needed = (count + 63) >> 6
        if needed > words.count { words.append(contentsOf: repeatElement(0, count: needed - words.count)) }
    }
}
