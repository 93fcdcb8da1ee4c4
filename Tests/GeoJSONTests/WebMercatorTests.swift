import GeoJSON
import Testing

/// Web Mercator against pyproj 3 (PROJ's EPSG:4326 → EPSG:3857, always_xy), whose answers are
/// written here as it gave them:
///
///     Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True).transform(lon, lat)
///     Transformer.from_crs("EPSG:3857", "EPSG:4326", always_xy=True).transform(πR, πR)  # the limit
@Suite struct WebMercatorTests {
    /// Longitude, latitude, then pyproj's easting and northing in metres.
    static let pyproj: [(Double, Double, Double, Double)] = [
        (0, 0, 0.0, 0.0),
        (36.8219, -1.2921, 4098995.15804084, -143848.1072708167),
        (-77.0428, -12.0464, -8576365.265288018, -1350989.4820868503),
        (151.2093, -33.8688, 16832542.27920734, -4011198.647307572),
        (-180, 60, -20037508.342789244, 8399737.889818357),
        (179.9, -85.0, 20026376.393709917, -19971868.880408566),
        (2.3522, 48.8566, 261845.70624393807, 6250564.349543125),
    ]
    /// pyproj's latitude of the map's northern edge, the northing π · 6378137.
    static let pyprojLimit = 85.0511287798066
    static let halfWorld = 20037508.342789244

    @Test(arguments: pyproj) func metresAgreeWithPyproj(_ sample: (Double, Double, Double, Double)) {
        let (longitude, latitude, easting, northing) = sample
        let (x, y) = WebMercator.metres(longitude: longitude, latitude: latitude)
        #expect(abs(x - easting) < 1e-6 && abs(y - northing) < 1e-6, "\(longitude) \(latitude): \(x) \(y)")
        let back = WebMercator.degrees(x: easting, y: northing)
        #expect(abs(back.longitude - longitude) < 1e-9 && abs(back.latitude - latitude) < 1e-9, "\(back)")
    }

    /// The unit square is pyproj's metres scaled: x from 180° W, y down from the northern edge.
    @Test(arguments: pyproj) func unitSquareIsPyprojScaled(_ sample: (Double, Double, Double, Double)) {
        let (longitude, latitude, easting, northing) = sample
        #expect(abs(WebMercator.x(longitude) - (easting / Self.halfWorld + 1) / 2) < 1e-12)
        #expect(abs(WebMercator.y(latitude) - (1 - northing / Self.halfWorld) / 2) < 1e-12)
        #expect(abs(WebMercator.longitude(WebMercator.x(longitude)) - longitude) < 1e-9)
        #expect(abs(WebMercator.latitude(WebMercator.y(latitude)) - latitude) < 1e-9)
    }

    @Test func theLatitudeLimitIsWherePyprojsSquareEnds() {
        #expect(abs(WebMercator.maxLatitude - Self.pyprojLimit) < 1e-12)
        #expect(abs(WebMercator.metres(longitude: 180, latitude: WebMercator.maxLatitude).y - Self.halfWorld) < 1e-6)
        // Beyond the limit, positions are taken at it.
        #expect(WebMercator.y(89.9) == 0 && WebMercator.y(90) == 0 && WebMercator.y(-90) == 1)
        #expect(WebMercator.metres(longitude: 0, latitude: 90).y == WebMercator.metres(longitude: 0, latitude: WebMercator.maxLatitude).y)
    }
}
