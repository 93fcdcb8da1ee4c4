import GEOSKit
import GeoJSON
import Testing

@Suite struct GEOSKitTests {
    let pool = ContextPool()

    static func square(_ x0: Double, _ y0: Double, _ size: Double) -> [Position] {
        [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)].map {
            Position(longitude: $0.0, latitude: $0.1)
        }
    }

    @Test func errorsCarryGEOSsMessage() throws {
        try pool.withContext { context in
            do {
                _ = try context.geometry(wkt: "POLYGON((0 0, 1 1")
                Issue.record("expected a WKT error")
            } catch let error as GEOSError {
                #expect(error.message.hasPrefix("WKT: ParseException"), "\(error)")
            }
            // The context still works after an error.
            #expect(try context.geometry(wkt: "POINT (1 2)").geoJSON == .point(Position(longitude: 1, latitude: 2)))
        }
    }

    @Test func contextsAreReusedNotMadePerCall() throws {
        for _ in 0 ..< 50 {
            _ = try pool.withContext { try $0.geometry(wkt: "POINT (1 2)").geoJSON }
        }
        #expect(pool.contextsMade == 1)
    }

    @Test(arguments: [
        Geometry.point(Position(longitude: 1.5, latitude: -2)),
        .multiPoint([Position(longitude: 1, latitude: 2), Position(longitude: 3, latitude: 4)]),
        .lineString([Position(longitude: 0, latitude: 0), Position(longitude: 1, latitude: 1)]),
        .multiLineString([[Position(longitude: 0, latitude: 0), Position(longitude: 1, latitude: 1)]]),
        .polygon([GEOSKitTests.square(0, 0, 10), GEOSKitTests.square(2, 2, 1)]),
        .multiPolygon([[GEOSKitTests.square(0, 0, 1)], [GEOSKitTests.square(5, 5, 1)]]),
        .geometryCollection([.point(Position(longitude: 1, latitude: 1)), .lineString([Position(longitude: 0, latitude: 0), Position(longitude: 2, latitude: 2)])]),
    ])
    func geoJSONRoundTrip(geometry: Geometry) throws {
        try pool.withContext { context in
            let g = try context.geometry(from: geometry)
            #expect(try g.geoJSON == geometry)
        }
    }

    @Test func makeValidRepairsABowTie() throws {
        try pool.withContext { context in
            let bowTie = try context.geometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))")
            #expect(try !bowTie.isValid)
            #expect(try bowTie.validityReason.hasPrefix("Self-intersection"))
            let repaired = try bowTie.makeValid()
            #expect(try repaired.isValid)
            #expect(try repaired.typeName == "MultiPolygon")
            #expect(abs(try repaired.area - 2) < 1e-12)
        }
    }

    @Test func preparedCoversABatch() throws {
        try pool.withContext { context in
            let polygon = try context.geometry(from: .polygon([Self.square(0, 0, 10), Self.square(2, 2, 2)])).prepared()
            let xs = [5.0, 3, 11, -1, 0, 9.99, 2]
            let ys = [5.0, 3, 5, 5, 5, 9.99, 3]
            // Inside; in the hole; outside twice; on the outer boundary (covered); inside; on the hole's edge (covered).
            #expect(try polygon.covers(x: xs, y: ys) == [true, false, false, false, true, true, true])
        }
    }

    @Test func hullsOfAPointSet() throws {
        try pool.withContext { context in
            // The corners of an L-shape and a point inside its corner.
            let xs: [Double] = [0, 10, 10, 2, 2, 0, 1]
            let ys: [Double] = [0, 0, 2, 2, 10, 10, 1]
            let points = try context.multiPoint(longitudes: xs, latitudes: ys)
            #expect(abs(try points.convexHull().area - 68) < 1e-9)
            let concave = try points.concaveHull(ratio: 0.2)
            #expect(try concave.area < 68)
            #expect(try concave.isValid)
        }
    }

    @Test func concurrentBatchesAgree() async throws {
        let pool = self.pool
        let areas = try await withThrowingTaskGroup(of: Double.self) { group in
            for _ in 0 ..< 8 {
                group.addTask {
                    try pool.withContext { try $0.geometry(wkt: "POLYGON ((0 0, 3 0, 3 3, 0 0))").area }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(areas == Array(repeating: 4.5, count: 8))
        #expect(pool.contextsMade <= 8)
    }
}
