import Foundation
import TestSupport
import Testing

/// GeoJSON with a 2008-style `crs` member (as GIS exports still write it): positions reach the
/// store in CRS84 where GDAL puts them, and a CRS PROJ does not know is one line at `/crs`.
@Suite(.timeLimit(.minutes(10))) struct LegacyCRSTests {
    static let properties = #"""
        {"title": "Young advisers", "organisation": "A charity", "participationLevel": "led",
         "participantGroups": ["youngPeople"], "sector": "civilSociety", "countries": [],
         "locationPrecision": "exact", "visibility": "public", "sources": ["a review"]}
        """#

    /// A collection of points with the `crs` member before (or after) its features.
    static func document(crs: String, points: [(Double, Double)], crsLast: Bool = false) -> String {
        let features = points.enumerated().map { index, point in
            #"{"type": "Feature", "id": "p\#(index)", "geometry": {"type": "Point", "coordinates": [\#(point.0), \#(point.1)]}, "properties": \#(properties)}"#
        }.joined(separator: ",\n")
        let member = #""crs": \#(crs)"#
        return crsLast
            ? #"{"type": "FeatureCollection", "features": [\#(features)], \#(member)}"#
            : #"{"type": "FeatureCollection", \#(member), "features": [\#(features)]}"#
    }

    static func named(_ name: String) -> String { #"{"type": "name", "properties": {"name": "\#(name)"}}"# }

    /// The points of a GeoJSON document, in order.
    static func points(_ json: String) throws -> [[Double]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (object?["features"] as? [[String: Any]] ?? []).map { feature in
            (feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
        }
    }

    /// Where GDAL's GeoJSON driver puts the file's points in CRS84: the reference.
    static func gdalPoints(_ path: String) throws -> [[Double]] {
        let run = try command("ogr2ogr", ["-f", "GeoJSON", "-t_srs", "OGC:CRS84", "-lco", "COORDINATE_PRECISION=12", "/vsistdout/", path])
        #expect(run.status == 0, "\(run.stderr)")
        return try points(run.stdout)
    }

    static let cases: [(name: String, points: [(Double, Double)], crsLast: Bool)] = [
        // Web Mercator metres: Nairobi, Lima, and a point near Suva.
        ("urn:ogc:def:crs:EPSG::3857", [(4_070_118.882129065, -143_836.34419916), (-8_575_235.5, -1_345_017.25), (19_818_000, -2_058_000)], false),
        ("EPSG:3857", [(4_070_118.882129065, -143_836.34419916)], true),
        // The British National Grid (a datum shift as well): near London.
        ("EPSG:27700", [(530_000, 180_000)], false),
        // Read longitude first, as GDAL reads GeoJSON, whatever EPSG:4326's own axis order.
        ("urn:ogc:def:crs:EPSG::4326", [(36.8219, -1.2921)], false),
        ("EPSG:4326", [(-77.04, -12.04)], false),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", [(120.98, 14.6)], false),
    ]

    @Test(arguments: cases.indices)
    func positionsLandWhereGDALPutsThem(index: Int) throws {
        let (name, points, crsLast) = Self.cases[index]
        let path = try temporaryFile("crs.geojson", Self.document(crs: Self.named(name), points: points, crsLast: crsLast))
        let expected = try Self.gdalPoints(path)
        #expect(expected.count == points.count)

        let validate = try partmap("validate", path)
        #expect(validate.status == 0 && validate.stderr.isEmpty, "\(validate.stderr)")
        let store = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("s.sqlite").path
        _ = succeeded(try partmap("import", path, "--store", store))
        let stored = try Self.points(succeeded(try partmap("query", "--store", store, "--internal")))
        #expect(stored.count == expected.count)
        for (got, want) in zip(stored, expected) {
            #expect(got.count == 2 && abs(got[0] - want[0]) < 1e-9 && abs(got[1] - want[1]) < 1e-9, "\(name): \(got) vs GDAL's \(want)")
        }
    }

    @Test func aCRSPROJDoesNotKnowIsOneLineAtCRS() throws {
        let path = try temporaryFile("unknown.geojson", Self.document(crs: Self.named("EPSG:99999"), points: [(1, 2)]))
        let run = try partmap("validate", path)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(path): /crs/properties/name: expected a CRS PROJ knows, found \"EPSG:99999\""), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test func aCRSThatIsNotNamedIsLocated() throws {
        let link = #"{"type": "link", "properties": {"href": "http://example.com/crs/42", "type": "proj4"}}"#
        let path = try temporaryFile("link.geojson", Self.document(crs: link, points: [(1, 2)]))
        let run = try partmap("import", path, "--store", path + ".sqlite")
        #expect(run.status == 1)
        #expect(run.stderr == "\(path): /crs/type: expected \"name\" (a named CRS), found \"link\"\n")
    }

    @Test func aPositionOutsideTheWorldAfterReprojectingIsLocated() throws {
        // UTM zone 33N far beyond its world: cs2cs EPSG:32633 OGC:CRS84 answers "* * inf".
        let path = try temporaryFile("far.geojson", Self.document(crs: Self.named("EPSG:32633"), points: [(500_000, 5_000_000), (1e12, 1e12)]))
        let run = try partmap("validate", path)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("\(path): /features/1/geometry/coordinates: expected a position") == true, "\(run.stderr)")
    }
}
