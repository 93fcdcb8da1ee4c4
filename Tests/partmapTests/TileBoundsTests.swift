import Foundation
import TestSupport
import Testing

/// The bounds that TileJSON, MBTiles and PMTiles advertise cover every layer's data: with one
/// project, the `regions` layer still covers the world's countries, so the box is not the
/// project's zero-area point. Read back with Python's json and sqlite3 and the pmtiles package;
/// the countries' box from shapely over Data/countries-ne50.geojson, cut at Web Mercator's
/// latitude limit.
@Suite(.timeLimit(.minutes(10))) struct TileBoundsTests {
    static let script = """
        import json, sqlite3, sys
        from pmtiles.reader import MmapSource, Reader
        from shapely.geometry import shape
        from shapely.ops import unary_union
        site, countries = sys.argv[1], sys.argv[2]
        out = {"tilejson": json.load(open(site + "/tilejson.json"))["bounds"]}
        db = sqlite3.connect(f"file:{site}/projects.mbtiles?mode=ro", uri=True)
        out["mbtiles"] = [float(v) for v in db.execute("SELECT value FROM metadata WHERE name = 'bounds'").fetchone()[0].split(",")]
        with open(site + "/projects.pmtiles", "rb") as f:
            h = Reader(MmapSource(f)).header()
            out["pmtiles"] = [h["min_lon_e7"] / 1e7, h["min_lat_e7"] / 1e7, h["max_lon_e7"] / 1e7, h["max_lat_e7"] / 1e7]
        w, s, e, n = unary_union([shape(f["geometry"]) for f in json.load(open(countries))["features"]]).bounds
        out["countries"] = [w, max(s, -85.051129), e, min(n, 85.051129)]
        print(json.dumps(out))
        """

    @Test func boundsCoverTheRegionsLayerWithOneProject() throws {
        let projects = try temporaryFile("one.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[36.8,-1.3]},\
            "properties":{"title":"T","organisation":"O","participationLevel":"led","participantGroups":["children"],"sector":"academia",\
            "countries":["KE"],"locationPrecision":"exact","visibility":"public","sources":["s"]}}]}
            """)
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-bounds-\(UUID()).sqlite").path
        _ = succeeded(try partmap("import", projects, "--store", store))
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-bounds-\(UUID())").path
        _ = succeeded(try partmap("publish", "--store", store, "--out", site, "--max-zoom", "3", "--formats", "pmtiles,mbtiles"))
        let output = try Python.run(script: "-c", arguments: [Self.script, site, PackageRoot.path + "/Data/countries-ne50.geojson"], input: "")
        let boxes = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [Double]])
        let countries = try #require(boxes["countries"])
        for name in ["tilejson", "mbtiles", "pmtiles"] {
            let box = try #require(boxes[name], "\(name)")
            // PMTiles keeps 1e-7 degrees, MBTiles and TileJSON the text partmap writes.
            #expect(box[0] <= countries[0] + 1e-6 && box[1] <= countries[1] + 1e-6 && box[2] >= countries[2] - 1e-6
                && box[3] >= countries[3] - 1e-6, "\(name) \(box) covers the countries \(countries)")
            #expect(box[1] >= -85.0512 - 1e-6 && box[3] <= 85.0512 + 1e-6, "\(name) \(box) stays within Web Mercator")
        }
    }
}
