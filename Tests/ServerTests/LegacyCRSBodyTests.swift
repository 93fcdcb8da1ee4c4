import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// A written Feature's legacy `crs` member is honoured as a file's is: its position is brought to
/// CRS84 through PROJ, and a CRS PROJ does not know is a 400 at `/crs`, never silently ignored.
@Suite struct LegacyCRSBodyTests {
    /// EPSG:3857 metres near Nairobi, and where pyproj puts them in CRS84
    /// (`Transformer.from_crs("EPSG:3857", "OGC:CRS84", always_xy=True)`).
    static let metres = (x: 4_098_800.0, y: -143_600.0), degrees = (lon: 36.82014686549094, lat: -1.2898717802063613)

    static func body(id: String, crs: String) -> ByteBuffer {
        ByteBuffer(string: """
            {"type":"Feature","id":"\(id)","crs":{"type":"name","properties":{"name":"\(crs)"}},\
            "geometry":{"type":"Point","coordinates":[\(metres.x),\(metres.y)]},"properties":{\
            "title":"Project \(id)","organisation":"Org","participationLevel":"led","participantGroups":["youngPeople"],\
            "sector":"civilSociety","countries":["KE"],"locationPrecision":"exact","visibility":"public","sources":["test"]}}
            """)
    }

    @Test(arguments: Backend.allCases)
    func aPostedFeaturesCRSIsHonoured(backend: Backend) async throws {
        let service = router(try await backend.store(with: []))
        let (status, _) = try await PutFollowingTests.write(service, .post, "/collections/projects/items", Self.body(id: "m1", crs: "urn:ogc:def:crs:EPSG::3857"))
        try #require(status == 201)
        let read = try await get(service, "/collections/projects/items/m1")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read.body)) as? [String: Any])
        let coordinates = try #require((json["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        #expect(abs(coordinates[0] - Self.degrees.lon) < 1e-7 && abs(coordinates[1] - Self.degrees.lat) < 1e-7, "\(coordinates)")

        let (unknown, _) = try await PutFollowingTests.write(service, .post, "/collections/projects/items", Self.body(id: "m2", crs: "EPSG:999999"))
        #expect(unknown == 400)
        let missing = try await get(service, "/collections/projects/items/m2")
        #expect(missing.status == 404)
    }
}
