import Foundation
import GeoJSON
import TestSupport
import Testing

@testable import Regions

/// An atlas made with `loadingNow: false` reads the M49 table at once and the rest on first use.
@Suite struct AtlasLoadingTests {
    /// Data/'s M49 tables and gazetteer beside a boundaries file cut short, in a folder of its own.
    static func brokenBoundaries() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-atlas-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in [Atlas.m49File, Atlas.m49ExtraFile, Atlas.gazetteerFile] {
            try FileManager.default.copyItem(atPath: PackageRoot.dataDirectory + "/" + file, toPath: folder + "/" + file)
        }
        try Data(#"{"type": "FeatureCollection", "features": ["#.utf8).write(to: URL(fileURLWithPath: folder + "/" + Atlas.boundariesFile))
        return folder
    }

    /// Kenya's areas are the UN M49 table's (Africa, Sub-Saharan Africa, Eastern Africa: codes 002, 202, 014).
    @Test func theM49TableAnswersWithoutTheBoundaries() throws {
        let folder = try Self.brokenBoundaries()
        let atlas = try Atlas(dataDirectory: folder, loadingNow: false)
        let kenya = try #require(atlas.assignment(forCountry: "KE"))
        #expect(kenya.region?.code == "002" && kenya.subregion?.code == "202" && kenya.intermediateRegion?.code == "014")
        #expect(atlas.countryName("KE") == "Kenya")
        #expect(atlas.m49Area("Eastern Africa")?.code == "014")
        #expect(throws: RegionsError.self) { try atlas.load() }
        do {
            try atlas.load()
        } catch {
            #expect("\(error)".hasPrefix(folder + "/" + Atlas.boundariesFile + ": "), "\(error)")
        }
    }

    /// A part read on first use that cannot be read fails that use, and every later one, naming
    /// its file: no answer is made from nothing (no country for a point, no boundaries).
    @Test func aBrokenPartFailsEveryUseOfIt() throws {
        let folder = try Self.brokenBoundaries()
        let atlas = try Atlas(dataDirectory: folder, loadingNow: false)
        let named = { (error: any Error) in "\(error)".hasPrefix(folder + "/" + Atlas.boundariesFile + ": ") }
        for _ in 0 ..< 2 {
            #expect(performing: { try atlas.assign([Position(longitude: 36.82, latitude: -1.29)]) }, throws: named)
            #expect(performing: { try atlas.countryPoint("KE") }, throws: named)
            #expect(performing: { try atlas.boundaries }, throws: named)
            #expect(performing: { try atlas.boundaryIndices(longitudes: [36.82], latitudes: [-1.29]) }, throws: named)
        }
        // The gazetteer is another part: it reads.
        #expect(try atlas.cityPoint(named: "Nairobi", country: "KE") != nil)
    }

    @Test func loadingNowNamesTheBrokenFileAtOnce() throws {
        let folder = try Self.brokenBoundaries()
        #expect(throws: RegionsError.self) { try Atlas(dataDirectory: folder) }
    }

    /// Nairobi (36.82, -1.29) is in Kenya, and London is a GeoNames city near (-0.13, 51.51).
    @Test func theRestIsReadOnFirstUse() throws {
        let atlas = try Atlas(dataDirectory: PackageRoot.dataDirectory, loadingNow: false)
        #expect(try atlas.assign([Position(longitude: 36.82, latitude: -1.29)])[0]?.country == "KE")
        let london = try #require(try atlas.cityPoint(named: "London", country: "GB"))
        #expect(abs(london.longitude + 0.13) < 0.05 && abs(london.latitude - 51.51) < 0.05)
        #expect(try atlas.boundaries.count == 241)
        try atlas.load()
    }
}
