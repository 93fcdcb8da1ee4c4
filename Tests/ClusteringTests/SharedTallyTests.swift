import Clustering
import TestSupport
import Testing

/// Points whose tallies are shared runs make the index that the same points as values make:
/// the same clusters with the same tallies, at every zoom.
@Suite struct SharedTallyTests {
    @Test func sharedRunsGiveTheIndexOfThePoints() {
        var generator = SplitMix64(seed: 16)
        let points = ZoomClusterTests.randomPoints(2_000, &generator)
        // Runs listed in the reverse of their first use, so that a run's number is not the point's.
        var runs: [[Int32]] = []
        for point in points where !runs.contains(point.tally) { runs.insert(point.tally, at: 0) }
        let shared = ZoomClusters(
            longitudes: points.map(\.longitude), latitudes: points.map(\.latitude), tallyRows: runs.flatMap { $0 },
            rowOf: points.map { Int32(runs.firstIndex(of: $0.tally)!) }, width: 2, options: ZoomClusterOptions(maxZoom: 12))
        let given = ZoomClusters(points: points, options: ZoomClusterOptions(maxZoom: 12))
        #expect(runs.count == 3)
        #expect(shared.points == points)
        for zoom in 0 ... 13 {
            let found = shared.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom)
            #expect(found == given.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom), "zoom \(zoom)")
            #expect(found.contains { if case .cluster = $0 { true } else { false } } || zoom > 12, "zoom \(zoom) has clusters")
        }
    }
}
