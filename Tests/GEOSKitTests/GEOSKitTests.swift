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
            _ = try pool.withContext { try $0.geometry(wkt: "POINT (1 2)").wkt }
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
    func geoJSONWKTAndWKBRoundTrip(geometry: Geometry) throws {
        try pool.withContext { context in
            let g = try context.geometry(from: geometry)
            #expect(try g.geoJSON == geometry)
            #expect(try context.geometry(wkt: try g.wkt).geoJSON == geometry)
            #expect(try context.geometry(wkb: try g.wkb).geoJSON == geometry)
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

    @Test func preparedContainsABatch() throws {
        try pool.withContext { context in
            let polygon = try context.geometry(from: .polygon([Self.square(0, 0, 10), Self.square(2, 2, 2)])).prepared()
            let xs = [5.0, 3, 11, -1, 0, 9.99]
            let ys = [5.0, 3, 5, 5, 5, 9.99]
            // Inside; in the hole; outside twice; on the boundary (not contained); inside.
            #expect(try polygon.contains(x: xs, y: ys) == [true, false, false, false, false, true])
        }
    }

    @Test func strTreeFindsIntersectingBoxes() throws {
        try pool.withContext { context in
            var boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []
            for row in 0 ..< 10 {
                for column in 0 ..< 10 {
                    boxes.append((Double(column), Double(row), Double(column) + 0.5, Double(row) + 0.5))
                }
            }
            let tree = try STRtree(context: context, boxes: boxes)
            #expect(try tree.query(minX: 2.2, minY: 3.2, maxX: 3.1, maxY: 3.4) == [32, 33])
            #expect(try tree.query(minX: 20, minY: 20, maxX: 21, maxY: 21) == [])
            #expect(try tree.query(boxes: [(0, 0, 0.1, 0.1), (9.4, 9.4, 9.6, 9.6)]) == [[0], [99]])
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
