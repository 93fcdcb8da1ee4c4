import Foundation
import TestSupport
import Testing
@testable import Tiles

@Suite struct TilesTests {
    @Test func hilbertIDsAgreeWithThePMTilesPackage() throws {
        var tiles: [TileID] = []
        for z in 0 ... 4 { for x in 0 ..< 1 << z { for y in 0 ..< 1 << z { tiles.append(TileID(z: z, x: x, y: y)) } } }
        tiles += [TileID(z: 14, x: 9_876, y: 5_432), TileID(z: 20, x: 1, y: 1_048_575), TileID(z: 26, x: 12_345_678, y: 23_456_789)]
        let input = tiles.map { "\($0.z) \($0.x) \($0.y)" }.joined(separator: "\n") + "\n"
        let ids = try Python.run(script: PackageRoot.path + "/Tools/reference/read_pmtiles.py", arguments: ["--ids"], input: input)
        #expect(ids.split(separator: "\n").map { UInt64($0) } == tiles.map(\.hilbertID))
    }

    /// Enough tiles that the root directory cannot hold them: leaf directories, runs of equal
    /// tiles and repeated contents, all read back by the pmtiles package.
    @Test func largeArchivesUseLeafDirectoriesRunsAndSharedContents() throws {
        var tiles: [(TileID, [UInt8])] = [], texts: [TileID: String] = [:]
        var generator = SplitMix64(seed: 3)
        for x in 0 ..< 256 {
            for y in 0 ..< 256 {
                // Most tiles are unique, of random lengths; a band of rows repeats one content.
                let padding = String((0 ..< generator.next() % 200).map { _ in Character(UnicodeScalar(UInt8(97 + generator.next() % 26))) })
                let text = y >= 100 && y < 110 ? "sea" : "tile \(x) \(y)" + padding
                tiles.append((TileID(z: 8, x: x, y: y), try Gzip.compress(Array(text.utf8))))
                texts[TileID(z: 8, x: x, y: y)] = text
            }
        }
        let archive = try PMTilesWriter.archive(tiles: tiles, metadata: #"{"vector_layers":[]}"#,
                                                header: .init(minZoom: 8, maxZoom: 8, bounds: .init(west: -180, south: -85, east: 180, north: 85), center: .init(longitude: 0, latitude: 0, zoom: 8)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-\(UUID()).pmtiles").path
        try Data(archive).write(to: URL(fileURLWithPath: path))
        let out = try Python.run(script: PackageRoot.path + "/Tools/reference/read_pmtiles.py", arguments: [path], input: "")
        var lines = out.split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines.removeFirst().utf8)) as? [String: Int])
        #expect(header["addressed_tiles_count"] == 65_536)
        #expect(header["tile_contents_count"] == 65_536 - 2_560 + 1, "the repeated tile is stored once")
        #expect((header["tile_entries_count"] ?? 0) < 65_536, "runs of equal neighbours share an entry")
        #expect((header["leaf_directory_length"] ?? 0) > 0 && 127 + (header["root_length"] ?? .max) <= 16_384)
        var read: [String: String] = [:]
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            read[String(parts[0])] = String(parts[1])
        }
        #expect(read.count == 65_536 && tiles.count == 65_536)
        #expect(read["8/3/4"]?.hasPrefix("tile 3 4") == true && read["8/200/105"] == "sea" && read["8/255/255"]?.hasPrefix("tile 255 255") == true)
        var differing: [String] = []
        for (id, _) in tiles where texts[id] != read["\(id)"] {
            differing.append("\(id)")
        }
        #expect(differing.isEmpty, "tiles read back differently: \(differing.prefix(5))")
    }

    @Test func gzipRoundTripsAndIsTheSameEachTime() throws {
        let text = Array(String(repeating: "participation ", count: 1000).utf8)
        let once = try Gzip.compress(text), twice = try Gzip.compress(text)
        #expect(once == twice && once.count < text.count / 10)
        #expect(Array(once.prefix(4)) == [0x1F, 0x8B, 8, 0], "a gzip header without name or time")
        #expect(try Self.gunzip(once) == text, "gzip reads it back")
    }

    /// The bytes that the gzip tool makes of `compressed`.
    static func gunzip(_ compressed: [UInt8]) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-\(UUID()).gz").path
        try Data(compressed).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let gzip = Process(), output = Pipe()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-dc", path]
        gzip.standardOutput = output
        try gzip.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        guard gzip.terminationStatus == 0 else { throw ReferenceError("gzip -dc exited with \(gzip.terminationStatus)") }
        return Array(bytes)
    }

    @Test func protobufVarintsAndZigzag() {
        var w = ProtobufWriter()
        w.varint(300)
        #expect(w.bytes == [0xAC, 0x02])
        #expect(ProtobufWriter.zigzag(Int32(0)) == 0 && ProtobufWriter.zigzag(Int32(-1)) == 1 && ProtobufWriter.zigzag(Int32(1)) == 2)
        #expect(ProtobufWriter.zigzag(Int32(-2)) == 3 && ProtobufWriter.zigzag(Int32.max) == UInt32.max - 1)
    }

    /// MVT 2.1's example: a point at (25, 17) is MoveTo(1) then zigzag(25), zigzag(17).
    @Test func aPointFeatureIsEncodedAsTheSpecShows() {
        var layer = VectorTileLayer(name: "p")
        layer.add(id: 7, geometry: .point(TilePoint(x: 25, y: 17)), properties: [("name", .string("x"))])
        let tile = VectorTile.encode([layer])
        #expect(tile.starts(with: [0x1A]), "field 3 (layers), length-delimited")
        let geometry: [UInt8] = [0x22, 0x03, 0x09, 0x32, 0x22]  // field 4 packed: 9, 50, 34
        #expect(tile.indices.contains { Array(tile[$0...].prefix(geometry.count)) == geometry })
        #expect(VectorTile.encode([VectorTileLayer(name: "empty")]).isEmpty, "empty layers are left out")
    }
}
