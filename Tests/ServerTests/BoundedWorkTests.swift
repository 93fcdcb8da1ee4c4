import Foundation
import HTTPTypes
import Participation
@testable import Server
import Store
import Testing

/// Work per request is bounded: summary keys, query strings, and the views kept in memory; over
/// SQLite and PostGIS alike.
@Suite struct BoundedWorkTests {
    @Test(arguments: Backend.allCases, ["by=", "by=level,level", "by=purpose,group,purpose,group", "by=region,subregion,country,level,group",
                                        "by=level&by=group", "by=colour"])
    func summaryKeysAreOneToFourDifferentOnes(backend: Backend, query: String) async throws {
        let service = router(try await SharedStores.shared.store("empty", backend) { [] })
        let answer = try await get(service, "/summaries?" + query)
        #expect(answer.status == 400, "\(answer)")
        #expect(answer.header("content-type") == "application/problem+json")
        #expect(answer.text.contains("query parameter by:"), "\(answer.text)")
        let fine = try await get(service, "/summaries?by=region,subregion,country,level")
        #expect(fine.status == 200, "\(fine)")
    }

    @Test(arguments: Backend.allCases)
    func queryStringsAreBoundedInCountAndLength(backend: Backend) async throws {
        let service = router(try await SharedStores.shared.store("empty", backend) { [] })
        let many = (0 ..< 101).map { "q=\($0)" }.joined(separator: "&")
        let tooMany = try await get(service, "/collections/projects/items?" + many)
        #expect(tooMany.status == 400 && tooMany.text.contains("at most 100 parameters"), "\(tooMany)")
        let long = try await get(service, "/collections/projects/items?q=" + String(repeating: "a", count: 70_000))
        #expect(long.status == 400 && long.text.contains("at most 65536 bytes"), "\(long)")
        let fine = try await get(service, "/collections/projects/items?" + (0 ..< 100).map { "q=\($0)" }.joined(separator: "&"))
        #expect(fine.status == 200, "\(fine)")
    }

    /// 64 filtered views of 2,000 projects are not all kept: what is kept stays within the budget.
    @Test(arguments: Backend.allCases)
    func filteredViewsAreKeptWithinTheirBudget(backend: Backend) async throws {
        var projects: [Project] = []
        for i in 0 ..< 2000 {
            projects.append(HiddenDifferences.project(id: String(format: "b%05d", i), index: i, precision: .exact, place: ("KE", nil),
                                                      position: .init(longitude: Double(i % 360) - 180, latitude: Double(i % 170) - 85),
                                                      visibility: .public))
        }
        let store = try await backend.store(with: projects)
        let budget = 4 << 20
        let cache = ViewCache(store: store, atlas: atlas, budgetBytes: budget)
        for i in 0 ..< 64 {
            var query = ProjectQuery()
            query.filter.text = ["project \(i % 10)", "org \(i)"]
            _ = try await cache.clusters(for: query)
            #expect(await cache.keptBytes <= budget)
        }
        // Each view holds hundreds of projects: far fewer than the 64 asked fit in 4 MiB.
        let kept = await cache.keptViews
        #expect(kept >= 1 && kept < 20, "\(kept) views kept")
    }
}
