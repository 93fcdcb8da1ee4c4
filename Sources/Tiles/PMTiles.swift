import GeoJSON

/// Writes PMTiles v3 archives: a 127-byte header, a root directory within the first 16 KiB
/// (leaf directories when the tiles need more), the metadata JSON, then the tile data in
/// Hilbert order, each distinct tile stored once and runs of equal neighbours in one entry.
public struct PMTilesWriter {
    /// The header's values that come from the tileset (the rest the writer computes).
    public struct Header: Sendable {
        /// The lowest and highest zoom of the tiles.
        public var minZoom: Int, maxZoom: Int
        /// The tiles' box in degrees, written as four E7 integers.
        public var bounds: BoundingBox
        /// Where a viewer opens: zoom, then longitude and latitude as E7 integers.
        public var center: MapCentre

        /// A header from the zooms, the box and the centre.
        public init(minZoom: Int, maxZoom: Int, bounds: BoundingBox, center: MapCentre) {
            (self.minZoom, self.maxZoom, self.bounds, self.center) = (minZoom, maxZoom, bounds, center)
        }
    }

    struct Entry: Equatable {
        var tileID: UInt64, offset: UInt64, length: UInt32, runLength: UInt32
    }

    /// The archive of `tiles` (already gzipped), which must have distinct ids.
    public static func archive(tiles: [(TileID, [UInt8])], metadata: String, header: Header) throws(GzipError) -> [UInt8] {
        let ordered = tiles.map { ($0.0.hilbertID, $0.1) }.sorted { $0.0 < $1.0 }
        var data: [UInt8] = []
        var entries: [Entry] = []
        var offsetOf: [TileBytes: UInt64] = [:]
        for (id, bytes) in ordered where !bytes.isEmpty {
            if let offset = offsetOf[TileBytes(bytes)] {
                if var last = entries.last, last.offset == offset, last.tileID + UInt64(last.runLength) == id {
                    last.runLength += 1
                    entries[entries.count - 1] = last
                } else {
                    entries.append(Entry(tileID: id, offset: offset, length: UInt32(bytes.count), runLength: 1))
                }
            } else {
                let offset = UInt64(data.count)
                offsetOf[TileBytes(bytes)] = offset
                data += bytes
                entries.append(Entry(tileID: id, offset: offset, length: UInt32(bytes.count), runLength: 1))
            }
        }
        let (root, leaves) = try directories(entries)
        let meta = try Gzip.compress(Array(metadata.utf8))
        var out = [UInt8]()
        out += Array("PMTiles".utf8) + [3]
        let rootOffset: UInt64 = 127, metaOffset = rootOffset + UInt64(root.count)
        let leafOffset = metaOffset + UInt64(meta.count), dataOffset = leafOffset + UInt64(leaves.count)
        for value in [rootOffset, UInt64(root.count), metaOffset, UInt64(meta.count), leafOffset, UInt64(leaves.count),
                      dataOffset, UInt64(data.count), entries.reduce(0) { $0 + UInt64($1.runLength) }, UInt64(entries.count),
                      UInt64(offsetOf.count)] {
            out += littleEndian(value, bytes: 8)
        }
        // Clustered, gzip directories, gzip tiles, MVT.
        out += [1, 2, 2, 1, UInt8(header.minZoom), UInt8(header.maxZoom)]
        for degrees in header.bounds.degrees { out += e7(degrees) }
        out.append(UInt8(header.center.zoom))
        out += e7(header.center.longitude) + e7(header.center.latitude)
        precondition(out.count == 127)
        return out + root + meta + leaves + data
    }

    /// The root directory, and the leaf directories it points to when one directory would not
    /// fit in the first 16 KiB.
    static func directories(_ entries: [Entry]) throws(GzipError) -> (root: [UInt8], leaves: [UInt8]) {
        let root = try Gzip.compress(serialize(entries))
        if 127 + root.count <= 16_384 { return (root, []) }
        var leafSize = 4096
        while true {
            var leaves: [UInt8] = [], pointers: [Entry] = []
            var start = 0
            while start < entries.count {
                let chunk = Array(entries[start ..< min(entries.count, start + leafSize)])
                let leaf = try Gzip.compress(serialize(chunk))
                pointers.append(Entry(tileID: chunk[0].tileID, offset: UInt64(leaves.count), length: UInt32(leaf.count), runLength: 0))
                leaves += leaf
                start += leafSize
            }
            let root = try Gzip.compress(serialize(pointers))
            if 127 + root.count <= 16_384 { return (root, leaves) }
            leafSize *= 2
        }
    }

    /// Varints in columns: count, id deltas, run lengths, lengths, then offsets (0 where a tile
    /// follows the one before it, else offset + 1).
    static func serialize(_ entries: [Entry]) -> [UInt8] {
        var w = ProtobufWriter()
        w.varint(UInt64(entries.count))
        var last: UInt64 = 0
        for e in entries {
            w.varint(e.tileID - last)
            last = e.tileID
        }
        for e in entries { w.varint(UInt64(e.runLength)) }
        for e in entries { w.varint(UInt64(e.length)) }
        for (i, e) in entries.enumerated() {
            if i > 0, e.offset == entries[i - 1].offset + UInt64(entries[i - 1].length) { w.varint(0) } else { w.varint(e.offset + 1) }
        }
        return w.bytes
    }

    private static func littleEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0 ..< bytes).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    private static func e7(_ degrees: Double) -> [UInt8] {
        littleEndian(UInt64(UInt32(bitPattern: Int32((degrees * 10_000_000).rounded()))), bytes: 4)
    }
}

/// A tile's bytes as a dictionary key, hashed as one block of memory rather than byte by byte
/// (what `[UInt8]`'s own `Hashable` does), the same key for the same bytes.
struct TileBytes: Hashable {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
}
