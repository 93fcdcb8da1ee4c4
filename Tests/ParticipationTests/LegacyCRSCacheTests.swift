import Foundation
import TestSupport
import Testing

@testable import Participation

/// Each body with a legacy `crs` member finds its transformer made already: one per CRS, shared
/// (a transformer lends each batch a PROJ context of its own), and at most `keptTransformers` kept.
@Suite(.serialized) struct LegacyCRSCacheTests {
    static func body(_ crs: String) -> [UInt8] {
        Array(#"{"type":"Feature","crs":{"type":"name","properties":{"name":"\#(crs)"}},"geometry":null,"properties":{}}"#.utf8)
    }

    static func transformer(_ crs: String) throws -> AnyObject {
        let found = body(crs).withUnsafeBytes { LegacyCRS.of($0, file: "body") }
        guard case .success(let legacy)? = found, let transformer = legacy.transformer else {
            throw ReferenceError("\(crs): expected a reprojection, found \(String(describing: found))")
        }
        return transformer
    }

    @Test func oneTransformerPerCRS() throws {
        let first = try Self.transformer("urn:ogc:def:crs:EPSG::3857")
        #expect(first === (try Self.transformer("EPSG:3857")))
        #expect(first !== (try Self.transformer("EPSG:32637")))
    }

    /// UTM zones 1 to 17 North (EPSG:32601–32617): the oldest is dropped once the cache is full.
    @Test func theCacheIsBounded() throws {
        let zones = (1 ... LegacyCRS.keptTransformers + 1).map { String(format: "EPSG:326%02d", $0) }
        let first = try Self.transformer(zones[0])
        for zone in zones.dropFirst() { _ = try Self.transformer(zone) }
        #expect(first !== (try Self.transformer(zones[0])))
        #expect((try Self.transformer(zones.last!)) === (try Self.transformer(zones.last!)))
    }
}
