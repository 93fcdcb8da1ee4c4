import Foundation
import TestSupport
import Testing

/// The web map's page, style and script are files of the package (Sources/Publishing/Resources)
/// compiled into the binary: a copy of the binary, run from another folder as an installed one
/// is, publishes them byte for byte.
@Suite struct WebMapFilesTests {
    @Test func aCopiedBinaryRunFromElsewherePublishesThePackagesFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-installed-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: PartmapBinary.path, toPath: folder.appendingPathComponent("partmap").path)
        let data = PackageRoot.dataDirectory, projects = PackageRoot.path + "/Data/projects.geojson"
        let script = """
            cd '\(folder.path)' && ./partmap import '\(projects)' --store store.sqlite --data '\(data)' >/dev/null \
            && ./partmap publish --store store.sqlite --out site --data '\(data)' --base-url https://example.org
            """
        let run = try command("/bin/sh", ["-c", script])
        #expect(run.status == 0, "\(run.stderr)")
        let resources = PackageRoot.path + "/Sources/Publishing/Resources/"
        for (published, file) in [("index.html", "index.html"), ("assets/map.css", "map.css"), ("assets/map.js", "map.js")] {
            let written = try Data(contentsOf: folder.appendingPathComponent("site/" + published))
            let source = try Data(contentsOf: URL(fileURLWithPath: resources + file))
            #expect(written == source, "\(published) differs from Resources/\(file)")
        }
    }
}
