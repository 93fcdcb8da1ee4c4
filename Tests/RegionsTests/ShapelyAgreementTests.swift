import Foundation
import GeoJSON
import Testing
import TestSupport

@testable import Regions

/// Region assignment against an independent reference: shapely's STRtree and prepared
/// contains over the same boundaries (Tools/reference/assign_countries.py).
@Suite struct ShapelyAgreementTests {
    @Test func agreesWithShapelyWhereitFindsExactlyOneCountry() throws {
        var generator = SplitMix64(seed: 20_261_124)
        let count = 100_000
        let xs = (0 ..< count).map { _ in generator.uniform(-180, 180) }
        let ys = (0 ..< count).map { _ in generator.uniform(-85, 85) }
        let input = zip(xs, ys).map { "\($0) \($1)" }.joined(separator: "\n") + "\n"
        let output = try Python.run(
            script: PackageRoot.url.appendingPathComponent("Tools/reference/assign_countries.py").path,
            arguments: [Fixture.dataDirectory + "/" + Atlas.boundariesFile], input: input)
        let reference = output.split(separator: "\n").compactMap { Int($0) }
        try #require(reference.count == count)

        // Without the nearest-country fallback, to compare containment with containment.
        let ours = CountryIndex(polygons: try Fixture.atlas.boundaries.map(\.parts))
        var compared = 0, disagreements: [String] = []
        for i in 0 ..< count where reference[i] != -2 {
            let found = ours.locate(x: xs[i], y: ys[i], tolerance: 0) ?? -1
            compared += 1
            if found != reference[i] { disagreements.append("(\(xs[i]), \(ys[i])): shapely \(reference[i]), partmap \(found)") }
        }
        #expect(compared > 99_000)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements: \(disagreements.prefix(10))")
    }
}

