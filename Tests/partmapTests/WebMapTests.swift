import Foundation
import TestSupport
import Testing

/// The published web map as visitors meet it, opened from the folder by headless Chromium with
/// the network shut off; expected counts come from the input files, read here.
@Suite(.serialized) struct WebMapTests {
    /// A marker as Leaflet lays it out: its classes, its text, and its box in page pixels.
    struct Marker {
        var classes: String
        var text: String
        var box: (x: Double, y: Double, width: Double, height: Double)

        func overlaps(_ other: Marker) -> Bool {
            box.x < other.box.x + other.box.width && other.box.x < box.x + box.width &&
                box.y < other.box.y + other.box.height && other.box.y < box.y + box.height
        }
    }

    static func publish(_ input: String, _ extra: [String] = []) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-webmap-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("store.sqlite").path
        let imported = try partmap("import", input, "--store", store)
        guard imported.status == 0 else { throw CommandFailed(command: "partmap import", output: imported.stderr) }
        let site = folder.appendingPathComponent("site").path
        let run = try partmap(arguments: ["publish", "--store", store, "--out", site, "--base-url", "https://example.org"] + extra)
        guard run.status == 0 else { throw CommandFailed(command: "partmap publish", output: run.stderr) }
        return site
    }

    static let curated = Result<String, any Error> { try publish(PackageRoot.path + "/Data/projects.geojson") }

    /// 20,000 generated projects (Tools/gen_projects.py) and their levels.
    static let generated = Result<(site: String, levels: [String]), any Error> {
        let text = try Python.run(script: PackageRoot.path + "/Tools/gen_projects.py", arguments: ["20000"], input: "")
        let input = try temporaryFile("generated.geojson", text)
        let levels = try features(input).map { ($0["properties"] as? [String: Any])?["participationLevel"] as? String ?? "?" }
        return (try publish(input, ["--max-zoom", "6"]), levels)
    }

    static func features(_ path: String) throws -> [[String: Any]] {
        let collection = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return collection?["features"] as? [[String: Any]] ?? []
    }

    /// The page's DOM after its scripts ran, with every network request but file:// refused.
    func dom(_ site: String, _ query: String) throws -> String {
        let run = try command("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=15000",
                                                   "--window-size=1280,900", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                                                   "--dump-dom", "file://\(site)/index.html?\(query)"])
        return succeeded(run)
    }

    func markers(_ dom: String) -> [Marker] {
        let tag = /<div class="leaflet-marker-icon ([^"]*)"[^>]*?style="([^"]*)"[^>]*>([^<]*)/
        func number(_ style: String, _ name: String) -> Double {
            guard let match = style.firstMatch(of: try! Regex("\(name): (-?[0-9.]+)px")) else { return 0 }
            return Double(String(match.output[1].substring ?? "")) ?? 0
        }
        return dom.matches(of: tag).map { match in
            let style = String(match.output.2)
            let translate = style.firstMatch(of: /translate3d\((-?[0-9.]+)px, (-?[0-9.]+)px/)
            let x = Double(translate?.output.1 ?? "0") ?? 0, y = Double(translate?.output.2 ?? "0") ?? 0
            return Marker(classes: String(match.output.1), text: String(match.output.3),
                          box: (x + number(style, "margin-left"), y + number(style, "margin-top"), number(style, "width"), number(style, "height")))
        }
    }

    /// The share of markers that overlap another marker.
    func overlapping(_ markers: [Marker]) -> Double {
        let hit = markers.indices.filter { i in markers.indices.contains { j in j != i && markers[i].overlaps(markers[j]) } }
        return markers.isEmpty ? 1 : Double(hit.count) / Double(markers.count)
    }

    @Test func everyCuratedProjectIsReachableOfflineTheGlobalOnesInTheirPanel() throws {
        let site = try Self.curated.get()
        let projects = try Self.features(PackageRoot.path + "/Data/projects.geojson").map { $0["properties"] as? [String: Any] ?? [:] }
        let global = projects.filter { $0["locationPrecision"] as? String == "none" }.compactMap { $0["title"] as? String }
        let mapped = projects.filter { $0["locationPrecision"] as? String != "none" }.compactMap { $0["title"] as? String }
        #expect(global.count == 12 && mapped.count == 8)
        let page = try dom(site, "")
        #expect(page.contains("20 public projects."), "the header counts every public project")
        #expect(page.contains("20 of 20 projects match the filters: 8 on the map, 12 global and online"))
        let panel = try #require(page.components(separatedBy: "id=\"global-list\"").last?.components(separatedBy: "</section>").first)
        for title in global { #expect(panel.contains(">" + title.replacingOccurrences(of: "&", with: "&amp;") + " <small>"), "\(title) is in the global panel") }
        let list = try #require(page.components(separatedBy: "id=\"list\"").last?.components(separatedBy: "</section>").first)
        for title in mapped { #expect(list.contains(">" + title + " <small>"), "\(title) is in the list of the default view") }
        let shown = markers(page)
        let onMap = shown.reduce(0) { $0 + ($1.classes.contains("pm-cluster") ? Int($1.text) ?? 0 : 1) }
        #expect(onMap == 8, "the markers stand for the 8 mapped projects, offline")
        #expect(!shown.contains { $0.classes.contains("pm-cluster") && $0.text == "1" }, "no cluster of one")
        // Words, not codes: the level by name with its meaning, groups and countries by name.
        #expect(page.contains("Led by participants: Participants lead the work"))
        #expect(page.contains("<dd>Adult survivors") || page.contains(", Adult survivors"))
        #expect(page.contains("<dd>Philippines</dd>"))
        #expect(!page.contains("<dd>adultSurvivors"))
        #expect(page.contains("<dd>Research, Technology design, Support services</dd>"), "purposes in words")
        // The filters name every level, group and sector in words; the chart's legend, each level by its first word.
        for (value, label) in [("coProduction", "Co-production"), ("led", "Led by participants"), ("youngPeople", "Young people"),
                               ("parentsCarers", "Parents and carers"), ("civilSociety", "Civil society"), ("privateSector", "Private sector")] {
            #expect(page.contains("<option value=\"\(value)\">\(label)</option>"), "\(value) reads \(label)")
        }
        #expect(page.contains(">Co-production</text>") && page.contains(">Led</text>"))
    }

    @Test func searchAndASharedLinkRestoreTheFiltersAndTheView() throws {
        let site = try Self.curated.get()
        let search = try dom(site, "q=myvoicemyfuture")
        #expect(search.contains("1 of 20 projects match the filters: 0 on the map, 1 global and online"))
        #expect(search.contains(">#MyVoiceMyFuture <small>") && !search.contains(">#MyVoiceMySafety <small>"))
        // A link with filters and a view: the counts follow the filters, the map opens at that
        // view, and the page's own link to the view says the same.
        let shared = try dom(site, "level=consultation&place=m002&zoom=4&lat=8.0000&lon=2.0000")
        let projects = try Self.features(PackageRoot.path + "/Data/projects.geojson").map { $0["properties"] as? [String: Any] ?? [:] }
        let africa: Set<String> = ["GH", "NG"]
        let expected = projects.filter { p in
            p["participationLevel"] as? String == "consultation" && ((p["countries"] as? [String])?.first).map(africa.contains) == true
        }.count
        #expect(expected == 2)
        #expect(shared.contains("\(expected) of 20 projects match the filters: \(expected) on the map, 0 global and online"))
        #expect(shared.contains("id=\"share\" href=\"?level=consultation&amp;place=m002&amp;zoom=4&amp;lat=8.0000&amp;lon=2.0000\""))
        #expect(shared.contains("src=\"assets/zooms/4.js\"") || shared.contains("src=\"assets/zooms/2.js\""), "the zoom's nodes were loaded")
    }

    @Test func twentyThousandProjectsAreReadableAndFiltersRecountThem() throws {
        let (site, levels) = try Self.generated.get()
        for (name, query) in [("the default view", ""), ("zoom 4", "zoom=4&lat=20&lon=10")] {
            let shown = markers(try dom(site, query))
            let share = overlapping(shown)
            #expect(shown.count > 20, "\(name): \(shown.count) markers")
            #expect(share <= 0.05, "\(name): \(Int((share * 100).rounded()))% of \(shown.count) markers overlap another")
            #expect(!shown.contains { $0.classes.contains("pm-cluster") && $0.text == "1" }, "\(name): no cluster of one")
        }
        let led = levels.filter { $0 == "led" }.count
        let page = try dom(site, "zoom=0&lat=0&lon=0&level=led")
        #expect(page.contains("\(led) of 20000 projects match the filters: \(led) on the map, 0 global and online"))
        let counted = markers(page).reduce(0) { $0 + ($1.classes.contains("pm-cluster") ? Int($1.text) ?? 0 : 1) }
        #expect(counted == led, "the markers at zoom 0 recount to the led projects")
        let bars = page.matches(of: /<title>[^<]*, Led by participants: ([0-9]+)<\/title>/).map { Int($0.output.1) ?? 0 }
        #expect(bars.reduce(0, +) == led, "the chart recounts too")
        #expect(!page.contains(", Consultation: "), "and shows no other level")
    }
}
