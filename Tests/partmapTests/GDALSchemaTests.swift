import Foundation
import TestSupport
import Testing

/// GDAL's OAPIF driver learns every public field from the collection's schema, not from the
/// first page of items (which may hold no `city` or `url` at all).
@Suite(.timeLimit(.minutes(10))) struct GDALSchemaTests {
    static let published = [
        "title", "organisation", "description", "url", "initiative", "participationLevel", "participantGroups", "sector", "purposes",
        "countries", "city", "startYear", "endYear", "locationPrecision", "visibility", "sources", "updated", "country", "region",
        "regionCode", "subregion", "subregionCode", "intermediateRegion", "intermediateRegionCode",
    ]

    typealias Backend = ServeCommandTests.Backend

    @Test(arguments: Backend.allCases)
    func everyPublicFieldArrivesInGDAL(backend: Backend) throws {
        let base = try ServeCommandTests.service(backend).base
        // A page of one project: what the driver would guess from holds few of the fields.
        let info = try command("/usr/bin/ogrinfo", ["-ro", "-so", "-al", "-oo", "PAGE_SIZE=1", "OAPIF:\(base)/collections/projects"])
        #expect(info.status == 0, "\(info.stderr)")
        let fields = Set(info.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { return nil }
            return String(line[..<colon])
        })
        for field in Self.published {
            #expect(fields.contains(field), "\(field) missing from: \(info.stdout.suffix(1200))")
        }
        // Typed from the schema: years are integers, lists are string lists, the date a date.
        #expect(info.stdout.contains("startYear: Integer") && info.stdout.contains("sources: StringList") && info.stdout.contains("updated: Date"),
                "\(info.stdout.suffix(1200))")
    }

    @Test(arguments: Backend.allCases)
    func theFeatureSchemaIsLinkedAsGDALSpellsTheRelation(backend: Backend) throws {
        let base = try ServeCommandTests.service(backend).base
        let collection = try ServeCommandTests.get(base + "/collections/projects").json
        let links = collection["links"] as? [[String: Any]] ?? []
        let described = links.first { $0["rel"] as? String == "describedBy" }
        #expect(described?["type"] as? String == "application/schema+json")
        let href = try #require(described?["href"] as? String)
        let schema = try ServeCommandTests.get(href)
        #expect(schema.status == 200 && schema.headers["content-type"] == "application/schema+json")
        let properties = ((schema.json["properties"] as? [String: Any])?["properties"] as? [String: Any])?["properties"] as? [String: Any] ?? [:]
        #expect(Set(properties.keys) == Set(Self.published))
        let bad = try ServeCommandTests.get(base + "/collections/projects/schema?profile=nope")
        #expect(bad.status == 400)
    }
}
