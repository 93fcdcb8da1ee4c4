import Foundation
import TestSupport
import Testing

/// `make install`: the binary and its reference data under PREFIX, run from a folder that is
/// neither the checkout nor the prefix, with no PARTMAP_DATA.
@Suite(.timeLimit(.minutes(10))) struct InstallTests {
    /// A fresh empty folder under the system's temporary folder.
    static func emptyFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-\(name)-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs a program in `folder` as a user who set no PARTMAP_DATA (empty counts as unset).
    static func run(_ program: String, _ arguments: [String], in folder: URL) throws -> Command.Result {
        try Command.run(program, arguments, environment: ["PARTMAP_DATA": ""], in: folder)
    }

    @Test func theInstalledBinaryFindsItsDataFromAnyFolder() throws {
        let prefix = try Self.emptyFolder("prefix").appendingPathComponent("usr")
        let staging = try Self.emptyFolder("destdir")
        // DESTDIR is prepended to PREFIX, as packagers use it.
        let install = try Command.run("make", ["install", "PREFIX=\(prefix.path)", "DESTDIR=\(staging.path)", "BIN=\(PartmapBinary.path)"])
        #expect(install.status == 0, "\(install.stdout) \(install.stderr)")
        let staged = staging.path + prefix.path
        #expect(FileManager.default.isExecutableFile(atPath: staged + "/bin/partmap"))
        #expect(FileManager.default.fileExists(atPath: staged + "/share/partmap/m49-regions.csv"))
        #expect(!FileManager.default.fileExists(atPath: prefix.path))

        let installed = try Command.run("make", ["install", "PREFIX=\(prefix.path)", "BIN=\(PartmapBinary.path)"])
        #expect(installed.status == 0, "\(installed.stdout) \(installed.stderr)")
        let binary = prefix.path + "/bin/partmap"
        let work = try Self.emptyFolder("work")
        let input = work.appendingPathComponent("one.geojson")
        try Data(#"""
            {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "nairobi-1",
              "geometry": {"type": "Point", "coordinates": [36.8219, -1.2921]},
              "properties": {"title": "Young advisers", "organisation": "A charity", "participationLevel": "led",
                "participantGroups": ["youngPeople"], "sector": "civilSociety", "countries": ["KE"],
                "locationPrecision": "exact", "visibility": "public", "sources": ["a review"]}}]}
            """#.utf8).write(to: input)

        let validate = try Self.run(binary, ["validate", "one.geojson"], in: work)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout == "one.geojson: 1 projects, 0 warnings\n", "\(validate.stdout)")
        let imported = try Self.run(binary, ["import", "one.geojson", "--store", "store.sqlite"], in: work)
        #expect(imported.status == 0, "\(imported.stderr)")
        // Kenya's sub-region comes from the installed M49 table.
        let query = try Self.run(binary, ["query", "--store", "store.sqlite", "--region", "Eastern Africa", "--format", "csv"], in: work)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("nairobi-1"), "\(query.stdout)")
    }

    @Test func withoutDataTheErrorNamesEveryPlaceAndTheFlag() throws {
        let work = try Self.emptyFolder("nodata")
        // A copy of the binary outside any prefix, run where there is no ./Data.
        let binary = work.appendingPathComponent("bin/partmap")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: PartmapBinary.path, toPath: binary.path)
        let run = try Self.run(binary.path, ["validate", "x.geojson"], in: work)
        #expect(run.status == 1)
        let share = work.appendingPathComponent("share/partmap").resolvingSymlinksInPath().path
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("\"\(share)\""), "\(run.stderr)")
        #expect(run.stderr.contains("\"./Data\""), "\(run.stderr)")
        #expect(run.stderr.contains("--data DIR") && run.stderr.contains("PARTMAP_DATA"), "\(run.stderr)")
    }
}
