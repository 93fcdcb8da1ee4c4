import Foundation
import GeoJSON
import HTTPTypes
import Hummingbird
import Participation
import Server
import Testing

/// The HTML pages as a person (and a screen reader) meets them, read back by Python's HTML
/// parser: landmarks, words for the taxonomy, countries by name, values without JSON quotes,
/// paging, the small map's data, and every value escaped; over SQLite and PostGIS alike.
@Suite struct HTMLPagesTests {
    /// A title, organisation and id that would run script if any page failed to escape them.
    static let hostileTitle = "<img src=x onerror=alert(1)>\"Voices\" & 'views'</script>"
    static let hostileID = "a b/\"<x>"

    /// The pages' service over `backend`; its store is made once per backend and shared.
    static func service(_ backend: Backend) async throws -> Router<BasicRequestContext> {
        router(try await SharedStores.shared.store("html", backend, projects))
    }

    @Sendable static func projects() throws -> [Project] {
        var projects = try HiddenDifferences.projects(variant: 0).filter { $0.visibility == .public }
        var hostile = HiddenDifferences.project(id: hostileID, index: 4, precision: .exact, place: ("KE", nil),
                                                position: Position(longitude: 36.8, latitude: -1.3), visibility: .public)
        hostile.title = hostileTitle
        hostile.organisation = "</td></tr><script>alert(2)</script>"
        hostile.participationLevel = .led
        hostile.derived = try atlas.assign([Position(longitude: 36.8, latitude: -1.3)])[0]
        projects.append(hostile)
        return projects
    }

    static let html = HTTPFields([HTTPField(name: .accept, value: "text/html,application/xhtml+xml")])

    @Test(arguments: Backend.allCases)
    func theItemsPageNamesTheTaxonomyPagesAndMaps(backend: Backend) async throws {
        let service = try await Self.service(backend)
        let path = "/collections/projects/items?region=Eastern+Africa&limit=5&offset=5"
        let answer = try await get(service, path, headers: Self.html)
        #expect(answer.status == 200 && answer.header("content-type") == "text/html; charset=utf-8", "\(answer)")
        let json = try #require(try await get(service, path).json as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        let page = try HTMLReading(answer.text)
        #expect(page.lang == "en" && page.viewport && page.h1 == "Projects")
        #expect(page.landmarks == ["header", "nav:Site", "main", "nav:Pages", "nav:Pages", "footer", "nav:Other formats and related documents"],
                "\(page.landmarks)")
        #expect(page.status == "\(json["numberMatched"] as? Int ?? -1) projects match; showing 6–10.")
        #expect(json["numberMatched"] as? Int ?? 0 > 10)
        // The Participation Model's levels by name; groups and sectors in words; countries by name.
        let levels = ["consultation": "Consultation", "collaboration": "Collaboration", "coProduction": "Co-production", "led": "Led by participants"]
        let groups = ["children": "Children", "youngPeople": "Young people", "adultSurvivors": "Adult survivors", "parentsCarers": "Parents and carers"]
        let sectors = ["government": "Government", "privateSector": "Private sector", "civilSociety": "Civil society",
                       "intergovernmental": "Intergovernmental", "academia": "Academia"]
        let countries = ["KE": "Kenya", "GB": "United Kingdom of Great Britain and Northern Ireland", "BR": "Brazil", "FJ": "Fiji", "RU": "Russian Federation", "TH": "Thailand",
                         "NZ": "New Zealand", "US": "United States of America", "PE": "Peru", "PH": "Philippines"]
        #expect(page.rows.count == features.count && features.count == 5)
        for (row, feature) in zip(page.rows, features) {
            let p = try #require(feature["properties"] as? [String: Any])
            #expect(row[0].hasPrefix(p["title"] as? String ?? "?") && row[0].hasSuffix(p["organisation"] as? String ?? "?"))
            #expect(row[1] == levels[p["participationLevel"] as? String ?? ""])
            #expect(row[2] == (p["participantGroups"] as? [String] ?? []).compactMap { groups[$0] }.joined(separator: ", "))
            #expect(row[3] == sectors[p["sector"] as? String ?? ""])
            #expect(row[4] == (p["countries"] as? [String] ?? []).map { countries[$0] ?? "?" + $0 }.joined(separator: ", "))
        }
        #expect(page.links.contains { $0.rel == "next" && $0.href.contains("offset=10") && $0.text.contains("Next") })
        #expect(page.links.contains { $0.rel == "prev" && $0.href.contains("offset=0") && $0.text.contains("Previous") })
        #expect(page.links.contains { $0.href.hasPrefix("/map?") && $0.href.contains("place=m014") }, "Eastern Africa is M49 014")
        #expect(page.scripts.contains("/assets/leaflet/leaflet.js") && page.scripts.contains("/assets/data.js"))
        // The map's points: the page's projects with a public position, at that position.
        let pointsText = try #require(Self.points(answer.text))
        let points = try #require(try JSONSerialization.jsonObject(with: Data(pointsText.utf8)) as? [[Any]])
        let mapped = features.compactMap { ($0["geometry"] as? [String: Any])?["coordinates"] as? [Double] }
        #expect(points.count == mapped.count && points.map { [$0[1] as? Double, $0[0] as? Double] } == mapped.map { [$0[0], $0[1]] })
        // The first page has no previous one.
        let first = try HTMLReading(try await get(service, "/collections/projects/items?f=html&region=Eastern+Africa&limit=5").text)
        #expect(!first.links.contains { $0.rel == "prev" } && first.links.contains { $0.rel == "next" })
    }

    @Test(arguments: Backend.allCases)
    func theItemPageSaysEachValueInWordsAndEscapesIt(backend: Backend) async throws {
        let service = try await Self.service(backend)
        let answer = try await get(service, "/collections/projects/items/a%20b%2F%22%3Cx%3E?f=html")
        #expect(answer.status == 200, "\(answer)")
        let page = try HTMLReading(answer.text)
        #expect(page.h1 == Self.hostileTitle && page.foreign.isEmpty, "\(page.foreign)")
        #expect(page.field("Organisation") == "</td></tr><script>alert(2)</script>")
        #expect(page.scripts.count == 4, "leaflet, data, the points and the map's own script: \(page.scripts)")
        #expect(page.field("Participation level") == "Led by participantsParticipants lead the work; the organisation supports them.")
        #expect(page.field("Countries") == "Kenya" && page.field("Placed in") == "Kenya")
        #expect(page.field("Region") == "Eastern Africa, Sub-Saharan Africa, Africa")
        #expect(page.field("Years") == "2004–2006" && page.field("Shown on the map") == "Exact location")
        #expect(page.field("Purposes") == "Governance, Support services")
        #expect(page.fields.allSatisfy { !$0.text.hasPrefix("\"") && !$0.text.hasPrefix("[") }, "values without JSON quotes")
        let points = try #require(Self.points(answer.text))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(points.utf8)) as? [[Any]])
        #expect(parsed.count == 1 && parsed[0][2] as? String == Self.hostileTitle && parsed[0][0] as? Double == -1.3)
        #expect(page.links.contains { $0.href == "/map?zoom=8&lat=-1.3&lon=36.8" })
    }

    @Test(arguments: Backend.allCases, ["/", "/conformance", "/collections", "/collections/projects"])
    func documentPagesHaveLandmarksAndLeadOnToTheData(backend: Backend, path: String) async throws {
        let service = try await Self.service(backend)
        let page = try HTMLReading(try await get(service, path + "?f=html").text)
        #expect(page.landmarks.prefix(3) == ["header", "nav:Site", "main"] && page.landmarks.contains("footer"), "\(page.landmarks)")
        #expect(page.links.contains { $0.href == "/map" } && page.links.contains { $0.href.hasSuffix("/items?f=html") })
        #expect(page.foreign.isEmpty && page.scripts.isEmpty)
        if path == "/conformance" {
            let uris = page.links.map(\.href).filter { $0.hasPrefix("http://www.opengis.net/spec/") }
            #expect(uris.count == 6 && uris.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html")
                    && uris.contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables"))
        }
        if path == "/collections/projects" {
            #expect(page.field("Identifier") == "projects" && page.field("Extent")?.hasPrefix("west ") == true, "\(page.fields)")
        }
    }

    /// /map takes every parameter its page writes into its own URL.
    @Test(arguments: Backend.allCases)
    func theMapTakesTheParametersItKeepsInItsURL(backend: Backend) async throws {
        let service = router(try await SharedStores.shared.store("empty", backend) { [] })
        let answer = try await get(service, "/map?q=two+words&level=led&group=children&sector=academia&place=m014&zoom=4&lat=-1.3&lon=36.8")
        #expect(answer.status == 200, "\(answer)")
        #expect(try await get(service, "/map?colour=red").status == 400)
    }

    /// The JSON text of the small map's points.
    static func points(_ html: String) -> String? {
        guard let start = html.range(of: "id=\"minimap-points\">"), let end = html.range(of: "</script>", range: start.upperBound ..< html.endIndex) else { return nil }
        return String(html[start.upperBound ..< end.lowerBound])
    }
}
