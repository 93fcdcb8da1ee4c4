import Foundation
import TestSupport
import Testing

/// Where partmap finds its reference data and its store: `--data`, `PARTMAP_DATA`, `--store`,
/// `PARTMAP_STORE` and the default `var/partmap.sqlite`; PostgreSQL URLs with `?sslmode=`, and
/// passwords kept out of every message.
@Suite(.timeLimit(.minutes(10))) struct StoreOptionsTests {
    /// A copy of Data/ whose M49 table renames Sub-Saharan Africa, so that output shows which
    /// folder was read.
    static let renamedData = Fixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-data-\(UUID())")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: PackageRoot.dataDirectory), to: folder)
        let table = folder.appendingPathComponent("m49-regions.csv")
        let text = try String(contentsOf: table, encoding: .utf8)
        guard text.contains(",Sub-Saharan Africa,") else { throw ReferenceError("no Sub-Saharan Africa in the M49 table") }
        try text.replacingOccurrences(of: ",Sub-Saharan Africa,", with: ",Sub-Saharan Africa (copy),").write(to: table, atomically: true, encoding: .utf8)
        return folder.path
    }

    func subregions(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> Run {
        try command(PartmapBinary.path, ["summary", "--from", "Data/projects.geojson", "--by", "subregion", "--format", "csv"] + arguments,
                    environment: environment)
    }

    @Test func dataComesFromTheFlagThenTheEnvironmentThenData() throws {
        let copy = Self.renamedData.path
        let plain = try subregions()
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains(",Sub-Saharan Africa,") && !plain.stdout.contains("(copy)"), "./Data by default")
        let flag = try subregions(["--data", copy])
        #expect(flag.status == 0 && flag.stdout.contains(",Sub-Saharan Africa (copy),"), "\(flag.stderr)")
        let environment = try subregions(environment: ["PARTMAP_DATA": copy])
        #expect(environment.status == 0 && environment.stdout.contains(",Sub-Saharan Africa (copy),"), "\(environment.stderr)")
        let both = try subregions(["--data", copy], environment: ["PARTMAP_DATA": "/nonexistent/partmap-data"])
        #expect(both.status == 0 && both.stdout.contains("(copy)"), "the flag wins: \(both.stderr)")
        let missing = try subregions(environment: ["PARTMAP_DATA": "/nonexistent/partmap-data"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "/nonexistent/partmap-data/m49-regions.csv: cannot read the file: no such file, or not readable\n")
    }

    /// In a folder of its own: the default store is var/partmap.sqlite there; PARTMAP_STORE moves
    /// it, `--store` beats both, and a store that does not exist is exit 3 for a command that reads.
    @Test func theStoreComesFromTheFlagThenTheEnvironmentThenTheDefault() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-cwd-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/var", withIntermediateDirectories: true)
        let projects = PackageRoot.dataDirectory + "/projects.geojson", data = PackageRoot.dataDirectory
        func run(_ arguments: String, environment: [String: String] = [:]) throws -> Run {
            var script = "cd '\(folder)' && exec env -u PARTMAP_STORE"
            for (name, value) in environment { script += " \(name)='\(value)'" }
            return try command("/bin/sh", ["-c", script + " '\(PartmapBinary.path)' \(arguments) --data '\(data)'"])
        }
        let unread = try run("query")
        #expect(unread.status == 3)
        #expect(unread.stderr == "var/partmap.sqlite: cannot open the SQLite store: no such file (only import makes one)\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/var/partmap.sqlite"), "reading makes no store")

        #expect(succeeded(try run("import '\(projects)'")) == "20 added, 0 changed, 0 unchanged\n")
        #expect(FileManager.default.fileExists(atPath: folder + "/var/partmap.sqlite"))
        let elsewhere = folder + "/elsewhere.sqlite"
        #expect(succeeded(try run("import '\(projects)'", environment: ["PARTMAP_STORE": elsewhere])) == "20 added, 0 changed, 0 unchanged\n")
        #expect(succeeded(try run("delete voices-of-survivors", environment: ["PARTMAP_STORE": elsewhere])) == "1 deleted\n")
        func count(_ arguments: String, _ environment: [String: String] = [:]) throws -> Int {
            succeeded(try run("query --format csv " + arguments, environment: environment)).split(separator: "\n").count - 1
        }
        #expect(try count("") == 20, "the default store")
        #expect(try count("", ["PARTMAP_STORE": elsewhere]) == 19, "PARTMAP_STORE")
        #expect(try count("--store var/partmap.sqlite", ["PARTMAP_STORE": elsewhere]) == 20, "--store wins")
        let missing = try run("summary --by level --store nowhere.sqlite")
        #expect(missing.status == 3 && missing.stderr.hasPrefix("nowhere.sqlite: cannot open the SQLite store: "), "\(missing.stderr)")
    }

    @Test func sslmodeIsReadAndThePasswordIsNeverShown() throws {
        let base = try StoreCommandTests.newStore(.postgis)
        let password = try #require(URLComponents(string: base)?.password)
        #expect(succeeded(try partmap("import", "Data/projects.geojson", "--store", base + "?sslmode=disable")) == "20 added, 0 changed, 0 unchanged\n")
        for mode in ["disable", "prefer"] {
            let run = try partmap("query", "--store", base + "?sslmode=" + mode, "--format", "csv")
            #expect(run.status == 0 && run.stdout.split(separator: "\n").count == 21, "\(mode): \(run.stderr)")
        }
        // The test cluster has no TLS: require cannot be met.
        let require = try partmap("query", "--store", base + "?sslmode=require")
        #expect(require.status == 3)
        #expect(require.stderr.contains(":***@127.0.0.1:") && require.stderr.contains("?sslmode=require: cannot reach the PostgreSQL store: "), "\(require.stderr)")
        let bogus = try partmap("query", "--store", base + "?sslmode=bogus")
        #expect(bogus.status == 3)
        #expect(bogus.stderr.hasSuffix(#"?sslmode=bogus: expected sslmode disable, prefer or require, found "bogus""# + "\n"), "\(bogus.stderr)")
        var wrong = try #require(URLComponents(string: base))
        wrong.password = "not-the-password-\(UUID().uuidString.prefix(8))"
        let refused = try partmap("query", "--store", wrong.string!)
        #expect(refused.status == 3 && refused.stderr.contains("password authentication failed"), "\(refused.stderr)")
        for run in [require, bogus, refused] {
            #expect(!run.stderr.contains(password) && !run.stdout.contains(password))
            #expect(!run.stderr.contains(wrong.password!))
            #expect(run.stderr.contains("partmap:***@"), "the user is named, the password masked")
        }
    }
}
