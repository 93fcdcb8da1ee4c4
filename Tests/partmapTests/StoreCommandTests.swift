import Foundation
import TestSupport
import Testing

/// The store commands on both stores, as users run them: the same answers from SQLite and PostGIS,
/// imports that land whole or not at all even when killed, and exports that GDAL reads.
@Suite(.timeLimit(.minutes(20))) struct StoreCommandTests {
    enum Backend: String, CaseIterable, Sendable {
        case sqlite, postgis
    }

    /// A new, empty store: a path, or a database of its own on the test cluster.
    static func newStore(_ backend: Backend) throws -> String {
        switch backend {
        case .sqlite:
            let path = try temporaryFile("store.sqlite", "")
            try FileManager.default.removeItem(atPath: path)
            return path
        case .postgis:
            let name = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try psql("CREATE DATABASE \(name) TEMPLATE partmap_template")
            return try postgresURL(database: name)
        }
    }

    static func postgresURL(database: String) throws -> String {
        guard let url = ProcessInfo.processInfo.environment["PARTMAP_TEST_POSTGRES"], var components = URLComponents(string: url) else {
            throw ReferenceError("PARTMAP_TEST_POSTGRES is not set: run the tests with `make test`, which starts PostgreSQL + PostGIS")
        }
        components.path = "/" + database
        return components.string!
    }

    /// SQL through an independent client: psql, or sqlite3 for a file store.
    @discardableResult
    static func sql(_ store: String, _ statement: String) throws -> String {
        let run = store.hasPrefix("postgres://")
            ? try command("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", store, "-c", statement])
            : try command("sqlite3", [store, statement])
        guard run.status == 0 else { throw CommandFailed(command: statement, output: run.stderr) }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func psql(_ statement: String) throws {
        try sql(try postgresURL(database: "partmap"), statement)
    }

    /// Synthetic projects from the generator script, as a file.
    static func synthetic(_ count: Int) throws -> String {
        let text = try Python.run(script: PackageRoot.path + "/Tools/gen_projects.py", arguments: [String(count)], input: "")
        return try temporaryFile("synthetic-\(count).geojson", text)
    }

    @Test func bothStoresGiveTheSameAnswers() throws {
        var outputs: [[String]] = []
        for backend in Backend.allCases {
            let store = try Self.newStore(backend)
            #expect(try partmap(arguments: ["import", "Data/projects.geojson", "--store", store]).stdout == "20 added, 0 changed, 0 unchanged\n")
            var answers: [String] = []
            for area in [[], ["--region", "Africa"], ["--bbox=100,-50,180,20"], ["--near", "0,50", "--radius-km", "3000"], ["--country", "PH"]] {
                for format in ["geojson", "csv"] {
                    let run = try partmap(arguments: ["query", "--store", store, "--format", format] + area)
                    #expect(run.status == 0, "\(backend) \(area): \(run.stderr)")
                    answers.append(run.stdout)
                }
            }
            answers.append(succeeded(try partmap(arguments: ["summary", "--store", store, "--by", "region,level", "--format", "csv"])))
            answers.append(succeeded(try partmap(arguments: ["get", "philippine-survivor-network", "--store", store])))
            #expect(succeeded(try partmap(arguments: ["delete", "philippine-survivor-network", "--store", store])) == "1 deleted\n")
            answers.append(succeeded(try partmap(arguments: ["query", "--store", store, "--format", "csv"])))
            outputs.append(answers)
        }
        try #require(outputs.count == 2 && outputs[0].count == 13)
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0][0].contains("\"id\":\"philippine-survivor-network\""))
    }

    /// The curated projects (city, country and no location among them), 400 synthetic ones and
    /// a few by hand: internal ones, shared initiatives, a project at city precision whose stored
    /// position lies in another country than the one it names.
    static let mixedFixture = Fixture {
        func features(_ path: String) throws -> [Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let features = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["features"] as? [Any])
            return features
        }
        func feature(_ id: String, _ lon: Double, _ lat: Double, _ extra: [String: Any]) -> Any {
            var properties: [String: Any] = [
                "title": "Project \(id)", "organisation": "Org", "participationLevel": "led", "participantGroups": ["children", "children"],
                "sector": "academia", "purposes": ["research"], "countries": ["KE"], "locationPrecision": "exact", "visibility": "public",
                "sources": ["s"],
            ]
            properties.merge(extra) { $1 }
            return ["type": "Feature", "id": id, "geometry": ["type": "Point", "coordinates": [lon, lat]], "properties": properties] as [String: Any]
        }
        let handmade = [
            feature("hidden-1", 36.8, -1.3, ["visibility": "internal", "initiative": "shared"]),
            feature("hidden-2", 10.0, 50.0, ["visibility": "internal", "countries": ["DE"]]),
            feature("shared-1", 36.7, -1.2, ["initiative": "shared"]),
            feature("shared-2", -77.0, -12.0, ["initiative": "shared", "countries": ["PE"], "participationLevel": "consultation"]),
            feature("across", 34.8, 0.5, ["locationPrecision": "city", "city": "Kampala", "countries": ["UG"]]),
            feature("named-elsewhere", 36.8, -1.3, ["locationPrecision": "country", "countries": ["TZ"]]),
        ]
        let curated = try features(PackageRoot.path + "/Data/projects.geojson"), generated = try features(try synthetic(400))
        guard curated.count == 20, generated.count == 400 else {
            throw ReferenceError("expected 20 curated and 400 generated projects, found \(curated.count) and \(generated.count)")
        }
        let data = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": curated + generated + handmade])
        return try temporaryFile("mixed.geojson", String(decoding: data, as: UTF8.self))
    }
    static var mixed: String { mixedFixture.path }

    /// A store counts a whole view's summary itself (one GROUP BY); its answers equal those of a
    /// scan of the same projects read from the file, for every key, count and view, and still do
    /// after a store made before the counted columns existed is migrated.
    @Test(arguments: Backend.allCases)
    func storesCountSummariesAsAScanOfTheFileDoes(backend: Backend) throws {
        let store = try Self.newStore(backend)
        let imported = try partmap("import", Self.mixed, "--store", store)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "426 added, 0 changed, 0 unchanged\n", "the curated, generated and handmade projects all landed")
        func summaries(_ source: [String]) throws -> [String] {
            var outputs: [String] = []
            let cases: [(String, [String])] = [
                ("region", []), ("subregion,level", ["--count", "initiatives"]), ("country", ["--internal"]),
                ("intermediate,group", ["--internal", "--count", "initiatives"]), ("sector,purpose", ["--all-regions"]),
                ("region,group,purpose", []), ("country,level", ["--all-regions", "--internal"]),
            ]
            for (keys, options) in cases {
                let run = try partmap(arguments: ["summary", "--by", keys, "--format", "csv"] + options + source)
                #expect(run.status == 0, "\(keys) \(options): \(run.stderr)")
                outputs.append("\(keys) \(options)\n" + run.stdout)
            }
            return outputs
        }
        let scanned = try summaries(["--from", Self.mixed])
        #expect(try summaries(["--store", store]) == scanned)
        // Back to the first schema: the migrations fill the columns from the stored features.
        let columns = ["public_country", "public_region", "public_subregion", "public_intermediate", "level", "sector", "groups",
                       "purposes", "initiative"]
        if backend == .sqlite {
            try Self.sql(store, "DROP INDEX project_facets")
            for column in columns {
                try Self.sql(store, "ALTER TABLE project DROP COLUMN \(column)")
            }
            try Self.sql(store, "DROP TABLE change_version")
            try Self.sql(store, "DELETE FROM grdb_migrations WHERE identifier IN ('v2', 'v3', 'v4')")
        } else {
            try Self.sql(store, "ALTER TABLE project " + columns.map { "DROP COLUMN \($0)" }.joined(separator: ", "))
            try Self.sql(store, "DROP TABLE partmap_change")
            try Self.sql(store, "DELETE FROM partmap_migration WHERE version IN ('v2', 'v3', 'v4')")
        }
        #expect(try summaries(["--store", store]) == scanned)
    }

    @Test func anUnreachableServerExitsThreeNamingItWithoutItsPassword() throws {
        let run = try partmap("query", "--store", "postgres://partmap:secret@127.0.0.1:1/partmap")
        #expect(run.status == 3)
        #expect(run.stderr.hasPrefix("postgres://partmap:***@127.0.0.1:1/partmap: cannot reach the PostgreSQL store: "), "\(run.stderr)")
        #expect(!run.stderr.contains("secret"))
    }

    @Test func aDatabaseWithoutPostGISIsNamed() throws {
        let name = "plain_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try Self.psql("CREATE DATABASE \(name)")
        let run = try partmap("query", "--store", try Self.postgresURL(database: name))
        #expect(run.status == 3)
        #expect(run.stderr.contains("PostGIS is not installed in this database"), "\(run.stderr)")
    }

    /// SIGKILL in the middle of a 200,000-project import leaves what was there before, and a
    /// store that works.
    @Test(arguments: Backend.allCases)
    func aKilledImportLeavesAllOrNothing(backend: Backend) throws {
        let store = try Self.newStore(backend)
        let big = try Self.synthetic(200_000)
        #expect(try partmap(arguments: ["import", "Data/projects.geojson", "--store", store]).status == 0)

        let process = try Self.start(["import", big, "--store", store])
        try Self.waitUntilWriting(store, process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit(within: 60)
        #expect(process.terminationReason == .uncaughtSignal, "killed mid-import, not finished")

        #expect(try Self.sql(store, "SELECT count(*) FROM project") == "20")
        let again = try partmap(arguments: ["import", "Data/projects.geojson", "--store", store])
        #expect(again.stdout == "0 added, 0 changed, 20 unchanged\n", "\(again.stderr)")
    }

    /// The server ends the import's connection mid-way: exit 3, nothing written.
    @Test func aLostConnectionRollsTheImportBack() throws {
        let store = try Self.newStore(.postgis)
        let big = try Self.synthetic(200_000)
        #expect(try partmap(arguments: ["import", "Data/projects.geojson", "--store", store]).status == 0)
        let (process, errors) = try Self.start(["import", big, "--store", store], collectingErrors: true)
        try Self.waitUntilWriting(store, process)
        try Self.sql(store, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        #expect(process.waitUntilExit(within: 120), "the import ends once its connection is lost")
        #expect(process.terminationStatus == 3)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("the import was rolled back"), "\(stderr)")
        #expect(try Self.sql(store, "SELECT count(*) FROM project") == "20")
    }

    static func start(_ arguments: [String]) throws -> Process {
        try start(arguments, collectingErrors: false).0
    }

    static func start(_ arguments: [String], collectingErrors: Bool) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PartmapBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = PackageRoot.url
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = collectingErrors ? errors : FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }

    /// Waits until the import has written into its open transaction: the SQLite file's WAL has
    /// grown, or the PostgreSQL session holds a transaction id.
    static func waitUntilWriting(_ store: String, _ process: Process) throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            try #require(process.isRunning, "the import ended before it could be interrupted")
            if store.hasPrefix("postgres://") {
                let writing = try sql(store, """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
                    """)
                if writing != "0" { return }
            } else {
                let size = (try? FileManager.default.attributesOfItem(atPath: store + "-wal")[.size] as? Int) ?? 0
                if size > 8 << 20 { return }
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the import never started writing")
    }

    /// GDAL reads every export format with the right count; --precision rounds coordinates.
    @Test(arguments: [("out.geojson", [String]()), ("out.geojsonl", []),
                      ("out.csv", ["-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat"])])
    func exportsAreReadByGDAL(name: String, options: [String]) throws {
        let store = try Self.newStore(.sqlite)
        #expect(try partmap(arguments: ["import", "Data/projects.geojson", "--store", store]).status == 0)
        let folder = try temporaryFile("placeholder", "")
        let out = URL(fileURLWithPath: folder).deletingLastPathComponent().appendingPathComponent(name).path
        let run = try partmap(arguments: ["export", "--out", out, "--store", store, "--region", "Asia", "--precision", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "\(out): 4 projects\n")
        let info = try command("ogrinfo", ["-ro", "-al", "-geom=YES"] + options + [out])
        #expect(info.status == 0, "\(info.stderr)")
        // The points as GDAL read them.
        let points = info.stdout.matches(of: try Regex(#"POINT \(([-0-9.]+) ([-0-9.]+)\)"#)).map { String(info.stdout[$0.range]) }
        #expect(points.count == 4, "\(info.stdout)")
        for point in points {
            for number in point.dropFirst(7).dropLast().split(separator: " ") {
                #expect((number.split(separator: ".").dropFirst().first?.count ?? 0) <= 2, "\(point)")
            }
        }
    }

    @Test func aFailedExportLeavesNoFile() throws {
        let folder = URL(fileURLWithPath: try temporaryFile("placeholder", "")).deletingLastPathComponent()
        let out = folder.appendingPathComponent("missing-folder/out.geojson").path
        let run = try partmap("export", "--out", out, "--from", "Data/projects.geojson")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Error: --out: cannot write \"\(out)\""), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["placeholder"])
    }

    /// The progress line shows on a terminal, and never in a pipe.
    @Test func progressShowsOnATerminalOnly() throws {
        let big = try Self.synthetic(20_000)
        let piped = try partmap(arguments: ["import", big, "--store", try Self.newStore(.sqlite)])
        #expect(piped.status == 0)
        #expect(piped.stderr == "")
        let store = try Self.newStore(.sqlite)
        let binary = PartmapBinary.path
        // script(1) gives the command a terminal and copies what it shows.
        let terminal = try command("script", ["-qec", "\(binary) import \(big) --store \(store)", "/dev/null"])
        #expect(terminal.status == 0)
        #expect(terminal.stdout.contains("\(big): 20000 of 20000 records"), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("20000 added, 0 changed, 0 unchanged"))
    }
}
