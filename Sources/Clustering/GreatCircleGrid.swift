import Foundation
import GeoJSON

/// Finds the points within a great-circle distance of a point, deciding as the haversine
/// (`GreatCircle.distanceKm`) does. Points are unit vectors in a grid of cubes twice as wide as
/// the chord of that distance, so along each axis a point's neighbours lie in its own cube or in
/// the one on the side of the cube's half it is in: 8 cubes to look in, not 27. The cubes'
/// points lie together in one array, found through an open-addressing table of cube keys.
///
/// The chord c between unit vectors and the haversine distance d are the same measure
/// (c = 2 sin(d / 2R)), so a chord clearly shorter or longer than the distance's decides; only a
/// chord within `band` of it (rounding room, far wider than either formula's error) is decided
/// by the haversine itself.
struct GreatCircleGrid: Sendable {
    private let positions: [Position]
    private let epsKm: Double
    private let cell: Double
    /// The chord of epsKm, and the squared chords below and above which the chord decides.
    private let inside2: Double, outside2: Double
    /// Point indices by cube, and their unit vectors (x, y, z) in the same order.
    private let order: [Int32]
    private let vectors: [Double]
    /// Where each point is in `order`.
    private let rank: [Int32]
    /// The open-addressing table: a cube key (or `empty`), and its run in `order`.
    private let slots: [UInt64], starts: [Int32], ends: [Int32]
    private static let empty = UInt64.max

    init(positions: [Position], epsKm: Double) {
        self.positions = positions
        self.epsKm = epsKm
        let angle = min(Double.pi, epsKm / GreatCircle.earthRadiusKm)
        let chord = 2 * sin(angle / 2)
        let band = chord * 1e-9 + 1e-12
        // Half a cube is wider than the farthest chord the haversine may still take (chord and
        // band) by a band, so rounding never drops a neighbour.
        cell = 2 * (chord + 2 * band)
        inside2 = chord > band ? (chord - band) * (chord - band) : -1
        outside2 = (chord + band) * (chord + band)
        let count = positions.count
        var unsorted = [Double](repeating: 0, count: 3 * count)
        var keys = [(UInt64, Int32)]()
        keys.reserveCapacity(count)
        for (i, p) in positions.enumerated() {
            let lat = p.latitude * .pi / 180, lon = p.longitude * .pi / 180
            let v = (cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
            (unsorted[3 * i], unsorted[3 * i + 1], unsorted[3 * i + 2]) = v
            keys.append((Self.key(Self.cube(v.0, cell), Self.cube(v.1, cell), Self.cube(v.2, cell)), Int32(i)))
        }
        keys.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        order = keys.map(\.1)
        var vectors = [Double](repeating: 0, count: 3 * count), rank = [Int32](repeating: 0, count: count)
        for (k, i) in order.enumerated() {
            for axis in 0 ..< 3 { vectors[3 * k + axis] = unsorted[3 * Int(i) + axis] }
            rank[Int(i)] = Int32(k)
        }
        (self.vectors, self.rank) = (vectors, rank)
        var capacity = 16
        while capacity < 2 * count { capacity <<= 1 }
        var slots = [UInt64](repeating: Self.empty, count: capacity)
        var starts = [Int32](repeating: 0, count: capacity), ends = [Int32](repeating: 0, count: capacity)
        var k = 0
        while k < count {
            let key = keys[k].0
            var end = k + 1
            while end < count && keys[end].0 == key { end += 1 }
            var s = Self.hash(key, capacity)
            while slots[s] != Self.empty { s = (s + 1) & (capacity - 1) }
            (slots[s], starts[s], ends[s]) = (key, Int32(k), Int32(end))
            k = end
        }
        (self.slots, self.starts, self.ends) = (slots, starts, ends)
    }

    /// A coordinate's cube; a coordinate that is not finite (its point never within a distance) is put in cube 0.
    private static func cube(_ v: Double, _ cell: Double) -> Int64 { v.isFinite ? Int64((v / cell).rounded(.down)) : 0 }

    /// The neighbouring cube along one axis that a point at coordinate v of cube c may have
    /// neighbours in: the one below when v is in the cube's lower half, else the one above.
    private static func side(_ v: Double, _ c: Int64, _ cell: Double) -> Int64 {
        v.isFinite && v - Double(c) * cell < cell / 2 ? -1 : 1
    }

    /// A cube's key: 21 bits of each coordinate. Cubes 2²¹ apart share a key, which only adds
    /// points that the distance then leaves out.
    private static func key(_ x: Int64, _ y: Int64, _ z: Int64) -> UInt64 {
        let mask: UInt64 = (1 << 21) - 1
        return (UInt64(bitPattern: x) & mask) << 42 | (UInt64(bitPattern: y) & mask) << 21 | (UInt64(bitPattern: z) & mask)
    }

    private static func hash(_ key: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & (capacity - 1)
    }

    var count: Int { order.count }

    /// The point at place k of the cube order: going through the points in this order, each
    /// search finds the table entries the one before read still in cache.
    func point(atPlace k: Int) -> Int { Int(order[k]) }

    /// Calls `body` with each point within epsKm of point i, itself included, in no particular
    /// order, until it returns false.
    func forEach(near i: Int, _ body: (Int) -> Bool) {
        forEach(near: i, place: Int(rank[i]), body)
    }

    /// As `forEach(near:_:)`, for point i at place `home` of the cube order.
    func forEach(near i: Int, place home: Int, _ body: (Int) -> Bool) {
        let qx = vectors[3 * home], qy = vectors[3 * home + 1], qz = vectors[3 * home + 2]
        let cx = Self.cube(qx, cell), cy = Self.cube(qy, cell), cz = Self.cube(qz, cell)
        let sx = Self.side(qx, cx, cell), sy = Self.side(qy, cy, cell), sz = Self.side(qz, cz, cell)
        let capacity = slots.count
        for cube in 0 ..< 8 {
            let key = Self.key(cx + (cube & 1 == 0 ? 0 : sx), cy + (cube & 2 == 0 ? 0 : sy), cz + (cube & 4 == 0 ? 0 : sz))
            var s = Self.hash(key, capacity)
            while slots[s] != key && slots[s] != Self.empty { s = (s + 1) & (capacity - 1) }
            guard slots[s] == key else { continue }
            for k in Int(starts[s]) ..< Int(ends[s]) {
                let ex = vectors[3 * k] - qx, ey = vectors[3 * k + 1] - qy, ez = vectors[3 * k + 2] - qz
                let c2 = ex * ex + ey * ey + ez * ez
                guard c2 <= outside2 else { continue }
                let j = Int(order[k])
                if c2 > inside2 && !(GreatCircle.distanceKm(positions[i], positions[j]) <= epsKm) { continue }
                if !body(j) { return }
            }
        }
    }

    /// The points within epsKm of point i, itself included, in no particular order.
    func within(_ i: Int, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        forEach(near: i) { j in
            result.append(j)
            return true
        }
    }
}
