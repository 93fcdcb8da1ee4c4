import Foundation
import GeoJSON
import Testing

@testable import Regions

/// Region assignment against an independent reference: shapely's STRtree and prepared
/// contains over the same boundaries (Tools/reference/assign_countries.py).
@Suite struct ShapelyAgreementTests {
    @Test func agreesWithShapelyWhereitFindsExactlyOneCountry() throws {
        var generator = SplitMix64(seed: 20_261_124)
        let count = 100_000
        let xs = (0 ..< count).map { _ in generator.uniform(-180, 180) }
        let ys = (0 ..< count).map { _ in generator.uniform(-85, 85) }
        let input = zip(xs, ys).map { "\($0) \($1)" }.joined(separator: "\n") + "\n"
        let output = try Python.run(
            script: Fixture.root.appendingPathComponent("Tools/reference/assign_countries.py").path,
            arguments: [Fixture.dataDirectory + "/" + Atlas.boundariesFile], input: input)
        let reference = output.split(separator: "\n").compactMap { Int($0) }
        try #require(reference.count == count)

        // Without the nearest-country fallback, to compare containment with containment.
        let ours = CountryIndex(polygons: Fixture.atlas.boundaries.map(\.parts))
        var compared = 0, disagreements: [String] = []
        for i in 0 ..< count where reference[i] != -2 {
            let found = ours.locate(x: xs[i], y: ys[i], tolerance: 0) ?? -1
            compared += 1
            if found != reference[i] { disagreements.append("(\(xs[i]), \(ys[i])): shapely \(reference[i]), partmap \(found)") }
        }
        #expect(compared > 99_000)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements: \(disagreements.prefix(10))")
    }
}

/// A small, fast generator with a fixed seed, so that every run tests the same points.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
}

/// Runs the venv's Python (PARTMAP_PYTHON, set by `make test`), failing loudly without it.
enum Python {
    static var interpreter: String {
        ProcessInfo.processInfo.environment["PARTMAP_PYTHON"]
            ?? Fixture.root.appendingPathComponent(".venv/bin/python").path
    }

    static func run(script: String, arguments: [String], input: String) throws -> String {
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
        // Write from another thread so a full output pipe cannot block the input.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ReferenceError("\(script) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}

struct ReferenceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
