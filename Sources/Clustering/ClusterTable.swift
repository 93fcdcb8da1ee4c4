import GeoJSON

/// Every cluster of every zoom, by handle: its first point's sequence number and its zoom (which
/// find it from its id), its node, the node one zoom in that gathered it (its processor), the
/// sum of its points' tallies, and their box.
struct ClusterTable: Sendable {
    var keys: [Int32] = []
    var zooms: [Int8] = []
    var slots: [Int32] = []
    var origins: [Int32] = []
    var byID: [Int: Int] = [:]
    var tallies: [Int32] = []
    var boxes: [Double] = []  // west, south, east, north per cluster
    var width = 0

    private static func id(key: Int32, zoom: Int) -> Int { Int(key) << 5 | (zoom + 1) }

    func handle(key: Int32, zoom: Int) -> Int? { byID[Self.id(key: key, zoom: zoom)] }

    mutating func add(key: Int32, zoom: Int, slot: Int32, origin: Int32) -> Int32 {
        let handle = keys.count
        keys.append(key)
        zooms.append(Int8(zoom))
        slots.append(slot)
        origins.append(origin)
        byID[Self.id(key: key, zoom: zoom)] = handle
        // Appended in place: no array made per cluster.
        tallies.append(contentsOf: repeatElement(0, count: width))
        boxes.append(contentsOf: repeatElement(.infinity, count: 2))
        boxes.append(contentsOf: repeatElement(-.infinity, count: 2))
        return Int32(handle)
    }

    /// Forgets the cluster if node `slot` of zoom `zoom` is where it was made (not passed on to).
    mutating func remove(_ handle: Int32, ifMadeAt zoom: Int, slot: Int32) {
        let h = Int(handle)
        if Int(zooms[h]) == zoom && slots[h] == slot && byID[Self.id(key: keys[h], zoom: zoom)] == h {
            byID[Self.id(key: keys[h], zoom: zoom)] = nil
        }
    }

    /// Adds a point's or a cluster's tally and box to cluster `handle`.
    mutating func absorb(_ handle: Int32, from ref: Int32, points: PointTable) {
        let target = Int(handle)
        if ref >= 0 {
            let i = Int(ref), longitude = points.longitudes[i], latitude = points.latitudes[i]
            let run = points.tallyStart(i)
            for k in 0 ..< width { tallies[target * width + k] += points.rows[run + k] }
            extend(target, longitude, latitude, longitude, latitude)
        } else {
            let source = Int(-ref - 1)
            for k in 0 ..< width { tallies[target * width + k] += tallies[source * width + k] }
            extend(target, boxes[4 * source], boxes[4 * source + 1], boxes[4 * source + 2], boxes[4 * source + 3])
        }
    }

    private mutating func extend(_ i: Int, _ w: Double, _ s: Double, _ e: Double, _ n: Double) {
        boxes[4 * i] = min(boxes[4 * i], w)
        boxes[4 * i + 1] = min(boxes[4 * i + 1], s)
        boxes[4 * i + 2] = max(boxes[4 * i + 2], e)
        boxes[4 * i + 3] = max(boxes[4 * i + 3], n)
    }

    func tally(_ handle: Int) -> [Int32] { Array(tallies[handle * width ..< (handle + 1) * width]) }
    func bbox(_ handle: Int) -> BoundingBox {
        BoundingBox(west: boxes[4 * handle], south: boxes[4 * handle + 1], east: boxes[4 * handle + 2], north: boxes[4 * handle + 3])
    }
}
