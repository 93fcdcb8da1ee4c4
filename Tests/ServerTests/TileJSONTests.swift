import Foundation
import GeoJSON
import Participation
import Publishing
import Store
import TestSupport
import Testing

/// The served TileJSON describes the live tiles' layers exactly as `publish` describes the
/// pyramid of the same public view: the `vector_layers` member (fields, their types, zooms) is the
/// same bytes.
@Suite struct TileJSONTests {
    /// Two projects at one point, so close that they stay one cluster at every published zoom
    /// (0–14): only they carry a description, a URL and an initiative, which therefore no tile
    /// holds as a project's property. A third stands alone elsewhere.
    static func stacked() throws -> [Project] {
        func project(_ id: String, _ country: String, _ position: Position, description: String? = nil, url: String? = nil,
                     initiative: String? = nil) -> Project {
            Project(id: id, title: "Project \(id)", organisation: "Org", description: description, url: url, initiative: initiative,
                    participationLevel: .led, participantGroups: [.youngPeople], sector: .civilSociety, purposes: [.advocacy],
                    countries: [country], locationPrecision: .exact, visibility: .public, sources: ["fixture"], position: position)
        }
        let nairobi = Position(longitude: 36.82, latitude: -1.29)
        var projects = [
            project("a", "KE", nairobi, description: "Young people shape policy"),
            project("b", "KE", nairobi, url: "https://example.org/b", initiative: "one"),
            project("c", "GB", Position(longitude: -0.12, latitude: 51.5)),
        ]
        var problems: [Problem] = []
        let locators = projects.map { FieldLocator.feature(file: "fixture", pointer: "/features/\($0.id)") }
        try Geocoder(places: atlas).place(&projects, locators: locators, problems: &problems)
        guard problems.allSatisfy(\.isWarning) else { throw ReferenceError("the fixture should place: \(problems)") }
        return projects
    }

    /// The text of the `vector_layers` member, the last of a TileJSON document as partmap writes it.
    static func vectorLayers(_ text: String) throws -> String {
        let start = try #require(text.range(of: #","vector_layers":"#), "no vector_layers in \(text.prefix(300))")
        var member = text[start.lowerBound...]
        while member.last == "\n" || member.last == "}" && member.dropLast().last == "]" { member = member.dropLast() }
        return String(member)
    }

    @Test(arguments: ["stacked", "generated"]) func servedLayersArePublishedLayers(_ fixture: String) async throws {
        let projects = fixture == "stacked"
            ? try Self.stacked()
            : try HiddenDifferences.projects(variant: 0).filter { $0.visibility == .public }
        let store = try await Backend.sqlite.store(with: projects)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-tilejson-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let views = try await store.query(ProjectQuery()).projects
        try Site.write(views: views, atlas: atlas, options: SiteOptions(), into: folder)
        let published = try String(contentsOf: folder.appendingPathComponent("tilejson.json"), encoding: .utf8)

        let served = try await get(router(store), "/tilejson.json")
        #expect(served.status == 200)
        let layers = try Self.vectorLayers(served.text)
        #expect(layers == (try Self.vectorLayers(published)))
        await store.close()
        if fixture == "stacked" {
            // Nothing of the stacked pair is a project's property in any tile.
            #expect(!layers.contains(#""url""#) && !layers.contains(#""description":"String""#), "\(layers)")
        }
    }
}
