import Clustering
import Foundation
import TestSupport
import Testing

/// A large level whose points each have thousands of neighbours (70,000 points in a 20° box,
/// clustered from zoom 3 down): the neighbours are searched one slot at a time rather than all
/// listed first, and the counts at every zoom are still the plain implementation's.
@Suite struct DenseLevelTests {
    @Test func aDenseLargeLevelClustersAsThePlainImplementation() {
        var generator = SplitMix64(seed: 31)
        let points = (0 ..< 70_000).map { _ in
            ClusterPoint(longitude: generator.uniform(0, 20), latitude: generator.uniform(30, 50), tally: [1])
        }
        let options = ZoomClusterOptions(maxZoom: 3)
        let index = ZoomClusters(points: points, options: options)
        let reference = PlainClusters(points: points, options: options)
        for zoom in 0 ... 4 {
            let nodes = index.nodes(west: -180, south: -90, east: 180, north: 90, zoom: zoom)
            let clusters = nodes.filter { if case .cluster = $0 { true } else { false } }.count
            #expect(clusters == reference.clusterCounts[zoom], "zoom \(zoom)")
            #expect(nodes.count - clusters == reference.singleCounts[zoom], "zoom \(zoom)")
        }
        #expect(reference.clusterCounts[3] > 0 && reference.singleCounts[4] == points.count)
    }
}
