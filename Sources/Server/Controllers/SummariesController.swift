import GeoJSON
import Hummingbird
import Publishing
import Store

/// Counts by keys (CONTRACT.md's summary), over the same areas and filters as the items.
struct SummariesController {
    let service: ServiceState

    /// At most this many keys, none repeated (as on the command line): each key multiplies the rows.
    static let maxKeys = 4

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self).get("/summaries", use: summaries)
    }

    @Sendable func summaries(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            let query = try service.query(request)
            let seesInternal = service.role(request) != .anonymous
            let parsed = try ItemsRequest(query, allowed: ItemsRequest.areaAndFilters, routeOwn: ["by", "count"], atlas: service.atlas,
                                          includeInternal: seesInternal)
            let keys = try Self.keys(query.all("by"))
            let count = try query["count"].map { value throws(Problem) in
                guard let c = SummaryCount(rawValue: value) else { throw Problem.badParameter("count", expected: "projects or initiatives", found: value) }
                return c
            } ?? .projects
            let summary: Summary
            if parsed.query.area == nil && parsed.query.filter == ProjectFilter() {
                let counts = try await service.store.facetCounts(Summary.facets(keys: keys, count: count), includeInternal: seesInternal)
                summary = Summary(facetCounts: counts, keys: keys, count: count, atlas: service.atlas)
            } else {
                summary = Summary(views: try await service.store.query(parsed.query).projects, keys: keys, count: count, atlas: service.atlas)
            }
            return respond(GeoJSONWriter().write(summary.json), type: "application/json")
        }
    }

    /// One to four keys, comma-separated, none repeated.
    /// - Throws: `Problem` (400) naming `by`.
    static func keys(_ values: [String]) throws(Problem) -> [SummaryKey] {
        let expected = "1 to \(maxKeys) different keys among " + SummaryKey.allCases.map(\.rawValue).joined(separator: ", ")
        guard values.count == 1, let by = values.first, !by.isEmpty else {
            throw Problem.badParameter("by", expected: expected, found: values.joined(separator: "&by="))
        }
        var keys: [SummaryKey] = []
        for name in by.split(separator: ",", omittingEmptySubsequences: false) {
            guard let key = SummaryKey(rawValue: String(name)), !keys.contains(key) else {
                throw Problem.badParameter("by", expected: expected, found: by)
            }
            keys.append(key)
        }
        guard keys.count <= maxKeys else { throw Problem.badParameter("by", expected: expected, found: by) }
        return keys
    }
}
