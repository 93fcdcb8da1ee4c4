/// A tile of the Web Mercator pyramid, numbered XYZ-style (row 0 at the north).
public struct TileID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The zoom, the column from the west and the row from the north, each 0 ..< 2^z across.
    public var z: Int, x: Int, y: Int

    /// The tile at column `x`, row `y` (from the north) of zoom `z`.
    public init(z: Int, x: Int, y: Int) {
        (self.z, self.x, self.y) = (z, x, y)
    }

    /// `z/x/y`, as tile URLs spell it.
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
}
