import Foundation

/// A tile of the Web Mercator pyramid, numbered XYZ-style (row 0 at the north).
public struct TileID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var z: Int, x: Int, y: Int

    public init(z: Int, x: Int, y: Int) {
        (self.z, self.x, self.y) = (z, x, y)
    }

    public var description: String { "\(z)/\(x)/\(y)" }

    /// The row as MBTiles stores it (TMS: row 0 at the south).
    public var tmsRow: Int { (1 << z) - 1 - y }

    /// The position on PMTiles' series of Hilbert curves: every tile of lower zooms first, then
    /// this one's distance along its zoom's curve.
    public var hilbertID: UInt64 {
        var id = (UInt64(1) << (2 * UInt64(z)) - 1) / 3
        let n = 1 << z
        var tx = x, ty = y
        var s = n / 2
        while s > 0 {
            let rx = tx & s > 0 ? 1 : 0, ry = ty & s > 0 ? 1 : 0
            id += UInt64(s) * UInt64(s) * UInt64((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 { (tx, ty) = (n - 1 - tx, n - 1 - ty) }
                (tx, ty) = (ty, tx)
            }
            s /= 2
        }
        return id
    }

    /// Ordered as PMTiles wants its tiles: by Hilbert id.
    public static func < (a: TileID, b: TileID) -> Bool { a.hilbertID < b.hilbertID }

    /// The tile's box in spherical Mercator units of [0, 1]² (y down).
    public var mercatorBounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let size = 1 / Double(1 << z)
        return (Double(x) * size, Double(y) * size, Double(x + 1) * size, Double(y + 1) * size)
    }
}

/// Spherical Mercator in [0, 1]², y down, as the tiles and the clustering use it.
public enum Mercator {
    public static let maxLatitude = 85.051_128_779_806_59

    public static func x(_ longitude: Double) -> Double { longitude / 360 + 0.5 }

    public static func y(_ latitude: Double) -> Double {
        let s = sin(max(-maxLatitude, min(maxLatitude, latitude)) * .pi / 180)
        return 0.5 - 0.25 * log((1 + s) / (1 - s)) / .pi
    }
}
