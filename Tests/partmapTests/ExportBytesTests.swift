import Foundation
import TestSupport
import Testing

/// Export writes each feature straight from the stored record: the bytes are canonical compact
/// JSON (Python's `json` reads each line and writes it back the same), and, with `--internal`,
/// each feature is the stored feature (derived and extra properties, in their order) with
/// `updated` added, in both GeoJSON and GeoJSONSeq.
@Suite(.timeLimit(.minutes(10))) struct ExportBytesTests {
    static let input = #"""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"b-extra","geometry":{"type":"Point","coordinates":[36.8219,-1.2921]},"properties":{"title":"Panel \"B\"\ttab","organisation":"Org Ü ✓","participationLevel":"led","participantGroups":["children"],"sector":"civilSociety","purposes":["research"],"countries":["KE"],"locationPrecision":"exact","visibility":"internal","sources":["S"],"contact":"a@b.example","score":7.0,"nested":{"list":[1,2.5,null,true],"text":"x\ny"}}},
        {"type":"Feature","id":"a-plain","geometry":{"type":"Point","coordinates":[-77.0301,-12.0453]},"properties":{"title":"Plain","organisation":"Org","description":"D","url":"https://example.org/a","initiative":"I","participationLevel":"consultation","participantGroups":["youngPeople","adultSurvivors"],"sector":"government","purposes":[],"countries":["PE"],"startYear":2020,"endYear":2024,"locationPrecision":"country","visibility":"public","sources":["S1","S2"],"stewardNote":"kept inside"}},
        {"type":"Feature","id":"c-none","geometry":null,"properties":{"title":"Nowhere","organisation":"Org","participationLevel":"collaboration","participantGroups":["parentsCarers"],"sector":"academia","countries":[],"locationPrecision":"none","visibility":"public","sources":["S"]}}
        ]}
        """#

    /// Checks, for the export files given, every feature against the stored features the `sqlite3`
    /// tool reads from the store, through Python's `json`; prints what differs.
    static let check = #"""
        import json, sqlite3, sys
        store, seq, collection = sys.argv[1:4]
        stored = {row[0]: json.loads(row[1]) for row in sqlite3.connect(store).execute("SELECT id, feature FROM project")}
        def canonical(value):
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        lines = open(seq, encoding="utf-8").read().split("\n")
        assert lines[-1] == "", "the last feature ends with a newline"
        features = []
        for line in lines[:-1]:
            assert line.startswith("\x1e"), "each feature after a record separator"
            text = line[1:]
            feature = json.loads(text)
            assert canonical(feature) == text, "canonical: " + text
            features.append(feature)
        whole = open(collection, encoding="utf-8").read()
        assert json.loads(whole)["features"] == features, "the collection holds the sequence's features"
        assert whole == '{"type":"FeatureCollection","features":[\n' + ",\n".join(canonical(f) for f in features) + "\n]}\n"
        assert [f["id"] for f in features] == sorted(stored), "every stored project, in id order"
        for feature in features:
            properties = feature["properties"]
            assert len(properties.pop("updated")) == 10
            assert canonical(feature) == canonical(stored[feature["id"]]), canonical(feature) + " != " + canonical(stored[feature["id"]])
        print(len(features))
        """#

    @Test func internalExportIsTheStoredFeatures() throws {
        let input = try temporaryFile("extra.geojson", Self.input)
        let folder = URL(fileURLWithPath: input).deletingLastPathComponent().path
        let store = folder + "/bytes.sqlite"
        let imported = try partmap("import", input, "--store", store)
        try #require(imported.status == 0, "\(imported.stderr)")
        #expect(succeeded(try partmap("export", "--store", store, "--internal", "--out", folder + "/all.geojsonl")) == "")
        #expect(succeeded(try partmap("export", "--store", store, "--internal", "--out", folder + "/all.geojson")) == "")
        let script = try temporaryFile("check_export.py", Self.check)
        let checked = try Python.run(script: script, arguments: [store, folder + "/all.geojsonl", folder + "/all.geojson"], input: "")
        #expect(checked == "3\n")
        let seq = try String(contentsOfFile: folder + "/all.geojsonl", encoding: .utf8)
        #expect(seq.contains(#""contact":"a@b.example","score":7,"nested":{"list":[1,2.5,null,true],"text":"x\ny"}}}"#))
    }

    /// The public export leaves internal projects and extra properties out; an empty answer is
    /// an empty collection, as the writer writes one.
    @Test func publicAndEmptyExports() throws {
        let input = try temporaryFile("public.geojson", Self.input)
        let folder = URL(fileURLWithPath: input).deletingLastPathComponent().path
        let store = folder + "/public.sqlite"
        try #require(try partmap("import", input, "--store", store).status == 0)
        #expect(succeeded(try partmap("export", "--store", store, "--out", folder + "/public.geojsonl")) == "")
        let seq = try String(contentsOfFile: folder + "/public.geojsonl", encoding: .utf8)
        #expect(seq.split(separator: "\n").count == 2 && !seq.contains("b-extra") && !seq.contains("contact") && !seq.contains("stewardNote"))
        #expect(succeeded(try partmap("export", "--store", store, "--country", "NO", "--out", folder + "/none.geojson")) == "")
        #expect(try String(contentsOfFile: folder + "/none.geojson", encoding: .utf8) == "{\"type\":\"FeatureCollection\",\"features\":[]}\n")
    }

    /// Many features, written in blocks on every core, come out whole and in id order, as
    /// Python's `json` reads them, in both formats.
    @Test func blocksKeepTheOrder() throws {
        let input = try temporaryFile("generated.geojson", try Python.run(
            script: PackageRoot.path + "/Tools/gen_projects.py", arguments: ["5000", "--seed", "15"], input: ""))
        let folder = URL(fileURLWithPath: input).deletingLastPathComponent().path
        #expect(succeeded(try partmap("export", "--from", input, "--out", folder + "/many.geojsonl")) == "")
        #expect(succeeded(try partmap("export", "--from", input, "--out", folder + "/many.geojson")) == "")
        let script = try temporaryFile("check_order.py", #"""
            import json, sys
            given = sorted(f["id"] for f in json.load(open(sys.argv[1]))["features"])
            lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
            seq = [json.loads(line[1:]) for line in lines[:-1]]
            assert lines[-1] == "" and all(line.startswith("\x1e") for line in lines[:-1])
            assert [f["id"] for f in seq] == given, "every project once, in id order"
            assert json.load(open(sys.argv[3]))["features"] == seq
            print(len(seq))
            """#)
        #expect(try Python.run(script: script, arguments: [input, folder + "/many.geojsonl", folder + "/many.geojson"], input: "") == "5000\n")
    }
}
