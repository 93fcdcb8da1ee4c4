import GeoJSON
import Testing

/// An object that names a member twice (RFC 8259 §4: names should be unique; readers disagree on
/// which value wins) is a problem at the repeated member's pointer, wherever it sits.
@Suite struct RepeatedMemberTests {
    @Test func eachRepeatIsLocatedAtItsOwnPointer() {
        // 20 members before the repeat: past the size at which names are kept in a set.
        let many = (0 ..< 20).map { "\"m\($0)\":\($0)" }.joined(separator: ",")
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":null,"properties":{"visibility":"internal","visibility":"public"}},
            {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[0,0],"type":"Point"},"properties":{\(many),"m3":3}},
            {"type":"Feature","id":"c","geometry":null,"properties":{"a/b\\n":[{"x":1,"x":2}],"a/b\\n":0}}
            ],"type":"FeatureCollection"}
            """
        #expect(problems(text) == [
            #"in.geojson: /features/0/properties/visibility: member "visibility" appears twice"#,
            #"in.geojson: /features/1/geometry/type: member "type" appears twice"#,
            #"in.geojson: /features/1/properties/m3: member "m3" appears twice"#,
            #"in.geojson: /features/2/properties/a~1b\n/0/x: member "x" appears twice"#,
            #"in.geojson: /features/2/properties/a~1b\n: member "a/b\n" appears twice"#,
            #"in.geojson: /type: member "type" appears twice"#,
        ])
    }

    @Test func aSecondFeaturesArrayIsARepeatToo() {
        let text = #"{"type":"FeatureCollection","features":[],"bbox":[0,0,1,1],"features":[],"bbox":[0,0,1,1]}"#
        #expect(problems(text) == [
            #"in.geojson: /features: member "features" appears twice"#,
            #"in.geojson: /bbox: member "bbox" appears twice"#,
        ])
        #expect(collection(text) == nil)
    }

    @Test func aSingleFeatureDocumentIsChecked() {
        let text = #"{"type":"Feature","geometry":null,"properties":{"k":{"t":1,"t":1}}}"#
        #expect(problems(text) == [#"in.geojson: /properties/k/t: member "t" appears twice"#])
    }

    @Test func distinctNamesAreNotRepeats() {
        let text = #"{"type":"Feature","geometry":null,"properties":{"a":1,"A":2,"b":{"a":1}}}"#
        #expect(problems(text) == [])
    }

    @Test func aWholeDocumentParseRefusesARepeat() throws {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#"{"a":{"b":1,"b":2}}"#) }
        #expect(error?.message == #"member "b" appears twice at /a/b"#)
        #expect(try JSONParser.parse(#"{"a":{"b":1},"b":2}"#) == .object(JSONObject([
            ("a", .object(JSONObject([("b", .number(1))]))), ("b", .number(2)),
        ])))
    }

    @Test func controlCharactersInAPointerStayOnOneLine() {
        let problem = Problem(file: "in.csv", location: .row(2, column: "a\tb"), message: "found \(JSONValue.string("x\u{1}\"y").quoted)")
        #expect(problem.description == #"in.csv: row 2, column a\tb: found "x\u0001\"y""#)
    }
}
