import Foundation
import TestSupport
import Testing

/// `partmap publish` replaces DIR whole: a reader never finds it missing or half written, a
/// publish killed at any moment leaves the old or the new site whole, the next run removes what
/// it left, and a folder that is not a partmap site is never replaced without `--force`.
@Suite(.serialized) struct PublishSwapTests {
    static let binary = ProcessInfo.processInfo.environment["PARTMAP_BIN"]
        ?? Bundle.main.bundleURL.appendingPathComponent("partmap").path

    /// 2,000 generated projects, enough for a publish that lasts a few seconds.
    static let madeStore = Result<String, any Error> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-swap-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let input = folder.appendingPathComponent("projects.geojson")
        try Data(try Python.run(script: PackageRoot.path + "/Tools/gen_projects.py", arguments: ["2000"], input: "").utf8).write(to: input)
        let store = folder.appendingPathComponent("store.sqlite").path
        let imported = try partmap("import", input.path, "--store", store)
        guard imported.status == 0 else { throw CommandFailed(command: "partmap import", output: imported.stderr) }
        return store
    }
    static var store: String { get throws { try madeStore.get() } }

    static let zoomArguments = ["--max-zoom", "8"]

    func newFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-swap-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func publish(_ out: String, _ extra: [String] = []) throws {
        let run = try partmap(arguments: ["publish", "--store", try Self.store, "--out", out] + Self.zoomArguments + extra)
        guard run.status == 0 else { throw CommandFailed(command: "partmap publish", output: run.stderr) }
    }

    /// The names beside DIR that a publish into DIR made (`.NAME.…`).
    func leftovers(_ site: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("." + site.lastPathComponent + ".") }
    }

    /// DIR holds a whole site: exactly the files its manifest lists, plus the manifest, each with
    /// the SHA-256 that `sha256sum -c` agrees with.
    func expectWholeSite(_ site: URL, _ moment: String) throws {
        let data = try Data(contentsOf: site.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(manifest["files"] as? [[String: Any]])
        let lines = files.map { "\($0["sha256"] as? String ?? "?")  \(site.path)/\($0["path"] as? String ?? "?")\n" }.joined()
        let sums = site.deletingLastPathComponent().appendingPathComponent("sums-\(UUID()).txt")
        try Data(lines.utf8).write(to: sums)
        defer { try? FileManager.default.removeItem(at: sums) }
        let check = try command("/usr/bin/sha256sum", ["-c", "--quiet", sums.path])
        #expect(check.status == 0 && !files.isEmpty, "\(moment): sha256sum -c: \(check.stdout)\(check.stderr)")
        let present = (FileManager.default.subpaths(atPath: site.path) ?? []).filter { path in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: site.path + "/" + path, isDirectory: &folder) && !folder.boolValue
        }
        #expect(Set(present) == Set(files.compactMap { $0["path"] as? String } + ["manifest.json"]), "\(moment): no file more or less")
    }

    @Test func aReaderPollingDIRNeverFindsItMissingOrPartial() throws {
        let site = try newFolder().appendingPathComponent("site")
        try publish(site.path)
        let whole = Set(try FileManager.default.contentsOfDirectory(atPath: site.path))
        #expect(whole.contains("manifest.json") && whole.contains("index.html"))
        // A thread lists DIR as fast as it can while three publishes replace it.
        final class Poll: @unchecked Sendable {
            let lock = NSLock()
            var stop = false, polls = 0, bad: [String] = []
        }
        let poll = Poll()
        let poller = Thread {
            while true {
                poll.lock.lock(); let stop = poll.stop; poll.lock.unlock()
                if stop { break }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: site.path)).map(Set.init)
                poll.lock.lock()
                poll.polls += 1
                if names != whole, poll.bad.count < 5 { poll.bad.append(names.map { "\($0.sorted())" } ?? "missing") }
                poll.lock.unlock()
            }
        }
        poller.start()
        for url in ["https://a.example.org", "https://b.example.org", "https://c.example.org"] {
            try publish(site.path, ["--base-url", url])
        }
        poll.lock.lock(); poll.stop = true; let polls = poll.polls, bad = poll.bad; poll.lock.unlock()
        #expect(polls >= 1000, "\(polls) polls")
        #expect(bad.isEmpty, "DIR was seen as \(bad)")
        try expectWholeSite(site, "after three publishes")
        #expect(try leftovers(site).isEmpty)
    }

    enum Moment: String, CaseIterable {
        case early, midTiles, beforeSwap, afterSwap
    }

    /// Starts a publish into `site` and sends `signal` when `moment` comes; returns whether it was
    /// killed before it finished.
    func publishKilled(_ site: URL, _ signal: Int32, at moment: Moment, baseURL: String) throws -> Bool {
        let before = try Data(contentsOf: site.appendingPathComponent("manifest.json"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["publish", "--store", try Self.store, "--out", site.path, "--base-url", baseURL] + Self.zoomArguments
        process.currentDirectoryURL = PackageRoot.url
        process.standardError = FileHandle.nullDevice
        try process.run()
        let building = site.deletingLastPathComponent().appendingPathComponent(".\(site.lastPathComponent).\(process.processIdentifier).partial")
        let deadline = Date().addingTimeInterval(120)
        func reached() -> Bool {
            switch moment {
            case .early: FileManager.default.fileExists(atPath: building.path)
            case .midTiles: FileManager.default.fileExists(atPath: building.path + "/tiles/3")
            case .beforeSwap: FileManager.default.fileExists(atPath: building.path + "/manifest.json")
            case .afterSwap: (try? Data(contentsOf: site.appendingPathComponent("manifest.json"))) != before
            }
        }
        while process.isRunning, !reached(), Date() < deadline { usleep(200) }
        kill(process.processIdentifier, signal)
        process.waitUntilExit(within: 120)
        return process.terminationReason == .uncaughtSignal
    }

    @Test func publishKilledAtAnyMomentLeavesAWholeSiteAndTheNextRunCleansUp() throws {
        let site = try newFolder().appendingPathComponent("site")
        try publish(site.path)
        var killed = 0, run = 0
        for signal in [SIGKILL, SIGTERM] {
            for moment in Moment.allCases {
                run += 1
                if try publishKilled(site, signal, at: moment, baseURL: "https://\(run).example.org") { killed += 1 }
                try expectWholeSite(site, "signal \(signal) \(moment.rawValue)")
            }
        }
        #expect(killed >= 6, "most runs were killed before they ended: \(killed) of \(run)")
        #expect(!(try leftovers(site)).isEmpty, "killed runs left their build folders")
        try publish(site.path)
        try expectWholeSite(site, "after the next run")
        #expect(try leftovers(site).isEmpty, "the next run removed them")
    }

    @Test func aFolderThatIsNotASiteIsRefusedUnlessForced() throws {
        let parent = try newFolder()
        let folder = parent.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes/keep.txt"))
        try Data(#"{"files": "not a list"}"#.utf8).write(to: folder.appendingPathComponent("manifest.json"))
        let refused = try partmap(arguments: ["publish", "--store", try Self.store, "--out", folder.path, "--max-zoom", "1"])
        #expect(refused.status == 2)
        #expect(refused.stderr == "\(folder.path): not a partmap site (no manifest.json of partmap's): refusing to replace it; give --force to replace it whole\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("notes/keep.txt"), encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["documents"], "nothing was made beside it")

        let file = parent.appendingPathComponent("notes.txt")
        try Data("a file".utf8).write(to: file)
        let onFile = try partmap(arguments: ["publish", "--store", try Self.store, "--out", file.path, "--max-zoom", "1"])
        #expect(onFile.status == 2 && onFile.stderr.hasPrefix(file.path + ": not a partmap site"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "a file")

        let empty = parent.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try publish(empty.path, ["--max-zoom", "1"])
        try expectWholeSite(empty, "into an empty folder")

        let nested = parent.appendingPathComponent("new/folders/site")
        try publish(nested.path, ["--max-zoom", "1"])
        try expectWholeSite(nested, "into folders that did not exist")

        try publish(folder.path, ["--max-zoom", "1", "--force"])
        try expectWholeSite(folder, "forced")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes").path))
        #expect(try leftovers(folder).isEmpty)
    }
}
