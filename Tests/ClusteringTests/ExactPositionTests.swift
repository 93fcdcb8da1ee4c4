import Clustering
import TestSupport
import Testing

/// The index keeps its search tree in Float32, yet decides on the exact (Double) unit-square
/// positions: a radius holds a point when dx² + dy² ≤ r², and a box holds it when it lies within
/// its edges, both computed on x = longitude / 360 + 0.5 in Double. The positions below were
/// found with Python and numpy so that Float32 and Double disagree: each sits within one Float32
/// rounding of the radius or the box edge, on the side the comment names.
@Suite struct ExactPositionTests {
    /// At zoom 16 the radius is 40 / (512 · 2¹⁶). Two pairs on the equator (y = 0.5 exactly):
    /// 12.960727° and 12.96115611° are 1.2e-10 inside it (2.0e-8 outside in Float32), and
    /// 18.091399° and 18.091832188° 1.1e-8 outside it (1.8e-8 inside in Float32).
    @Test func theRadiusIsDecidedOnExactPositions() {
        let index = ZoomClusters(points: [
            ClusterPoint(longitude: 12.960727, latitude: 0), ClusterPoint(longitude: 12.96115611, latitude: 0),
            ClusterPoint(longitude: 18.091399, latitude: 0), ClusterPoint(longitude: 18.091832188, latitude: 0),
        ])
        let nodes = index.nodes(west: -180, south: -90, east: 180, north: 90, zoom: 16)
        let clusters = nodes.compactMap { if case .cluster(let c) = $0 { c } else { nil } }
        #expect(clusters.map(\.pointCount) == [2], "the first pair, inside the radius, is one cluster")
        #expect(Set(nodes.filter { if case .point = $0 { true } else { false } }) == [.point(2), .point(3)], "the second pair stays apart")
    }

    /// A box's west edge at 21.018417° holds a point at that longitude (whose Float32 x lies
    /// below the edge's); one at 25.956502° does not hold a point at 25.956501999° (whose Float32
    /// x equals the edge's).
    @Test func boxEdgesAreDecidedOnExactPositions() {
        let index = ZoomClusters(points: [ClusterPoint(longitude: 21.018417, latitude: 0), ClusterPoint(longitude: 25.956501999, latitude: 0)])
        #expect(index.nodes(west: 21.018417, south: -10, east: 22, north: 10, zoom: 17) == [.point(0)])
        #expect(index.nodes(west: 25.956502, south: -10, east: 27, north: 10, zoom: 17).isEmpty)
    }

    /// Points given as flat arrays make the index the same points as values make.
    @Test func flatArraysGiveTheIndexOfThePoints() {
        var generator = SplitMix64(seed: 15)
        let points = ZoomClusterTests.randomPoints(2_000, &generator)
        let flat = ZoomClusters(longitudes: points.map(\.longitude), latitudes: points.map(\.latitude),
                                tallies: points.flatMap(\.tally), width: 2, options: ZoomClusterOptions(maxZoom: 12))
        let given = ZoomClusters(points: points, options: ZoomClusterOptions(maxZoom: 12))
        #expect(flat.points == points)
        for zoom in 0 ... 13 {
            #expect(flat.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom)
                == given.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom), "zoom \(zoom)")
        }
    }
}
