import Foundation
import Testing

/// The items' areas as the one selection parser reads them for the service: countries by any
/// of their names, boxes in each served CRS, and no file ever read for `within`.
@Suite struct SelectionParameterTests {
    static func features(_ answer: Answer) -> [String] {
        ((answer.json as? [String: Any])?["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// ISO 3166-1 gives Kenya the codes KE and KEN; the service takes either, or the name, in any case.
    @Test(arguments: Backend.allCases)
    func aCountryIsNamedByEitherCodeOrItsName(backend: Backend) async throws {
        let service = router(try await HTTPConformanceTests.store(backend))
        let byAlpha2 = try await get(service, "/collections/projects/items?country=KE&limit=1000")
        #expect(byAlpha2.status == 200 && !Self.features(byAlpha2).isEmpty, "\(byAlpha2)")
        for name in ["KEN", "kenya", "ke"] {
            let other = try await get(service, "/collections/projects/items?country=\(name)&limit=1000")
            #expect(other.status == 200 && Self.features(other) == Self.features(byAlpha2), "\(name): \(other)")
        }
    }

    /// A box in EPSG:3857 metres selects what the same box in degrees selects: the corners of
    /// 30,-5,45,5 (CRS84) in EPSG:3857 are pyproj's (Transformer.from_crs("OGC:CRS84", "EPSG:3857")).
    /// Beyond ±20037508.34 m (±180°) a box is outside the CRS's world: a 400 naming bbox, not a
    /// box wrapped round the antimeridian.
    @Test(arguments: Backend.allCases)
    func boxesInWebMercatorAreReadThroughPROJ(backend: Backend) async throws {
        let service = router(try await HTTPConformanceTests.store(backend))
        let degrees = try await get(service, "/collections/projects/items?bbox=30,-5,45,5&limit=1000")
        let mercator = "http://www.opengis.net/def/crs/EPSG/0/3857"
        let metres = try await get(service, "/collections/projects/items?bbox=3339584.723798207,-557305.2572745768,5009377.085697311,557305.2572745768"
                                       + "&bbox-crs=\(mercator)&limit=1000")
        #expect(degrees.status == 200 && !Self.features(degrees).isEmpty, "\(degrees)")
        #expect(metres.status == 200 && Self.features(metres) == Self.features(degrees), "\(metres)")
        let beyond = try await get(service, "/collections/projects/items?bbox=-30000000,-1000,30000000,1000&bbox-crs=\(mercator)")
        #expect(beyond.status == 400 && beyond.text.contains("query parameter bbox: expected a box within its CRS's world"), "\(beyond)")
    }

    /// `within` is WKT only over HTTP: a path is refused as text, never opened.
    @Test(arguments: Backend.allCases)
    func withinNeverReadsAFileOfTheServer(backend: Backend) async throws {
        let service = router(try await HTTPConformanceTests.store(backend))
        let path = try #require(Bundle.main.executablePath)
        let answer = try await get(service, "/collections/projects/items?within=\(path)")
        #expect(answer.status == 400, "\(answer)")
        #expect(answer.text.contains("query parameter within: expected a WKT Polygon or MultiPolygon, found \\\"\(path)\\\""), "\(answer)")
    }
}
