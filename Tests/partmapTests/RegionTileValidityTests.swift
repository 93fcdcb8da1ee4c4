import Foundation
import TestSupport
import Testing

/// The `regions` layer of a published pyramid, decoded by mapbox-vector-tile (PyPI) and checked
/// by shapely: every country polygon at zooms 0–5 is valid after clipping and rounding.
@Suite(.timeLimit(.minutes(10))) struct RegionTileValidityTests {
    /// Prints "polygons invalid" over every tile of DIR/tiles, then one line per invalid polygon.
    static let script = #"""
        import gzip, os, sys
        import mapbox_vector_tile
        from shapely.geometry import shape
        from shapely.validation import explain_validity
        root, total, bad = sys.argv[1], 0, []
        for z in range(0, 6):
            folder = os.path.join(root, str(z))
            if not os.path.isdir(folder):
                continue
            for x in sorted(os.listdir(folder)):
                for name in sorted(os.listdir(os.path.join(folder, x))):
                    data = open(os.path.join(folder, x, name), "rb").read()
                    if data[:2] == b"\x1f\x8b":
                        data = gzip.decompress(data)
                    layer = mapbox_vector_tile.decode(data).get("regions")
                    for feature in (layer or {}).get("features", []):
                        total += 1
                        geometry = shape(feature["geometry"])
                        if not geometry.is_valid:
                            bad.append("%d/%s/%s %s: %s" % (z, x, name, feature["properties"].get("country"), explain_validity(geometry)))
        print(total, len(bad))
        for line in bad:
            print(line)
        """#

    @Test func everyRegionPolygonAtZoomsZeroToFiveIsValid() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-regions-\(UUID())").path
        _ = succeeded(try partmap("publish", "--from", "Data/projects.geojson", "--out", out, "--formats", "dir", "--max-zoom", "5"))
        let output = try Python.run(script: "-c", arguments: [Self.script, out + "/tiles"], input: "")
        let lines = output.split(separator: "\n")
        let counts = lines.first?.split(separator: " ").compactMap { Int($0) } ?? []
        // Every country at zoom 0 alone is over 200 polygons; the pyramid holds thousands.
        #expect(counts.count == 2 && counts[0] > 2000, "\(output)")
        #expect(counts.count == 2 && counts[1] == 0, "\(lines.prefix(20).joined(separator: "\n"))")
    }
}
