import Foundation
import Participation
import Regions
import TestSupport
import Testing

/// An atlas that reads its boundaries on first use, over a boundaries file cut short: reading a
/// file of projects through it is one located problem naming both files, never projects placed
/// nowhere.
@Suite struct BrokenReferenceDataTests {
    @Test func aFileOfProjectsCannotBePlacedWithoutTheBoundaries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-broken-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for file in [Atlas.m49File, Atlas.m49ExtraFile, Atlas.gazetteerFile] {
            try FileManager.default.copyItem(atPath: PackageRoot.dataDirectory + "/" + file, toPath: folder + "/" + file)
        }
        try Data(#"{"type": "FeatureCollection", "features": ["#.utf8).write(to: URL(fileURLWithPath: folder + "/" + Atlas.boundariesFile))
        let atlas = try Atlas(dataDirectory: folder, loadingNow: false)

        let (projects, problems) = try read(places: atlas)
        #expect(projects.isEmpty)
        #expect(problems.count == 1)
        let expected = "in.geojson: expected reference data to place the projects by, found none (\(folder)/\(Atlas.boundariesFile): "
        #expect(problems.first?.hasPrefix(expected) == true, "\(problems)")
    }
}
