import Foundation

/// Web Mercator (EPSG:3857, "Pseudo-Mercator"): the spherical Mercator projection of web maps,
/// their tiles and their clusters, on a sphere of the WGS 84 semi-major axis.
///
/// Two scales: the unit square [0, 1]² with y down (x = 0 at 180° W, y = 0 at the northern
/// limit), which tiles and clustering use (a tile of zoom z is 2⁻ᶻ wide), and metres (EPSG:3857's
/// easting and northing). The formulas are the spherical Mercator of Snyder, "Map Projections — A
/// Working Manual" (USGS 1987), equations 7-1, 7-2, 7-4 and 7-4a; the unit-square form is the one
/// mapbox/supercluster uses.
public enum WebMercator {
    /// The latitude where the map becomes square, atan(sinh(π)) ≈ 85.05112878°, in degrees: the
    /// northern limit (its negative the southern). Latitudes beyond it are taken at it.
    public static let maxLatitude = 85.051_128_779_806_59

    /// The sphere's radius in metres: the WGS 84 semi-major axis, as EPSG:3857 takes it.
    public static let radius = 6_378_137.0

    /// The unit-square x of a longitude in degrees: 0 at 180° W, 1 at 180° E (not wrapped).
    public static func x(_ longitude: Double) -> Double { longitude / 360 + 0.5 }

    /// The unit-square y of a latitude in degrees: 0 at the northern limit, 1 at the southern,
    /// with latitudes beyond the limit taken at it and the result kept within [0, 1].
    public static func y(_ latitude: Double) -> Double {
        let s = sin(max(-maxLatitude, min(maxLatitude, latitude)) * .pi / 180)
        let y = 0.5 - 0.25 * log((1 + s) / (1 - s)) / .pi
        return y < 0 ? 0 : y > 1 ? 1 : y
    }

    /// The longitude in degrees of a unit-square x (the inverse of `x`).
    public static func longitude(_ x: Double) -> Double { (x - 0.5) * 360 }

    /// The latitude in degrees of a unit-square y (the inverse of `y` within the limits).
    public static func latitude(_ y: Double) -> Double {
        let y2 = (180 - y * 360) * .pi / 180
        return 360 * atan(exp(y2)) / .pi - 90
    }

    /// EPSG:3857 easting and northing in metres of a longitude and latitude in degrees, the
    /// latitude taken within the limits.
    public static func metres(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        let latitude = max(-maxLatitude, min(maxLatitude, latitude))
        return (radius * longitude * .pi / 180, radius * log(tan(.pi / 4 + latitude * .pi / 360)))
    }

    /// The longitude and latitude in degrees of an EPSG:3857 easting and northing in metres (the
    /// inverse of `metres`).
    public static func degrees(x: Double, y: Double) -> Position {
        Position(longitude: x / radius * 180 / .pi, latitude: (2 * atan(exp(y / radius)) - .pi / 2) * 180 / .pi)
    }
}
