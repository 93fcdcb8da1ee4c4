import Clustering
import Foundation
import GeoJSON
import TestSupport
import Testing

/// DBSCAN in great-circle kilometres: known layouts, and scikit-learn's haversine DBSCAN on
/// 50,000 points.
@Suite struct DBSCANTests {
    @Test func rolesAndLabelsOfAKnownLayout() {
        // A clump of four around Nairobi (each within ~3 km), one point 4.4 km east of it, one in Lima.
        let positions = [(-77.04, -12.05), (36.80, -1.30), (36.82, -1.29), (36.81, -1.31), (36.80, -1.28), (36.86, -1.29)]
            .map { Position(longitude: $0.0, latitude: $0.1) }
        let result = DBSCAN(positions: positions, epsKm: 5, minPoints: 4)
        #expect(result.roles == [.noise, .core, .core, .core, .core, .border])
        #expect(result.labels == [nil, 0, 0, 0, 0, 0])
        #expect(result.clusterCount == 1)
        #expect(DBSCAN(positions: positions, epsKm: 1, minPoints: 2).clusterCount == 0)
    }

    @Test func clustersAreNumberedByTheirFirstPoint() {
        // A border point of the Paris clump comes first; the London clump's first point second.
        let paris = [(2.45, 48.85), (2.35, 48.85), (2.36, 48.85), (2.35, 48.86)]
        let london = [(-0.12, 51.50), (-0.13, 51.50), (-0.12, 51.51)]
        let positions = [paris[0], london[0]] + london.dropFirst() + paris.dropFirst()
        let result = DBSCAN(positions: positions.map { Position(longitude: $0.0, latitude: $0.1) }, epsKm: 7, minPoints: 3)
        #expect(result.roles[0] == .border)
        #expect(result.labels == [0, 1, 1, 1, 0, 0, 0])
    }

    @Test func acrossTheAntimeridianAndAtThePole() {
        let positions = [(179.99, 10.0), (-179.99, 10.0), (0, 90), (120, 89.99), (0, 0)].map { Position(longitude: $0.0, latitude: $0.1) }
        let result = DBSCAN(positions: positions, epsKm: 5, minPoints: 2)
        #expect(result.labels == [0, 0, 1, 1, nil])
    }

    /// Core points, and which core points share a cluster, as scikit-learn finds them.
    @Test func agreesWithScikitLearnOnFiftyThousandPoints() throws {
        var generator = SplitMix64(seed: 5)
        let positions = (0 ..< 50_000).map { i in
            // Half in a few dense regions, so that every role occurs.
            i % 2 == 0
                ? Position(longitude: 20 + generator.uniform(-3, 3), latitude: 5 + generator.uniform(-3, 3))
                : Position(longitude: generator.uniform(-180, 180), latitude: generator.uniform(-85, 85))
        }
        let epsKm = 10.0, minPoints = 5
        let ours = DBSCAN(positions: positions, epsKm: epsKm, minPoints: minPoints)
        let output = try Python.run(
            script: PackageRoot.path + "/Tools/reference/dbscan.py", arguments: [String(epsKm), String(minPoints)],
            input: positions.map { "\($0.longitude) \($0.latitude)" }.joined(separator: "\n") + "\n")
        let reference = output.split(separator: "\n").map { $0.split(separator: " ") }
        try #require(reference.count == positions.count)
        let theirCore = reference.map { $0[0] == "core" }
        #expect(ours.roles.map { $0 == .core } == theirCore)
        #expect(theirCore.contains(true) && theirCore.contains(false))
        // The same partition of the core points: labels map one to one.
        var mapping: [Int: Int] = [:], inverse: [Int: Int] = [:]
        var mismatches = 0
        for i in positions.indices where theirCore[i] {
            guard let mine = ours.labels[i], let theirs = Int(reference[i][1]) else { mismatches += 1; continue }
            if mapping[mine, default: theirs] != theirs || inverse[theirs, default: mine] != mine { mismatches += 1 }
            mapping[mine] = theirs
            inverse[theirs] = mine
        }
        #expect(mismatches == 0)
        #expect(mapping.count == ours.clusterCount)
        // Noise is noise in both.
        #expect(positions.indices.filter { ours.roles[$0] == .noise } == positions.indices.filter { reference[$0][1] == "-1" })
    }
}
