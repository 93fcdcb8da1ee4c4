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
        let neighbours = GreatCircleGrid(positions: positions, epsKm: epsKm)
        var list: [Int] = []
        // Which points are core is independent per point: found on all cores, in the grid's
        // cube order, counting no further than minPoints.
        var isCore = [Bool](repeating: false, count: positions.count)
        let count = positions.count, chunks = max(1, min(64, count / 1024))
        isCore.withUnsafeMutableBufferPointer { flags in
            let flags = Flags(base: flags.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for k in chunk * count / chunks ..< (chunk + 1) * count / chunks {
                    let i = neighbours.point(atPlace: k)
                    var found = 0
                    neighbours.forEach(near: i, place: k) { _ in
                        found += 1
                        return found < minPoints
                    }
                    flags.base?[i] = found >= minPoints
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
