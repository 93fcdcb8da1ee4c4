import Foundation

/// The package's root folder, from this file's place in it.
public enum PackageRoot {
    public static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    public static let path = url.path
    public static let dataDirectory = url.appendingPathComponent("Data").path
}

/// A small, fast generator with a fixed seed, so that every run tests the same points.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
}

/// Runs the venv's Python (PARTMAP_PYTHON, set by `make test`), failing loudly without it.
public enum Python {
    public static var interpreter: String {
        ProcessInfo.processInfo.environment["PARTMAP_PYTHON"]
            ?? PackageRoot.url.appendingPathComponent(".venv/bin/python").path
    }

    /// Runs `script` with `arguments`, writing `input` to its stdin, and returns its stdout.
    /// - Throws: `ReferenceError` without the interpreter, when the script exits non-zero (with its
    ///   stderr), or when it runs longer than `timeout` seconds.
    public static func run(script: String, arguments: [String], input: String, timeout: Double = 600) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: interpreter) else {
            throw ReferenceError("no Python at \(interpreter): run `make venv` (make test does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = [script] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let watchdog = Watchdog(process, seconds: timeout)
        // Write from another thread so a full output pipe cannot block the input, and drain stderr
        // on a third while stdout is read here, so a chatty script cannot block either.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = PipeCollector(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = String(decoding: errors.data(), as: UTF8.self)
        if watchdog.finish() { throw ReferenceError("\(script) ran longer than \(timeout) s and was stopped: \(message)") }
        guard process.terminationStatus == 0 else {
            throw ReferenceError("\(script) failed: \(message)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}

public struct ReferenceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs a program (a bare name is looked up in /usr/bin) in the package root (or `directory`), and collects
/// its exit status and output. A program still running after `timeout` seconds is killed: its
/// status is then SIGKILL's and its stderr says so, so that a hung program fails the test.
public enum Command {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                           in directory: URL = PackageRoot.url, timeout: Double = 600) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/" + program)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = Watchdog(process, seconds: timeout)
        // Drained on another thread so that neither pipe can fill and block the program.
        let errors = PipeCollector(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var stderr = String(decoding: errors.data(), as: UTF8.self)
        if watchdog.finish() { stderr += "\n\(program) ran longer than \(timeout) s and was killed\n" }
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: stderr)
    }
}

/// The partmap binary the tests run: `PARTMAP_BIN` if set, else the one built beside the test bundle.
public enum PartmapBinary {
    public static var path: String {
        ProcessInfo.processInfo.environment["PARTMAP_BIN"] ?? Bundle.main.bundleURL.appendingPathComponent("partmap").path
    }
}

/// Kills a process that outlives its time, with every process it started: Foundation starts each
/// child as the leader of a process group of its own, and a grandchild left holding the pipes
/// (a browser a script drives) would otherwise keep the read of its output waiting without end.
/// `finish()` once it has exited.
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var didFire = false
    private var finished = false

    init(_ process: Process, seconds: Double) {
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.withLock {
                guard !finished else { return }
                didFire = true
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
            }
        }
    }

    /// Whether the process was killed; after this, it never is.
    func finish() -> Bool {
        lock.withLock {
            finished = true
            return didFire
        }
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeCollector: @unchecked Sendable {
    private var collected = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            collected = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func data() -> Data {
        done.wait()
        return collected
    }
}

public struct CommandFailed: Error, CustomStringConvertible {
    public let command: String
    public let output: String
    public init(command: String, output: String) {
        self.command = command
        self.output = output
    }
    public var description: String { "\(command) failed: \(output)" }
}

extension Process {
    /// Waits at most `seconds` for the process to exit; past them it is killed with its process
    /// group (Foundation makes each child a group leader), so that no test waits without end.
    /// - Returns: whether it exited in time.
    @discardableResult
    public func waitUntilExit(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let inTime = !isRunning
        if !inTime {
            kill(-processIdentifier, SIGKILL)
            kill(processIdentifier, SIGKILL)
        }
        waitUntilExit()
        return inTime
    }
}
