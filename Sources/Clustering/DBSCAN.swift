import Foundation
import GeoJSON

/// DBSCAN over positions with the haversine distance in kilometres: a point with at least
/// `minPoints` points (itself included) within `epsKm` is a core point; core points within
/// `epsKm` of each other share a cluster, with every point within `epsKm` of one of them.
public struct DBSCAN: Sendable {
    /// What a point is to DBSCAN (Ester et al., KDD 1996): a core point, a border point (within `epsKm` of a core point
    /// but not one itself), or noise.
    public enum Role: String, Sendable, Hashable {
        case core, border, noise
    }

    /// Each point's cluster (nil for noise), numbered from 0 in the order of each cluster's first
    /// point by input order.
    public let labels: [Int?]
    /// Each point's role, in input order.
    public let roles: [Role]
    /// How many clusters were found; labels run from 0 to `clusterCount - 1`.
    public let clusterCount: Int

    /// Clusters `positions` (CRS84 degrees) with a radius of `epsKm` great-circle kilometres
    /// (haversine, sphere of radius 6371.0088 km) and a core threshold of `minPoints` points, itself included.
    public init(positions: [Position], epsKm: Double, minPoints: Int) {
        let neighbours = Neighbours(positions: positions, epsKm: epsKm)
        var list: [Int] = []
        // Which points are core is independent per point: found on all cores.
        var isCore = [Bool](repeating: false, count: positions.count)
        let count = positions.count, chunks = max(1, min(64, count / 1024))
        isCore.withUnsafeMutableBufferPointer { flags in
            let flags = Flags(base: flags.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var found: [Int] = []
                for i in chunk * count / chunks ..< (chunk + 1) * count / chunks {
                    neighbours.within(i, into: &found)
                    flags.base?[i] = found.count >= minPoints
                }
            }
        }
        var labels = [Int?](repeating: nil, count: positions.count)
        var clusters = 0
        var queue: [Int] = []
        for start in positions.indices where isCore[start] && labels[start] == nil {
            labels[start] = clusters
            queue = [start]
            while let i = queue.popLast() {
                neighbours.within(i, into: &list)
                for j in list where labels[j] == nil {
                    labels[j] = clusters
                    if isCore[j] { queue.append(j) }
                }
            }
            clusters += 1
        }
        // Numbered by each cluster's first point, which may be a border point.
        var first = [Int](repeating: .max, count: clusters)
        for (i, label) in labels.enumerated() { if let label { first[label] = min(first[label], i) } }
        let order = first.indices.sorted { first[$0] < first[$1] }
        var renumbered = [Int](repeating: 0, count: clusters)
        for (new, old) in order.enumerated() { renumbered[old] = new }
        self.labels = labels.map { $0.map { renumbered[$0] } }
        roles = positions.indices.map { isCore[$0] ? .core : labels[$0] == nil ? .noise : .border }
        clusterCount = clusters
    }
}

/// Flags each written by exactly one worker.
private struct Flags: @unchecked Sendable {
    let base: UnsafeMutablePointer<Bool>?
}

/// Finds the points within a great-circle distance of a point: a grid over unit vectors, whose
/// cells are as wide as the chord of that distance, narrows to 27 cells; the haversine decides.
private struct Neighbours {
    let positions: [Position]
    let epsKm: Double
    let cell: Double
    let vectors: [(Double, Double, Double)]
    let grid: [Key: [Int32]]

    struct Key: Hashable {
        var x, y, z: Int32
    }

    init(positions: [Position], epsKm: Double) {
        self.positions = positions
        self.epsKm = epsKm
        let angle = min(Double.pi, epsKm / GreatCircle.earthRadiusKm)
        // A little wider than the chord, so rounding never drops a neighbour.
        cell = max(2 * sin(angle / 2) * (1 + 1e-9), 1e-12)
        vectors = positions.map { p in
            let lat = p.latitude * .pi / 180, lon = p.longitude * .pi / 180
            return (cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
        }
        var grid: [Key: [Int32]] = [:]
        for (i, v) in vectors.enumerated() { grid[Self.key(v, cell), default: []].append(Int32(i)) }
        self.grid = grid
    }

    static func key(_ v: (Double, Double, Double), _ cell: Double) -> Key {
        Key(x: Int32((v.0 / cell).rounded(.down)), y: Int32((v.1 / cell).rounded(.down)), z: Int32((v.2 / cell).rounded(.down)))
    }

    /// The indices within epsKm of point i, itself included, in ascending order.
    func within(_ i: Int, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        let home = Self.key(vectors[i], cell)
        for dx: Int32 in -1 ... 1 {
            for dy: Int32 in -1 ... 1 {
                for dz: Int32 in -1 ... 1 {
                    guard let members = grid[Key(x: home.x + dx, y: home.y + dy, z: home.z + dz)] else { continue }
                    for j in members where GreatCircle.distanceKm(positions[i], positions[Int(j)]) <= epsKm {
                        result.append(Int(j))
                    }
                }
            }
        }
        result.sort()
    }
}
