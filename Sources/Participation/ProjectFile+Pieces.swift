import GeoJSON
import Regions

extension ProjectFile {
    /// Reads a GeoJSON file a piece of a few megabytes at a time (`FeaturePieces`), each piece
    /// checked on all cores, geocoded and placed in regions, and handed to `deliver` in batches in
    /// file order: the file's pages never stay in memory. Only a clean file is read so: at the
    /// first error, a legacy `crs` or any other layout than a plain collection, or two features
    /// that may share an id, it stops and answers false, and the file is to be read whole
    /// (`read(path:places:delimiter:batchSize:progress:deliver:)`), which reports every problem in
    /// its place; what was delivered before is then to be dropped. Warnings are not kept.
    /// `pieceBytes` is about how large a piece is.
    /// - Returns: true when every feature was read and delivered without an error.
    /// - Throws: what `deliver` throws.
    public static func readInPieces(path: String, places: any Places, batchSize: Int = 4096, pieceBytes: Int = 8 << 20, deliver: ([Project]) throws -> Void) throws -> Bool {
        guard Format(path: path) == .geojson else { return false }
        let file = GeoJSONReader(file: path)
        let decoder = ProjectDecoder(places: places, file: path)
        let reader = ProjectReader(places: places)
        let geocoder = Geocoder(places: places)
        // Ids are unique within a piece (the GeoJSON reader checks); across pieces, by their hashes.
        var hashes: [UInt64] = []
        let cut = try FeaturePieces(path: path, pieceBytes: pieceBytes).pieces { bytes in
            var records: [(Project, FieldLocator)] = []
            let problems = file.read(bytes, direct: { parser, index in decoder.decode(&parser, index: index) }) { index, feature in
                var found: [Problem] = []
                let locator = FieldLocator.feature(file: path, pointer: "/features/\(index)")
                let project = reader.read(feature, at: locator, problems: &found)
                return (project.map { ($0, locator) }, found)
            } deliver: { _, record, _ in
                records.append(record)
            }
            guard problems.allSatisfy(\.isWarning) else { return false }
            for first in stride(from: 0, to: records.count, by: batchSize) {
                let batch = records[first ..< min(first + batchSize, records.count)]
                var projects = batch.map(\.0), placing: [Problem] = []
                do {
                    try geocoder.place(&projects, locators: batch.map(\.1), problems: &placing)
                } catch {
                    return false
                }
                guard placing.allSatisfy(\.isWarning) else { return false }
                for project in projects { hashes.append(Self.hash(project.id)) }
                try deliver(projects)
            }
            return true
        }
        guard cut else { return false }
        hashes.sort()
        return !zip(hashes, hashes.dropFirst()).contains { $0 == $1 }
    }

    /// FNV-1a, 64 bits, of an id's UTF-8 bytes.
    private static func hash(_ id: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
