import Foundation
import TestSupport
import Testing

/// Running `partmap serve` for the tests, and asking it with curl: one service per store kind over
/// the publish tests' projects, shared by every test that only reads, and services of a test's own.
extension ServeCommandTests {
    typealias Backend = StoreCommandTests.Backend

    /// A running service; stopped with SIGTERM by `stop()`.
    final class Service: @unchecked Sendable {
        let process = Process()
        let base: String
        /// What it logged on stderr.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-serve-\(UUID()).log").path

        /// Starts `partmap serve --port 0` over `store` and reads the address it prints.
        /// - Throws: `ReferenceError` when it prints no address within `startup` seconds (it is then
        ///   stopped), with what it said and logged.
        init(store: String, environment: [String: String] = [:], arguments: [String] = [], startup: Double = 60) throws {
            process.executableURL = URL(fileURLWithPath: PartmapBinary.path)
            process.arguments = ["serve", "--store", store, "--port", "0"] + arguments
            process.currentDirectoryURL = PackageRoot.url
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let out = Pipe()
            process.standardOutput = out
            guard FileManager.default.createFile(atPath: log, contents: nil) else { throw ReferenceError("cannot write \(log)") }
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            try process.run()
            // The first line says where it listens; a service that never says it is stopped, which
            // ends the read below.
            let started = DispatchSemaphore(value: 0), process = process
            DispatchQueue.global().async {
                if started.wait(timeout: .now() + startup) == .timedOut { Self.end(process, within: 10) }
            }
            var line = Data()
            while !line.contains(0x0A) {
                let chunk = out.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                line += chunk
            }
            started.signal()
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: "http://") else {
                let logged = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
                Self.end(process, within: 10)
                throw ReferenceError("partmap serve said no address within \(startup) s: \(text) \(logged.suffix(600))")
            }
            base = String(text[range.lowerBound...].prefix { !$0.isWhitespace }).trimmingCharacters(in: ["/"])
        }

        /// The port it listens on.
        var port: Int { Int(base.split(separator: ":").last ?? "") ?? -1 }

        /// Stops it with SIGTERM and returns its exit status. A service still running `within`
        /// seconds later is killed, and its status is then SIGKILL's (9), so that a service that
        /// does not stop fails the test instead of holding it without end.
        func stop(within seconds: Double = 30) -> Int32 {
            if !Self.end(process, within: seconds) {
                Issue.record("partmap serve did not stop within \(seconds) s of SIGTERM and was killed")
            }
            return process.terminationStatus
        }

        /// SIGTERM, then SIGKILL to its process group if it has not exited within `seconds`;
        /// whether it stopped in time.
        @discardableResult
        static func end(_ process: Process, within seconds: Double) -> Bool {
            if process.isRunning { process.terminate() }
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            let inTime = !process.isRunning
            if !inTime {
                kill(-process.processIdentifier, SIGKILL)
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            return inTime
        }
    }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func get(_ url: String) throws -> Answer { try request("GET", url) }

    /// One request with curl: an HTTP client of its own, free of URLSession's quirks.
    /// - Throws: `CommandFailed` when curl fails (no connection, or no answer within `seconds`).
    static func request(_ method: String, _ url: String, headers requestHeaders: [String] = [], body requestBody: String? = nil,
                        seconds: Int = 120) throws -> Answer {
        let headers = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-headers-\(UUID())").path
        let body = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-body-\(UUID())").path
        var arguments = ["-s", "-S", "-g", "--max-time", String(seconds), "-X", method, "-D", headers, "-o", body]
        for header in requestHeaders { arguments += ["-H", header] }
        if let requestBody {
            let file = try temporaryFile("body.json", requestBody)
            arguments += ["-H", "Content-Type: application/geo+json", "--data-binary", "@" + file]
        }
        let run = try command("/usr/bin/curl", arguments + [url])
        guard run.status == 0 else { throw CommandFailed(command: "curl \(method) \(url)", output: "exit \(run.status): \(run.stderr)") }
        defer {
            try? FileManager.default.removeItem(atPath: body)
            try? FileManager.default.removeItem(atPath: headers)
        }
        let lines = try String(contentsOfFile: headers, encoding: .utf8).split(separator: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return Answer(status: status, headers: fields, body: FileManager.default.contents(atPath: body) ?? Data())
    }

    /// The shared service over `backend`'s copy of the publish tests' projects, started on first
    /// use and stopped when the test process exits.
    static func service(_ backend: StoreCommandTests.Backend) throws -> Service {
        switch backend {
        case .sqlite: return try sqliteService.get()
        case .postgis: return try postgisService.get()
        }
    }

    private static let sqliteService = Result { try SharedServices.start(store: PublishCommandTests.store) }
    private static let postgisService = Result { try SharedServices.start(store: StoreCommandTests.Backend.postgis.publishedProjects) }
}

extension StoreCommandTests.Backend {
    /// The publish tests' projects in a store of this kind: the SQLite file the publish tests use,
    /// or a PostGIS database of its own with the same import, made once.
    var publishedProjects: String {
        switch self {
        case .sqlite: PublishCommandTests.store
        case .postgis: Self.postgisProjects.path
        }
    }

    /// The site published from `publishedProjects` (tiles in a folder among them). Each store has
    /// its own: tiles carry each project's `updated` date, the day of its import, and the two
    /// imports may fall on either side of midnight.
    var publishedSite: String {
        switch self {
        case .sqlite: PublishCommandTests.published
        case .postgis: Self.postgisSite.path
        }
    }

    private static let postgisSite = Fixture {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-site-\(UUID())").path
        let run = try partmap("publish", "--store", StoreCommandTests.Backend.postgis.publishedProjects, "--out", out,
                              "--base-url", "https://maps.example.org/partmap/", "--formats", "dir")
        guard run.status == 0 else { throw CommandFailed(command: "partmap publish from PostGIS", output: run.stderr) }
        return out
    }

    private static let postgisProjects = Fixture {
        let url = try StoreCommandTests.newStore(.postgis)
        let run = try partmap("import", PublishCommandTests.projects, "--store", url)
        guard run.status == 0, run.stdout == "10 added, 0 changed, 0 unchanged\n" else {
            throw CommandFailed(command: "partmap import into PostGIS", output: run.stdout + run.stderr)
        }
        return url
    }
}

/// The shared services, stopped at exit.
private enum SharedServices {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: [ServeCommandTests.Service] = []

    static func start(store: String) throws -> ServeCommandTests.Service {
        let service = try ServeCommandTests.Service(store: store)
        lock.withLock {
            if started.isEmpty { atexit { SharedServices.stopAll() } }
            started.append(service)
        }
        return service
    }

    static func stopAll() {
        for service in lock.withLock({ started }) { ServeCommandTests.Service.end(service.process, within: 10) }
    }
}
