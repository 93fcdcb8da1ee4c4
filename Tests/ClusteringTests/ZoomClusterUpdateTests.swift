import Clustering
import Foundation
import GeoJSON
import TestSupport
import Testing

/// Seeded random rounds of removals and insertions, each checked against a build on the final
/// points: that build never goes through `update`, so it is the right answer to every query.
@Suite struct ZoomClusterUpdateTests {
    /// Points in clumps at three scales (continent, region, town) and some spread over the world,
    /// with a few exact duplicates, so that clusters form and split at every zoom.
    static func clumped(_ count: Int, _ generator: inout SplitMix64) -> [ClusterPoint] {
        let centres = [(36.8, -1.3), (-77.0, -12.0), (2.35, 48.85), (151.2, -33.9), (179.9, 10.0)]
        return (0 ..< count).map { _ in
            let kind = generator.next() % 10
            let (lon, lat): (Double, Double)
            if kind == 0 {
                (lon, lat) = (generator.uniform(-180, 180), generator.uniform(-85, 85))
            } else {
                let centre = centres[Int(generator.next() % UInt64(centres.count))]
                let spread = [8.0, 0.5, 0.02, 0.0005][Int(kind % 4)]
                let exact = kind == 9 && generator.next() % 4 == 0
                lon = exact ? centre.0 : centre.0 + generator.uniform(-spread, spread)
                lat = exact ? centre.1 : centre.1 + generator.uniform(-spread, spread)
            }
            // Wrapped into -180 ... 180 (the clump at 179.9 crosses the antimeridian).
            let wrapped = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon
            return ClusterPoint(longitude: wrapped, latitude: lat, tally: [Int32(generator.next() % 3), 1, Int32(generator.next() % 2)])
        }
    }

    /// The boxes asked besides the world: a clump, a region, one across the antimeridian.
    static let boxes: [(west: Double, south: Double, east: Double, north: Double)] = [
        (36.0, -2.0, 37.5, -0.5), (-90, -30, -60, 0), (170, -5, -170, 25), (2.3, 48.8, 2.4, 48.9),
    ]

    /// Every answer a client can get, in a form compared exactly: what is shown at every zoom in
    /// the world and in the boxes (clusters with ids, positions, counts, tallies and boxes), each
    /// point's node, and every cluster's children, leaves (all, and a page) and expansion zoom.
    static func answers(_ index: ZoomClusters) throws -> [String] {
        var lines = ["count \(index.count)", "points \(index.points)"]
        var clusters = Set<Int>()
        for zoom in index.options.minZoom ... index.options.maxZoom + 1 {
            let world = index.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom)
            lines.append("z\(zoom) world \(world.map { "\($0)" }.sorted()) of \(world.count)")
            for box in boxes {
                let nodes = index.nodes(west: box.west, south: box.south, east: box.east, north: box.north, zoom: zoom)
                lines.append("z\(zoom) box \(box) \(nodes.map { "\($0)" }.sorted()) of \(nodes.count)")
            }
            if zoom % 4 == 0 { lines.append("z\(zoom) nodes of points \(index.nodes(ofPointsAt: zoom))") }
            for case .cluster(let cluster) in world { clusters.insert(cluster.id) }
        }
        for id in clusters.sorted() {
            lines.append("\(id) children \(try index.children(of: id))")
            lines.append("\(id) leaves \(try index.leaves(of: id, limit: .max)) page \(try index.leaves(of: id, limit: 3, offset: 2))")
            lines.append("\(id) expands at \(try index.expansionZoom(of: id))")
        }
        return lines
    }

    /// Many rounds, each removing points at random ranks and inserting new ones, over a few
    /// thousand clumped points; after each, every answer equals a build on the final points.
    @Test(arguments: [2, 5]) func randomRoundsAnswerAsABuildOnTheFinalPoints(minPoints: Int) throws {
        var generator = SplitMix64(seed: 2026 + UInt64(minPoints))
        let options = ZoomClusterOptions(minPoints: minPoints)
        var points = Self.clumped(1_500, &generator)
        var index = ZoomClusters(points: points, options: options)
        var compared = 0
        for round in 0 ..< 10 {
            // Mostly small rounds; one removes a third, one inserts many.
            let removals = round == 4 ? points.count / 3 : Int(generator.next() % 40)
            let removing = Set((0 ..< removals).map { _ in Int(generator.next() % UInt64(points.count)) })
            var final = points.indices.filter { !removing.contains($0) }.map { points[$0] }
            // Rounds 1, 5 and 9 insert as many as they remove, as moves do.
            let fresh = Self.clumped(round == 7 ? 400 : round % 4 == 1 ? removing.count : Int(generator.next() % 40), &generator)
            // Each at a random index of the final order; round 3 puts them all at the start.
            var at = Set<Int>()
            while at.count < fresh.count { at.insert(round == 3 ? at.count : Int(generator.next() % UInt64(final.count + fresh.count))) }
            let inserting = zip(at.sorted(), fresh).map { (index: $0, point: $1) }
            for (at, point) in inserting { final.insert(point, at: at) }
            #expect(try index.update(removing: removing, inserting: inserting.shuffled(using: &generator)), "round \(round) in place")
            points = final
            let built = ZoomClusters(points: points, options: options)
            let (got, want) = (try Self.answers(index), try Self.answers(built))
            #expect(got.count == want.count, "round \(round)")
            for (a, b) in zip(got, want) where a != b {
                Issue.record("round \(round): \(a.prefix(300)) instead of \(b.prefix(300))")
                break
            }
            compared += want.count
        }
        #expect(compared > 10 * 200, "the rounds asked real questions")
    }

    /// Points inserted one by one at the same place use up the order keys between two
    /// neighbours; the update then builds the index anew, and answers as a build all along.
    @Test func insertionsThatUseUpTheKeysBetweenTwoPointsBuildAnew() throws {
        var generator = SplitMix64(seed: 77)
        var points = Self.clumped(300, &generator)
        var index = ZoomClusters(points: points)
        var inPlace: [Bool] = []
        for point in Self.clumped(40, &generator) {
            inPlace.append(try index.update(inserting: [(1, point)]))
            points.insert(point, at: 1)
            #expect(try Self.answers(index) == Self.answers(ZoomClusters(points: points)), "insertion \(inPlace.count)")
        }
        // Between keys 2³² and 2 · 2³², 32 insertions fit (each halves the gap), then the 33rd builds anew.
        #expect(inPlace.firstIndex(of: false) == 32 && inPlace.filter { !$0 }.count == 1)
    }
}
