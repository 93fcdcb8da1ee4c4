import Clustering
import Foundation
import GeoJSON
import TestSupport
import Testing

/// Zoom clustering with supercluster's semantics, checked on layouts whose clusters are known and
/// against a plain re-implementation over 100,000 random points.
@Suite struct ZoomClusterTests {
    static func points(_ positions: [(Double, Double)]) -> [ClusterPoint] {
        positions.map { ClusterPoint(longitude: $0.0, latitude: $0.1, tally: [1]) }
    }

    func world(_ clusters: ZoomClusters, zoom: Int) -> [ClusterNode] {
        clusters.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom)
    }

    /// Every tally is as wide as the first point's: a shorter one adds 0 for what it lacks, a
    /// longer one's extra counts are left out, on building and on updating alike.
    @Test func talliesOfOtherWidthsAreEvenedToTheFirst() throws {
        var index = ZoomClusters(points: [
            ClusterPoint(longitude: 36.80, latitude: -1.30, tally: [1, 0, 2]),
            ClusterPoint(longitude: 36.81, latitude: -1.30, tally: [0, 1]),
            ClusterPoint(longitude: 36.82, latitude: -1.30, tally: [1, 1, 1, 9]),
        ])
        #expect(index.points.map(\.tally) == [[1, 0, 2], [0, 1, 0], [1, 1, 1]])
        let built = try #require(world(index, zoom: 0).compactMap { if case .cluster(let c) = $0 { c } else { nil } }.first)
        #expect(built.pointCount == 3 && built.tally == [2, 2, 3])
        try index.update(inserting: [(3, ClusterPoint(longitude: 36.83, latitude: -1.30, tally: [5]))])
        let updated = try #require(world(index, zoom: 0).compactMap { if case .cluster(let c) = $0 { c } else { nil } }.first)
        #expect(updated.pointCount == 4 && updated.tally == [7, 2, 3])
    }

    @Test func nearPointsClusterAtLowZoomsAndPartAtHighOnes() throws {
        // Three points within a few km of Nairobi, one in Lima.
        let index = ZoomClusters(points: Self.points([(36.80, -1.30), (36.82, -1.29), (36.81, -1.31), (-77.04, -12.05)]))
        let low = world(index, zoom: 3)
        #expect(low.count == 2)
        let cluster = try #require(low.compactMap { if case .cluster(let c) = $0 { c } else { nil } }.first)
        #expect(cluster.pointCount == 3)
        #expect(cluster.tally == [3])
        #expect(cluster.bbox == BoundingBox(west: 36.80, south: -1.31, east: 36.82, north: -1.29))
        #expect(abs(cluster.longitude - 36.81) < 0.001 && abs(cluster.latitude + 1.30) < 0.001)
        #expect(low.contains(.point(3)))
        #expect(Set(try index.leaves(of: cluster.id, limit: 10)) == [0, 1, 2])
        let expansion = try index.expansionZoom(of: cluster.id)
        #expect(world(index, zoom: expansion - 1).count == 2, "still one cluster just below its expansion zoom")
        #expect(world(index, zoom: expansion).count > 2, "split at its expansion zoom")
        #expect(Set(world(index, zoom: 16)) == [.point(0), .point(1), .point(2), .point(3)])
    }

    @Test func duplicatePositionsStayOneClusterAtEveryZoom() throws {
        let index = ZoomClusters(points: Self.points(Array(repeating: (2.35, 48.85), count: 5)))
        for zoom in [0, 8, 16] {
            let nodes = world(index, zoom: zoom)
            #expect(nodes.count == 1)
            guard case .cluster(let cluster)? = nodes.first else { Issue.record("expected a cluster"); continue }
            #expect(cluster.pointCount == 5)
        }
        guard case .cluster(let cluster)? = world(index, zoom: 16).first else { return }
        #expect(try index.expansionZoom(of: cluster.id) == 17)
        #expect(try index.leaves(of: cluster.id, limit: 2, offset: 3).count == 2)
        #expect(world(index, zoom: 17) == (0 ..< 5).map { .point($0) })
    }

    @Test func boxesAcrossTheAntimeridianAndNearThePoles() {
        let index = ZoomClusters(points: Self.points([(179.9, 0), (-179.9, 0.5), (0, 0), (10, 89.9), (10, -89.9)]))
        let across = index.nodes(west: 170, south: -10, east: -170, north: 10, zoom: 12)
        #expect(Set(across) == [.point(0), .point(1)])
        #expect(index.nodes(west: 170, south: -10, east: -170, north: 10, zoom: 0).count == 2, "apart in Mercator x, even at zoom 0")
        #expect(Set(index.nodes(west: 0, south: 80, east: 20, north: 90, zoom: 10)) == [.point(3)])
        #expect(Set(index.nodes(west: 0, south: -90, east: 20, north: -80, zoom: 10)) == [.point(4)])
        #expect(world(index, zoom: 5).count == 5)
    }

    @Test func minPointsAndRadiusAreHonoured() {
        let positions = [(36.80, -1.30), (36.82, -1.29), (36.81, -1.31)]
        let three = ZoomClusters(points: Self.points(positions), options: ZoomClusterOptions(minPoints: 4))
        #expect(world(three, zoom: 2).count == 3, "three points never make a cluster of four")
        let tiny = ZoomClusters(points: Self.points(positions), options: ZoomClusterOptions(radius: 0.0001))
        #expect(world(tiny, zoom: 2).count == 3)
    }

    @Test func unknownClustersAreErrors() {
        let index = ZoomClusters(points: Self.points([(0, 0), (0.001, 0)]))
        #expect(throws: ZoomClusterError.unknownCluster(12345)) { try index.children(of: 12345) }
        #expect(throws: ZoomClusterError.unknownCluster(-1)) { try index.expansionZoom(of: -1) }
    }

    /// 100,000 seeded points: at every zoom the same number of clusters and single points as a
    /// plain implementation of the same rules, with ids as stable as the input order.
    @Test func countsPerZoomMatchAPlainImplementation() throws {
        var generator = SplitMix64(seed: 9)
        let points = (0 ..< 100_000).map { _ in
            // Dense clumps as well as spread: both cluster and single points at every zoom.
            let clump = generator.next() % 3 == 0
            let lon = clump ? 10 + generator.uniform(-2, 2) : generator.uniform(-180, 180)
            let lat = clump ? 45 + generator.uniform(-2, 2) : generator.uniform(-85, 85)
            return ClusterPoint(longitude: lon, latitude: lat, tally: [1])
        }
        let options = ZoomClusterOptions()
        let index = ZoomClusters(points: points, options: options)
        let reference = PlainClusters(points: points, options: options)
        for zoom in 0 ... 17 {
            let nodes = world(index, zoom: zoom)
            let clusters = nodes.filter { if case .cluster = $0 { true } else { false } }.count
            #expect(clusters == reference.clusterCounts[zoom], "zoom \(zoom)")
            #expect(nodes.count - clusters == reference.singleCounts[zoom], "zoom \(zoom)")
            let total = nodes.reduce(0) { sum, node in
                if case .cluster(let c) = node { sum + c.pointCount } else { sum + 1 }
            }
            #expect(total == points.count, "every point once at zoom \(zoom)")
        }
        let again = ZoomClusters(points: points, options: options)
        #expect(world(again, zoom: 5) == world(index, zoom: 5), "ids and order are stable")
    }

    // MARK: Updates

    /// Everything a client can ask, at every zoom: what is shown (with ids, positions, counts,
    /// tallies and boxes), and each cluster's children, leaves and expansion zoom.
    func everything(_ index: ZoomClusters) throws -> [String] {
        var lines: [String] = []
        for zoom in index.options.minZoom ... index.options.maxZoom + 1 {
            for node in world(index, zoom: zoom) {
                switch node {
                case .point(let i):
                    lines.append("z\(zoom) point \(i)")
                case .cluster(let c):
                    let children = try index.children(of: c.id).map { "\($0)" }.joined(separator: ",")
                    lines.append("z\(zoom) \(c) children \(children) leaves \(try index.leaves(of: c.id, limit: 5, offset: 1)) "
                        + "expands \(try index.expansionZoom(of: c.id))")
                }
            }
        }
        return lines.sorted()
    }

    static func randomPoints(_ count: Int, _ generator: inout SplitMix64) -> [ClusterPoint] {
        (0 ..< count).map { _ in
            let clump = generator.next() % 2 == 0
            let lon = clump ? 36.8 + generator.uniform(-0.5, 0.5) : generator.uniform(-180, 180)
            let lat = clump ? -1.3 + generator.uniform(-0.5, 0.5) : generator.uniform(-85, 85)
            return ClusterPoint(longitude: lon, latitude: lat, tally: [Int32(generator.next() % 3), 1])
        }
    }

    /// New points at the end of the order, after `count` points that stay.
    static func appended(_ points: [ClusterPoint], after count: Int) -> [(index: Int, point: ClusterPoint)] {
        points.enumerated().map { (count + $0.offset, $0.element) }
    }

    /// Rounds of removing and appending points equal a build on the points that remain, in order,
    /// followed by those added: removed points dropped, added points appended.
    @Test(arguments: [2, 4]) func updatesEqualAFullRebuild(minPoints: Int) throws {
        var generator = SplitMix64(seed: UInt64(minPoints))
        let options = ZoomClusterOptions(maxZoom: 12, minPoints: minPoints)
        var points = Self.randomPoints(3_000, &generator)
        var index = ZoomClusters(points: points, options: options)
        for round in 0 ..< 4 {
            // Round 2 removes half at once, so the trees are rebuilt and the clumps dissolve.
            let removals = round == 2 ? points.count / 2 : 150
            let removing = Set((0 ..< removals).map { _ in Int(generator.next() % UInt64(points.count)) })
            let adding = Self.randomPoints(round == 3 ? 1_000 : 120, &generator)
            try index.update(removing: removing, inserting: Self.appended(adding, after: points.count - removing.count))
            points = points.indices.filter { !removing.contains($0) }.map { points[$0] } + adding
            let rebuilt = ZoomClusters(points: points, options: options)
            #expect(index.count == points.count)
            #expect(index.points == points)
            #expect(try everything(index) == everything(rebuilt), "round \(round)")
        }
    }

    /// Each point's node at a zoom is the node shown there whose leaves hold it, before and
    /// after an update.
    @Test func theNodeOfEachPointHoldsItAmongItsLeaves() throws {
        var generator = SplitMix64(seed: 11)
        var index = ZoomClusters(points: Self.randomPoints(2_000, &generator), options: ZoomClusterOptions(maxZoom: 10))
        for round in 0 ..< 2 {
            if round == 1 { try index.update(removing: [0, 5, 700], inserting: Self.appended(Self.randomPoints(50, &generator), after: 1_997)) }
            for zoom in [0, 3, 7, 11] {
                var members: [ClusterNode: [Int]] = [:]
                for (i, node) in index.nodes(ofPointsAt: zoom).enumerated() { members[node, default: []].append(i) }
                #expect(Set(members.keys) == Set(world(index, zoom: zoom)), "zoom \(zoom)")
                for (node, points) in members {
                    switch node {
                    case .point(let i): #expect(points == [i])
                    case .cluster(let c): #expect(try index.leaves(of: c.id, limit: .max).sorted() == points)
                    }
                }
            }
        }
    }

    @Test func updatesFromNothingAndToNothing() throws {
        var index = ZoomClusters(points: [])
        let points = Self.points([(36.80, -1.30), (36.82, -1.29), (36.81, -1.31), (-77.04, -12.05)])
        try index.update(inserting: Self.appended(points, after: 0))
        #expect(try everything(index) == everything(ZoomClusters(points: points)))
        #expect(world(index, zoom: 3).count == 2)
        try index.update(removing: 0 ..< 4)
        #expect(index.count == 0)
        for zoom in 0 ... 17 { #expect(world(index, zoom: zoom).isEmpty) }
    }

    @Test func appendingKeepsTheIdsOfClustersItDoesNotTouch() throws {
        var index = ZoomClusters(points: Self.points([(36.80, -1.30), (36.82, -1.29), (-77.04, -12.05), (-77.05, -12.06)]))
        let before = world(index, zoom: 3)
        try index.update(inserting: [(4, Self.points([(36.81, -1.31)])[0])])
        let after = world(index, zoom: 3)
        let lima = before.first { if case .cluster(let c) = $0 { c.longitude < 0 } else { false } }
        #expect(lima != nil && after.contains(lima!))
        let nairobi = after.compactMap { if case .cluster(let c) = $0, c.longitude > 0 { c } else { nil } }
        #expect(nairobi.map(\.pointCount) == [3])
    }

    @Test func updatesNamingUnknownPointsChangeNothing() throws {
        var index = ZoomClusters(points: Self.points([(0, 0), (0.001, 0)]))
        let before = try everything(index)
        #expect(throws: ZoomClusterError.unknownPoint(2)) { try index.update(removing: [0, 2]) }
        #expect(throws: ZoomClusterError.unknownPoint(-1)) { try index.update(removing: [-1]) }
        let point = ClusterPoint(longitude: 1, latitude: 1)
        #expect(throws: ZoomClusterError.unknownPoint(2)) { try index.update(removing: [0], inserting: [(2, point)]) }
        #expect(throws: ZoomClusterError.unknownPoint(1)) { try index.update(inserting: [(1, point), (1, point)]) }
        #expect(throws: ZoomClusterError.unknownPoint(-1)) { try index.update(inserting: [(-1, point)]) }
        #expect(try everything(index) == before)
    }
}

/// The same rules written plainly: a hash grid of radius-sized cells finds neighbours.
struct PlainClusters {
    var clusterCounts: [Int] = []
    var singleCounts: [Int] = []

    struct Node {
        var x: Double, y: Double, count: Int
    }

    init(points: [ClusterPoint], options: ZoomClusterOptions) {
        var nodes = points.map { p in
            let s = sin(p.latitude * .pi / 180)
            let y = min(1, max(0, 0.5 - 0.25 * log((1 + s) / (1 - s)) / .pi))
            return Node(x: p.longitude / 360 + 0.5, y: y, count: 1)
        }
        var byZoom: [Int: [Node]] = [options.maxZoom + 1: nodes]
        for zoom in stride(from: options.maxZoom, through: options.minZoom, by: -1) {
            let r = options.radius / (options.extent * pow(2, Double(zoom)))
            var grid: [Int64: [Int]] = [:]
            func cell(_ x: Double, _ y: Double) -> (Int64, Int64) { (Int64((x / r).rounded(.down)), Int64((y / r).rounded(.down))) }
            for (i, n) in nodes.enumerated() {
                let (cx, cy) = cell(n.x, n.y)
                grid[cx << 32 | (cy & 0xFFFF_FFFF), default: []].append(i)
            }
            var taken = [Bool](repeating: false, count: nodes.count)
            var next: [Node] = []
            for i in nodes.indices where !taken[i] {
                taken[i] = true
                let (cx, cy) = cell(nodes[i].x, nodes[i].y)
                var near: [Int] = []
                for dx in Int64(-1) ... 1 {
                    for dy in Int64(-1) ... 1 {
                        for j in grid[(cx + dx) << 32 | ((cy + dy) & 0xFFFF_FFFF)] ?? [] where !taken[j] {
                            let ddx = nodes[j].x - nodes[i].x, ddy = nodes[j].y - nodes[i].y
                            if ddx * ddx + ddy * ddy <= r * r { near.append(j) }
                        }
                    }
                }
                let count = nodes[i].count + near.reduce(0) { $0 + nodes[$1].count }
                if count > nodes[i].count && count >= options.minPoints {
                    var wx = nodes[i].x * Double(nodes[i].count), wy = nodes[i].y * Double(nodes[i].count)
                    for j in near.sorted() {
                        taken[j] = true
                        wx += nodes[j].x * Double(nodes[j].count)
                        wy += nodes[j].y * Double(nodes[j].count)
                    }
                    next.append(Node(x: wx / Double(count), y: wy / Double(count), count: count))
                } else {
                    next.append(nodes[i])
                    for j in near.sorted() {
                        taken[j] = true
                        next.append(nodes[j])
                    }
                }
            }
            byZoom[zoom] = next
            nodes = next
        }
        for zoom in 0 ... options.maxZoom + 1 {
            let level = byZoom[max(options.minZoom, zoom)] ?? []
            clusterCounts.append(level.filter { $0.count > 1 }.count)
            singleCounts.append(level.filter { $0.count == 1 }.count)
        }
    }
}
