import GeoJSON
import Testing

/// Reads a document from text and returns the problems as the contract's lines. Every document
/// is read twice, one feature at a time and in concurrent batches of two, and both must agree.
func problems(_ text: String, file: String = "in.geojson") -> [String] {
    let (sequential, _) = readBothWays(text, concurrent: false)
    let (concurrent, _) = readBothWays(text, concurrent: true)
    #expect(sequential == concurrent, "the concurrent read differs")
    return sequential
}

/// The problems and the ids of the delivered features, read one way or the other.
func readBothWays(_ text: String, concurrent: Bool) -> ([String], [String]) {
    var reader = GeoJSONReader(file: "in.geojson")
    if concurrent {
        reader.concurrentThreshold = 0
        reader.batchSize = 2
    }
    var delivered: [String] = []
    let problems = Array(text.utf8).withUnsafeBytes { buffer in
        reader.read(buffer) { index, feature in delivered.append("\(index):\(feature.id?.description ?? "-")") }
    }
    return (problems.map(\.description), delivered)
}

func collection(_ text: String) -> FeatureCollection? {
    Array(text.utf8).withUnsafeBytes { GeoJSONReader(file: "in.geojson").readCollection($0).collection }
}

/// A collection holding one feature with the given geometry JSON.
func withGeometry(_ geometry: String) -> String {
    #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":\#(geometry),"properties":{}}]}"#
}

@Suite struct ReaderTests {
    @Test func notJSONGivesLineAndColumn() {
        #expect(problems("{\"type\": \"FeatureCollection\",\n  \"features\": [}") == [
            "in.geojson: line 2, column 16: expected a value, found '}'",
        ])
        #expect(problems("") == ["in.geojson: line 1, column 1: expected a value, found the end of the input"])
        #expect(problems("{\"a\":1} x") == ["in.geojson: line 1, column 9: expected the end of the document, found 'x'"])
    }

    @Test(arguments: [
        ("[]", "in.geojson: : expected a FeatureCollection or a Feature, found an array"),
        ("3", "in.geojson: : expected a FeatureCollection or a Feature, found a number"),
        (#"{"type":"Polygon","coordinates":[]}"#, #"in.geojson: /type: expected "FeatureCollection" or "Feature", found "Polygon""#),
        (#"{"features":[]}"#, #"in.geojson: : expected a "type" member, found none"#),
        (#"{"type":"FeatureCollection"}"#, #"in.geojson: : expected a "features" member, found none"#),
    ])
    func topLevelMustBeACollectionOrAFeature(text: String, expected: String) {
        #expect(problems(text) == [expected])
    }

    @Test func typeIsCaseSensitive() {
        let text = #"{"type":"FeatureCollection","features":[{"type":"feature","geometry":null,"properties":null}]}"#
        #expect(problems(text) == [#"in.geojson: /features/0/type: expected "Feature", found "feature""#])
        #expect(problems(withGeometry(#"{"type":"point","coordinates":[0,0]}"#)) == [
            #"in.geojson: /features/0/geometry/type: expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection, found "point""#,
        ])
    }

    @Test(arguments: [
        ("[1]", "in.geojson: /features/0/geometry/coordinates: expected a position of 2 or 3 numbers, found 1"),
        ("[1,2,3,4]", "in.geojson: /features/0/geometry/coordinates: expected a position of 2 or 3 numbers, found 4"),
        (#"[1,"2"]"#, "in.geojson: /features/0/geometry/coordinates/1: expected a number, found a string"),
        ("[200,0]", "in.geojson: /features/0/geometry/coordinates/0: expected a longitude in -180..180, found 200"),
        ("[0,-91]", "in.geojson: /features/0/geometry/coordinates/1: expected a latitude in -90..90, found -91"),
        ("[1e400,0]", "in.geojson: /features/0/geometry/coordinates/0: expected a number within the range of a 64-bit float, found 1e400"),
        ("{}", "in.geojson: /features/0/geometry/coordinates: expected a position (an array of 2 or 3 numbers), found an object"),
    ])
    func positionsAreChecked(coordinates: String, expected: String) {
        #expect(problems(withGeometry(#"{"type":"Point","coordinates":\#(coordinates)}"#)) == [expected])
    }

    @Test func linesAndRingsAreChecked() {
        #expect(problems(withGeometry(#"{"type":"LineString","coordinates":[[0,0]]}"#)) == [
            "in.geojson: /features/0/geometry/coordinates: expected a line of at least 2 positions, found 1",
        ])
        #expect(problems(withGeometry(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#)) == [
            "in.geojson: /features/0/geometry/coordinates/0: expected a closed ring (last position equal to the first), found an open one",
        ])
        #expect(problems(withGeometry(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#)) == [
            "in.geojson: /features/0/geometry/coordinates/0: expected a linear ring of at least 4 positions, found 3",
        ])
        #expect(problems(withGeometry(#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,95]]]]}"#)) == [
            "in.geojson: /features/0/geometry/coordinates/1/0/3/1: expected a latitude in -90..90, found 95",
        ])
    }

    @Test func numbersThatOverflowAreNamedWherever() {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"a":[1,-2e999]}}]}"#
        #expect(problems(text) == [
            "in.geojson: /features/0/properties/a/1: expected a number within the range of a 64-bit float, found -2e999",
        ])
    }

    @Test func deepNestingIsAProblemNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(problems(deep) == ["in.geojson: line 1, column 513: expected nesting of at most 512 levels, found deeper"])
        let deepProperty = #"{"type":"Feature","geometry":null,"properties":{"a":"# + String(repeating: "[", count: 100_000)
        #expect(problems(deepProperty).first?.contains("expected nesting of at most 512 levels") == true)
    }

    @Test func duplicateIdsAreReported() {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"7","geometry":null,"properties":null},
            {"type":"Feature","id":7,"geometry":null,"properties":null},
            {"type":"Feature","id":"7","geometry":null,"properties":null}
            ]}
            """
        #expect(problems(text) == [
            "in.geojson: /features/1/id: expected a unique id, found 7 again (first at /features/0/id)",
            #"in.geojson: /features/2/id: expected a unique id, found "7" again (first at /features/0/id)"#,
        ])
    }

    @Test func featureMembersAreChecked() {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":true,"geometry":null,"properties":null},
            {"type":"Feature","properties":null},
            {"type":"Feature","geometry":null,"properties":[]},
            {"type":"Feature","geometry":null},
            "feature"
            ]}
            """
        #expect(problems(text) == [
            "in.geojson: /features/0/id: expected a string or a number, found a boolean",
            #"in.geojson: /features/1: expected a "geometry" member (an object or null), found none"#,
            "in.geojson: /features/2/properties: expected an object or null, found an array",
            #"in.geojson: /features/3: expected a "properties" member (an object or null), found none"#,
            "in.geojson: /features/4: expected a Feature object, found a string",
        ])
    }

    @Test func everyProblemOfAFileIsListed() {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[200,95]},"properties":{}},
            {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[0,0]},"properties":{}},
            {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[1]},"properties":{}}
            ]}
            """
        #expect(problems(text) == [
            "in.geojson: /features/0/geometry/coordinates/0: expected a longitude in -180..180, found 200",
            "in.geojson: /features/0/geometry/coordinates/1: expected a latitude in -90..90, found 95",
            "in.geojson: /features/2/geometry/coordinates: expected a position of 2 or 3 numbers, found 1",
            #"in.geojson: /features/2/id: expected a unique id, found "a" again (first at /features/0/id)"#,
        ])
    }

    @Test func stringsAreChecked() {
        #expect(problems("\"a\u{01}b\"") == ["in.geojson: line 1, column 3: expected a control character to be escaped in a string, found byte 0x1"])
        #expect(problems(#""\ud800""#).first?.contains("expected a low surrogate") == true)
        #expect(problems(#""\x""#) == [#"in.geojson: line 1, column 3: expected one of \" \\ \/ \b \f \n \r \t \u, found 'x'"#])
        #expect(problems("\"ab") == [#"in.geojson: line 1, column 4: expected '"' to close the string, found the end of the input"#])
    }

    @Test func invalidUTF8IsAProblem() {
        var bytes = Array("[\"a".utf8) + [0xFF] + Array("\"]".utf8)
        let found = bytes.withUnsafeMutableBytes { buffer in
            GeoJSONReader(file: "in.geojson").read(UnsafeRawBufferPointer(buffer)) { _, _ in }.map(\.description)
        }
        #expect(found == ["in.geojson: line 1, column 3: expected UTF-8 text in a string, found invalid bytes"])
    }

    @Test func foreignMembersAreKept() throws {
        let text = #"{"type":"FeatureCollection","name":"x","features":[{"type":"Feature","id":1,"geometry":null,"properties":null,"note":{"k":[1,2]}}],"bbox":[0,0,1,1]}"#
        let read = try #require(collection(text))
        #expect(read.foreignMembers["name"] == .string("x"))
        #expect(read.bbox == [0, 0, 1, 1])
        #expect(read.features[0].foreignMembers["note"] == .object(JSONObject([("k", .array([.number(1), .number(2)]))])))
        #expect(read.features[0].id == .number("1"))
        #expect(read.features[0].id?.description == "1")
    }

    /// Read one at a time or in concurrent batches, a numeric id keeps its digits, and a nested
    /// "id" member is not taken for the feature's.
    @Test func numericIdsKeepTheirDigitsEitherWay() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":5},"id":9007199254740993,"geometry":null},
            {"type":"Feature","id":1.50e1,"geometry":null,"properties":{"x":{"id":7}}}
            ]}
            """
        for concurrent in [false, true] {
            #expect(readBothWays(text, concurrent: concurrent).1 == ["0:9007199254740993", "1:15"])
        }
        let single = try #require(collection(#"{"type":"Feature","properties":{"id":1},"id":-12345678901234567890,"geometry":null}"#))
        #expect(single.features[0].id == .number("-12345678901234567890"))
    }

    @Test func aSingleFeatureIsADocument() throws {
        let read = try #require(collection(#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1.5,2]},"properties":{"a":"b"}}"#))
        #expect(read.features.count == 1)
        #expect(read.features[0].geometry == .point(Position(longitude: 1.5, latitude: 2)))
    }

    @Test func concurrentBatchesDeliverInDocumentOrder() {
        let features = (0 ..< 25).map { i in
            let id = i % 7 == 6 ? "dup" : "f\(i)"
            // A string holding the scanner's delimiters, and an overflow in every feature.
            return #"{"type":"Feature","id":"\#(id)","geometry":{"type":"Point","coordinates":[\#(i),1e999]},"properties":{"s":"a,]}\"[{"}}"#
        }
        let text = #"{"type":"FeatureCollection","features":[ "# + features.joined(separator: " ,\n") + "\n]}"
        let sequential = readBothWays(text, concurrent: false)
        let concurrent = readBothWays(text, concurrent: true)
        #expect(sequential.0 == concurrent.0)
        #expect(sequential.1 == concurrent.1)
        #expect(sequential.0.count == 25 + 2)  // each overflow, and the two repeated ids
        let broken = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":null},{"a" 1},3]}"#
        #expect(readBothWays(broken, concurrent: false).0 == readBothWays(broken, concurrent: true).0)
        #expect(readBothWays(broken, concurrent: true).0 == ["in.geojson: line 1, column 99: expected ':' after a member name, found '1'"])
    }

    /// A batch the scanner cannot delimit (here a trailing comma) after batches already read: the
    /// rest is read one feature at a time from there, each keeping its own index.
    @Test func theRestAfterAnUndelimitedBatchKeepsItsIndices() {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":{}},"#
            + #"{"type":"Feature","id":"b","geometry":null,"properties":{}},{"type":"Feature","id":"c","geometry":null},]}"#
        let found = problems(text)
        #expect(found.first == #"in.geojson: /features/2: expected a "properties" member (an object or null), found none"#)
        #expect(found.count == 2)
        #expect(readBothWays(text, concurrent: true).1 == ["0:a", "1:b"])
    }

    @Test func aMissingFileIsNamed() {
        let (read, problems) = GeoJSONReader(file: "nowhere.geojson").readFile("/nonexistent/nowhere.geojson")
        #expect(read == nil)
        #expect(problems.map(\.description) == ["nowhere.geojson: expected a readable file, found no such file"])
    }
}

/// A `crs` member belongs on the top-level object only (the 2008 GeoJSON spec): on a feature of a
/// collection GDAL ignores it, so its positions would be misread; it is an error at its pointer,
/// and the feature is not delivered. A lone Feature's `crs` is its top-level one.
@Suite struct FeatureCRSTests {
    static let crs = #""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}}"#

    @Test func aCRSOnAFeatureOfACollectionIsAnError() {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":{}},"#
            + #"{"type":"Feature","id":"b",\#(Self.crs),"geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}]}"#
        #expect(problems(text) == [
            #"in.geojson: /features/1/crs: expected no "crs" member on a feature of a collection (only the top-level object may name the CRS), found one"#,
        ])
        #expect(readBothWays(text, concurrent: false).1 == ["0:a"])
    }

    @Test func aLoneFeaturesCRSIsItsOwn() {
        let text = #"{"type":"Feature","id":"a",\#(Self.crs),"geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}"#
        #expect(problems(text) == [])
    }
}
