import Foundation
import TestSupport
import Testing

/// Tools/check_layers.py, which `make test` runs first: today's Sources keep to their layers, and
/// a planted import of a higher module or of C is found, named by file and line.
@Suite(.timeLimit(.minutes(5))) struct LayerCheckTests {
    func check(_ root: String) throws -> Run {
        try command(Python.interpreter, [PackageRoot.path + "/Tools/check_layers.py", root])
    }

    @Test func theSourcesKeepToTheirLayers() throws {
        let run = try check(PackageRoot.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "")
    }

    @Test func plantedImportsAreFound() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-layers-\(UUID())")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: PackageRoot.url.appendingPathComponent("Sources"), to: copy.appendingPathComponent("Sources"))
        let planted = [
            ("Sources/Clustering/Planted.swift", "import Foundation\nimport Store\n"),
            ("Sources/Publishing/Planted.swift", "@preconcurrency internal import CZlib\n"),
            ("Sources/GeoJSON/Planted.swift", "import struct Regions.Atlas\n"),
        ]
        for (path, text) in planted {
            try Data(text.utf8).write(to: copy.appendingPathComponent(path))
        }
        let run = try check(copy.path)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Sources/Clustering/Planted.swift:2: Clustering may not import Store: its layer allows GEOSKit, GeoJSON
            Sources/GeoJSON/Planted.swift:1: GeoJSON may not import Regions: its layer allows none of partmap's modules
            Sources/Publishing/Planted.swift:1: C module CZlib is imported outside its wrapper (Sources/Tiles/Gzip.swift)

            """)

        // A target with no declared layer is refused too.
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("Sources/Extra"), withIntermediateDirectories: true)
        let extra = try check(copy.path)
        #expect(extra.status == 1)
        #expect(extra.stderr.contains("Sources/Extra: no layer is declared for target Extra in Tools/check_layers.py\n"), "\(extra.stderr)")
    }
}
