import GeoJSON
import Testing

@Suite struct WriterTests {
    @Test(arguments: [
        (0.1, "0.1"), (1e-7, "1e-07"), (1e21, "1e+21"), (123_456_789_012, "123456789012"), (-0.0, "-0"),
        (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (7, "7"), (-3.25, "-3.25"),
        (36.82194, "36.82194"),
    ])
    func numbersAreShortestRoundTrip(value: Double, text: String) throws {
        #expect(JSONNumber.format(value) == text)
        let back = try JSONParser.parse(text)
        #expect(back == .number(value))
    }

    @Test(arguments: [(36.8219462, 4, "36.8219"), (-1.23456, 2, "-1.23"), (2.5, 0, "3"), (10.10, 3, "10.1")])
    func precisionLimitsDigits(value: Double, digits: Int, text: String) {
        #expect(JSONNumber.format(value, maxFractionDigits: digits) == text)
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() {
        let value = JSONValue.string("a\"b\\c\nd\u{01}é😀/")
        #expect(GeoJSONWriter().write(value) == #""a\"b\\c\nd\u0001é😀/""#)
        #expect((try? JSONParser.parse(GeoJSONWriter().write(value))) == value)
    }

    @Test func collectionsAreOneFeaturePerLine() {
        let features = [
            Feature(id: .string("a"), geometry: .point(Position(longitude: 1, latitude: 2)), properties: JSONObject([("k", .bool(true))])),
            Feature(id: .number("2"), geometry: nil, properties: nil, foreignMembers: JSONObject([("x", .null)])),
        ]
        #expect(GeoJSONWriter().write(FeatureCollection(features: features)) == """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"k":true}},
            {"type":"Feature","id":2,"geometry":null,"properties":null,"x":null}
            ]}

            """)
        #expect(GeoJSONWriter().write(FeatureCollection()) == "{\"type\":\"FeatureCollection\",\"features\":[]}\n")
    }

    @Test func coordinatesTakeThePrecision() {
        let feature = Feature(geometry: .point(Position(longitude: 36.8219462, latitude: -1.2920659)))
        #expect(GeoJSONWriter(precision: 3).write(feature) == #"{"type":"Feature","geometry":{"type":"Point","coordinates":[36.822,-1.292]},"properties":null}"#)
    }

    @Test func everyGeometryRoundTrips() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4,5]]},"properties":null},
            {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":null},
            {"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]]]},"properties":null},
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":null},
            {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]},"properties":null},
            {"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0.5,-0.25]}]},"properties":null}
            ]}

            """
        let read = try #require(collection(text))
        let written = GeoJSONWriter().write(read)
        #expect(written == text)
        #expect(GeoJSONWriter().write(try #require(collection(written))) == written)
    }
}
