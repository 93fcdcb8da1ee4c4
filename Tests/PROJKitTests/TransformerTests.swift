import Foundation
import PROJKit
import TestSupport
import Testing

@Suite struct TransformerTests {
    /// 10,000 seeded points in each target's domain (UTM zone 37N: 30..44°E).
    static let cases: [(target: String, lon: ClosedRange<Double>, lat: ClosedRange<Double>)] = [
        ("EPSG:3857", -180 ... 180, -85 ... 85),
        ("EPSG:8857", -180 ... 180, -85 ... 85),
        ("EPSG:32637", 30 ... 44, -80 ... 84),
    ]

    @Test(arguments: 0 ..< 3)
    func agreesWithPyproj(caseIndex: Int) throws {
        let (target, lon, lat) = Self.cases[caseIndex]
        var generator = SplitMix64(seed: UInt64(caseIndex + 1))
        var xs = (0 ..< 10_000).map { _ in generator.uniform(lon.lowerBound, lon.upperBound) }
        var ys = (0 ..< 10_000).map { _ in generator.uniform(lat.lowerBound, lat.upperBound) }
        let input = zip(xs, ys).map { "\($0) \($1)" }.joined(separator: "\n") + "\n"
        let output = try Python.run(
            script: PackageRoot.path + "/Tools/reference/transform.py", arguments: ["EPSG:4326", target], input: input)
        let reference = output.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        try #require(reference.count == xs.count)

        try Transformer(from: "EPSG:4326", to: target).transform(x: &xs, y: &ys)
        let worst = zip(reference, zip(xs, ys)).map { expected, got in
            max(abs(expected[0] - got.0), abs(expected[1] - got.1))
        }.max() ?? .infinity
        #expect(worst <= 1e-6, "largest difference from pyproj: \(worst) m")
    }

    @Test func webMercatorRoundTrips() throws {
        var generator = SplitMix64(seed: 7)
        let lons = (0 ..< 1000).map { _ in generator.uniform(-180, 180) }
        let lats = (0 ..< 1000).map { _ in generator.uniform(-85, 85) }
        var xs = lons, ys = lats
        let forward = try Transformer(from: .wgs84, to: .webMercator)
        try forward.transform(x: &xs, y: &ys)
        #expect(abs(xs[0] - lons[0]) > 1, "the points moved")
        try Transformer(from: .webMercator, to: .wgs84).transform(x: &xs, y: &ys)
        for i in lons.indices {
            #expect(abs(xs[i] - lons[i]) < 1e-9 && abs(ys[i] - lats[i]) < 1e-9)
        }
    }

    @Test func knownPoint() throws {
        // Longitude first, whatever the CRS's own axis order (EPSG:4326 is lat, lon).
        let (x, y) = try Transformer(from: "EPSG:4326", to: "EPSG:3857").transform(x: 180, y: 0)
        #expect(abs(x - 20_037_508.342789244) < 1e-6)
        #expect(abs(y) < 1e-6)
    }

    /// Each unknown name fails, and the error says which name and why.
    @Test func unknownCRSIsNamed() {
        let unknown = #expect(throws: PROJError.self) { try Transformer(from: "EPSG:4326", to: "EPSG:999999") }
        #expect(unknown?.description.hasPrefix("unknown CRS \"EPSG:999999\": ") == true, "\(String(describing: unknown))")
        let mercator = #expect(throws: PROJError.self) { try Transformer(from: "EPSG:4326", to: "mercator") }
        #expect(mercator?.description == "unknown CRS \"mercator\": expected EPSG:N, OGC:CRS84 or an OGC CRS URI")
    }

    @Test func missingDatabaseIsNamed() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-proj-db-\(UUID())").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        do {
            _ = try Transformer(from: .wgs84, to: .webMercator, searchPaths: [empty])
            Issue.record("expected an error without proj.db")
        } catch {
            #expect(error.description.hasPrefix("no proj.db found in \(empty): "), "\(error)")
        }
    }

    @Test(arguments: [
        ("EPSG:4326", "EPSG:4326"), ("epsg:3857", "EPSG:3857"), ("CRS84", "OGC:CRS84"), ("OGC:CRS84", "OGC:CRS84"),
        ("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "OGC:CRS84"),
        ("http://www.opengis.net/def/crs/EPSG/0/32637", "EPSG:32637"), ("urn:ogc:def:crs:EPSG::8857", "EPSG:8857"),
    ])
    func namesAreParsed(text: String, expected: String) {
        #expect(CRS(text)?.name == expected)
    }

    @Test(arguments: ["", "EPSG:", "EPSG:abc", "EPSG:-1", "4326", "http://www.opengis.net/def/crs/EPSG/0/"])
    func badNamesAreRejected(text: String) {
        #expect(CRS(text) == nil)
    }

    @Test func urisAndURNs() throws {
        let crs = try #require(CRS("EPSG:3857"))
        #expect(crs.uri == "http://www.opengis.net/def/crs/EPSG/0/3857")
        #expect(crs.urn == "urn:ogc:def:crs:EPSG::3857")
        #expect(CRS.crs84.uri == "http://www.opengis.net/def/crs/OGC/1.3/CRS84")
    }

    @Test func axisOrder() throws {
        #expect(try isLatitudeFirst(.wgs84))
        #expect(try !isLatitudeFirst(.crs84))
        #expect(try !isLatitudeFirst(.webMercator))
    }

    @Test(arguments: [1, 90_000])
    func failedPointsAreNamedByTheirIndexInTheBatch(index: Int) throws {
        // 100,000 points run in several chunks at once; the index is still the batch's.
        var xs = [Double](repeating: 10, count: 100_000), ys = [Double](repeating: 10, count: 100_000)
        ys[index] = 95
        do {
            try Transformer(from: .wgs84, to: .webMercator).transform(x: &xs, y: &ys)
            Issue.record("expected a failure")
        } catch {
            guard case .transformFailed(let failed, _) = error else {
                Issue.record("expected transformFailed, found \(error)")
                return
            }
            #expect(failed == index)
        }
    }

    @Test func concurrentBatchesAgree() async throws {
        let transformer = try Transformer(from: .wgs84, to: .webMercator)
        var generator = SplitMix64(seed: 3)
        let lons = (0 ..< 5000).map { _ in generator.uniform(-180, 180) }
        let lats = (0 ..< 5000).map { _ in generator.uniform(-85, 85) }
        let results = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0 ..< 8 {
                group.addTask {
                    var xs = lons, ys = lats
                    try transformer.transform(x: &xs, y: &ys)
                    return xs + ys
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results).count == 1)
    }
}
