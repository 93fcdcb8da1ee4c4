import Foundation
import GeoJSON
import Participation
import Testing
import TestSupport

/// Numbers as the GeoJSON reader reads them into records, against Python's `json` module (an
/// independent, correctly rounded reader), bit for bit: every notation RFC 8259 §6 allows, the
/// halfway cases of round-to-even, subnormals, mantissas longer than 19 digits, and exponents too
/// large for a Double, which must be a located error and nothing else.
@Suite struct NumberReadingTests {
    /// Writes a collection of valid records whose positions (and start years) are written in many
    /// notations, then reads it back with `json.loads` and prints, for each feature, its id and the
    /// bits of each coordinate as Python reads them, then its start year; or, for a coordinate
    /// Python reads as infinite, `overflow INDEX LITERAL`. The file comes first, then a line `--`.
    static let script = #"""
import json, random, struct, sys
rng = random.Random(int(sys.argv[1]))
count = int(sys.argv[2])
TRICKY = ["0", "-0", "-0.0", "0e0", "0.0E-5", "1e-7", "-1E-7", "1E+2", "1e2", "-1.8e2", "180", "-180", "90",
    "-90.0", "0.1", "0.30000000000000004", "4.9406564584124654e-324", "5e-324", "2.2250738585072011e-308",
    "2.2250738585072014e-308", "1e-400", "123e-500", "9007199254740993e-14", "89.99999999999999999999",
    "179.999999999999999999999999", "123456789012345678e-16", "1234567890123456789e-17",
    "12345678901234567890e-18", "1.00000000000000011102230246251565404236316680908203125",
    "1.0000000000000002220446049250313080847263336181640625",
    "1.00000000000000033306690738754696212708950042724609375", "7.0e-10", "1.5E1", "-0.000000000000000000001"]
WIDE = ["1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1e22", "1e23", "9007199254740993",
    "18446744073709551615", "18446744073709551616", "-9223372036854775808", "1e-320", "8.98846567431158e307"]
HUGE = ["1e400", "-1e400", "1.8e308", "1e99999999999", "-123456789e999"]

def mantissa_form(limit):
    x = rng.uniform(-limit, limit)
    form = rng.randrange(6)
    if form == 0: return repr(x)
    if form == 1: return "%.17g" % x
    if form == 2: return "%.22f" % x
    if form == 3: return "%.16e" % x
    if form == 4: return ("%.18E" % x).replace("E+", "E")
    digits = rng.randrange(1, 21)
    m = rng.randrange(10 ** (digits - 1), 10 ** digits)
    scale = len(str(int(limit)))
    return ("-" if x < 0 else "") + "%de%d" % (m, scale - digits - rng.randrange(0, 3))

def coordinate(limit, wide):
    pick = rng.randrange(10)
    if pick == 0:
        return rng.choice(TRICKY)
    if wide and pick == 1:
        return rng.choice(WIDE)
    if wide and pick == 2:
        e = rng.randrange(-340, 320)
        return "%d.%de%d" % (rng.randrange(1, 10), rng.randrange(10 ** 15, 10 ** 16), e)
    return mantissa_form(limit)

def in_range(text, limit):
    x = float(text)
    return -limit <= x <= limit

YEARS = ["2000", "2.0e3", "2000.0", "20e2", "2001.000", "0.2021E4", "2010"]
features = []
for i in range(count):
    lon = coordinate(180, False)
    while not in_range(lon, 180): lon = coordinate(180, False)
    lat = coordinate(90, False)
    while not in_range(lat, 90): lat = coordinate(90, False)
    position = [lon, lat]
    if rng.randrange(2): position.append(coordinate(1e6, True))
    if i % 97 == 5: position[rng.randrange(len(position))] = rng.choice(HUGE)
    features.append('{"type":"Feature","id":"n%d","geometry":{"type":"Point","coordinates":[%s]},'
        '"properties":{"title":"T","organisation":"O","participationLevel":"led","participantGroups":["children"],'
        '"sector":"academia","countries":[],"startYear":%s,"locationPrecision":"exact","visibility":"public",'
        '"sources":["s"]}}' % (i, ",".join(position), rng.choice(YEARS)))
text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
print(text)
print("--")
# Integers too are read as Doubles, from their text: "-0" is -0.0, as RFC 8259 §6 reads it.
for feature in json.loads(text, parse_int=float)["features"]:
    numbers = feature["geometry"]["coordinates"]
    huge = [k for k, x in enumerate(numbers) if x in (float("inf"), float("-inf"))]
    if huge:
        literal = text.split('"id":"%s"' % feature["id"], 1)[1].split("[", 1)[1].split("]", 1)[0].split(",")[huge[0]]
        print(feature["id"], "overflow", huge[0], literal)
    else:
        bits = [str(struct.unpack("<Q", struct.pack("<d", float(x)))[0]) for x in numbers]
        print(feature["id"], *bits, int(feature["properties"]["startYear"]))
"""#

    @Test(arguments: [20_261_201, 7])
    func positionsAreReadAsPythonReadsThem(seed: Int) throws {
        let output = try Python.run(script: "-c", arguments: [Self.script, String(seed), "3000"], input: "")
        let parts = output.components(separatedBy: "\n--\n")
        try #require(parts.count == 2)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("numbers.geojson").path
        try Data(parts[0].utf8).write(to: URL(fileURLWithPath: path))

        var read: [String: Project] = [:]
        let problems = ProjectFile.read(path: path, places: testPlaces) { batch in
            for project in batch { read[project.id] = project }
        }
        let expected = parts[1].split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(expected.count == 3000)
        var overflowPointers: [String] = []
        for line in expected {
            let id = line[0]
            if line[1] == "overflow" {
                let index = try #require(Int(id.dropFirst()))
                let pointer = "/features/\(index)/geometry/coordinates/\(line[2])"
                overflowPointers.append("/features/\(index)/")
                #expect(read[id] == nil)
                #expect(problems.contains {
                    $0.location == .pointer(pointer) && !$0.isWarning
                        && $0.message == "expected a number within the range of a 64-bit float, found \(line[3])"
                }, "\(id): \(line[3])")
                continue
            }
            let project = try #require(read[id], "\(id) was not read: \(problems.prefix(3))")
            let position = try #require(project.position)
            var bits = [position.longitude.bitPattern, position.latitude.bitPattern]
            if let altitude = position.altitude { bits.append(altitude.bitPattern) }
            #expect(bits.map(String.init) == Array(line[1 ..< line.count - 1]), "\(id)")
            #expect(project.startYear.map(String.init) == line.last, "\(id)")
        }
        #expect(!overflowPointers.isEmpty)
        // Every error belongs to a feature with a number too large; nothing else is refused.
        for problem in problems where !problem.isWarning {
            guard case .pointer(let pointer) = problem.location else {
                Issue.record("an error without a pointer: \(problem)")
                continue
            }
            #expect(overflowPointers.contains { pointer.hasPrefix($0) }, "\(problem)")
        }
    }
}
