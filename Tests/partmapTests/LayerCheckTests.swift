import Foundation
import TestSupport
import Testing

/// Tools/check_layers.py, which `make test` runs first: today's Sources keep to their layers and to
/// Package.swift, and a planted import of a higher module, of C or of an undeclared module is found,
/// named by file and line.
@Suite(.timeLimit(.minutes(15))) struct LayerCheckTests {
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
        for item in ["Sources", "Package.swift"] {
            try FileManager.default.copyItem(at: PackageRoot.url.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
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
            Sources/GeoJSON/Planted.swift:1: GeoJSON imports Regions, which Package.swift does not list among its dependencies
            Sources/Clustering/Planted.swift:2: Clustering imports Store, which Package.swift does not list among its dependencies
            Sources/Publishing/Planted.swift:1: Publishing imports CZlib, which Package.swift does not list among its dependencies

            """)

        // A target with no declared layer is refused too.
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("Sources/Extra"), withIntermediateDirectories: true)
        let extra = try check(copy.path)
        #expect(extra.status == 1)
        #expect(extra.stderr.contains("Sources/Extra: no layer is declared for target Extra in Tools/check_layers.py\n"), "\(extra.stderr)")
    }

    /// Package.swift and the imports agree: a module imported but not declared, and a dependency
    /// declared but imported by none of the target's files, are both found; an import inside a
    /// multi-line string (a script a test runs) is not the file's own.
    @Test func packageSwiftDeclaresWhatEachTargetImports() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-declared-\(UUID())")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copy) }
        for item in ["Sources", "Package.swift"] {
            try FileManager.default.copyItem(at: PackageRoot.url.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        let package = copy.appendingPathComponent("Package.swift")
        let declaration = #".target(name: "PROJKit", dependencies: ["CPROJ"])"#
        let text = try String(contentsOf: package, encoding: .utf8)
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains(declaration) }) + 1
        try Data(text.replacingOccurrences(of: declaration, with: #".target(name: "PROJKit", dependencies: ["CPROJ", "GeoJSON"])"#).utf8)
            .write(to: package)
        try Data("import Foundation\nlet script = \"\"\"\n    import Crypto\n    \"\"\"\n@preconcurrency import Crypto\n".utf8)
            .write(to: copy.appendingPathComponent("Sources/Tiles/Planted.swift"))
        let run = try check(copy.path)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Package.swift:\(line): PROJKit depends on GeoJSON, which none of its files imports
            Sources/Tiles/Planted.swift:5: Tiles imports Crypto, which Package.swift does not list among its dependencies

            """)
    }
}
