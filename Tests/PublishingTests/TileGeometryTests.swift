import Testing
import Tiles
@testable import Publishing

/// Country outlines cut to tiles: clipped to the tile and its buffer, whole coordinates, and
/// MVT 2.1's winding (exteriors positive area in tile coordinates, holes negative).
@Suite struct TileGeometryTests {
    func area(_ ring: [TilePoint]) -> Int64 {
        ring.indices.reduce(0) { sum, i in
            let a = ring[i], b = ring[(i + 1) % ring.count]
            return sum + Int64(a.x) * Int64(b.y) - Int64(b.x) * Int64(a.y)
        }
    }

    @Test func aRingLargerThanTheTileIsCutToTheTileAndItsBuffer() throws {
        let big: [(x: Double, y: Double)] = [(-1000, -1000), (-1000, 5000), (5000, 5000), (5000, -1000)]
        let cut = MercatorCountry.clip(big, low: -64, high: 4160)
        let ring = try #require(MercatorCountry.quantise(cut, exterior: true))
        #expect(Set(ring) == [TilePoint(x: -64, y: -64), TilePoint(x: -64, y: 4160), TilePoint(x: 4160, y: 4160), TilePoint(x: 4160, y: -64)])
        #expect(area(ring) > 0)
    }

    @Test func windingIsSetWhateverTheInputs() throws {
        let square: [(x: Double, y: Double)] = [(10, 10), (100, 10), (100, 100), (10, 100)]
        let exterior = try #require(MercatorCountry.quantise(square, exterior: true))
        let reversed = try #require(MercatorCountry.quantise(square.reversed(), exterior: true))
        #expect(area(exterior) > 0 && area(reversed) > 0)
        let hole = try #require(MercatorCountry.quantise(square, exterior: false))
        #expect(area(hole) < 0)
    }

    @Test func ringsThatRoundAwayAreDropped() {
        #expect(MercatorCountry.quantise([(1.1, 1.1), (1.2, 1.3), (1.4, 1.2)], exterior: true) == nil, "one point after rounding")
        #expect(MercatorCountry.quantise([(0, 0), (10, 0), (20, 0)], exterior: true) == nil, "no area")
        #expect(MercatorCountry.clip([(5000, 5000), (6000, 5000), (6000, 6000)], low: -64, high: 4160).isEmpty, "outside the tile")
    }

    @Test func pointsNearAnEdgeGoIntoTheNeighbourToo() {
        let options = TileOptions()
        // Zoom 1, just right of the vertical seam: tile x 1 at 10 units in, and tile x 0 in its buffer.
        let placed = TilePyramid.placements(x: 1 + 10.0 / 4096, y: 0.5, zoom: 1, options: options)
        #expect(placed.map(\.0) == [TileID(z: 1, x: 0, y: 0), TileID(z: 1, x: 1, y: 0)])
        #expect(placed.map(\.1) == [TilePoint(x: 4106, y: 2048), TilePoint(x: 10, y: 2048)])
    }
}
