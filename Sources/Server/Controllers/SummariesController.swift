import Foundation
import GeoJSON
import Hummingbird
import Publishing
import Store

/// Counts by keys (the command line's summary), over the same areas and filters as the items.
struct SummariesController {
    let service: ServiceState

    /// At most this many keys, none repeated (as on the command line): each key multiplies the rows.
    static let maxKeys = 4

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self).get("/summaries", use: summaries)
    }

    @Sendable func summaries(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            let (query, parsed) = try ItemsRequest.shared(request, routeOwn: ["by", "count", "f"], service: service)
            let format = try Self.format(request, query)
            let keys = try Self.keys(query.all("by"))
            let count = try query["count"].map { value throws(Problem) in
                guard let c = SummaryCount(rawValue: value) else { throw Problem.badParameter("count", expected: "projects or initiatives", found: value) }
                return c
            } ?? .projects
            let summary = try await Summary.of(parsed.query, in: service.store, keys: keys, count: count, atlas: service.atlas)
            switch format {
            case .json: return respond(GeoJSONWriter().write(summary.json), type: "application/json")
            case .csv: return respond(summary.csv, type: "text/csv; charset=utf-8; header=present")
            case .html: return respond(Self.page(summary), type: "text/html; charset=utf-8")
            }
        }
    }

    enum Format { case json, csv, html }

    /// `f=json|csv|html`, else the Accept header: a spreadsheet or a browser gets what it reads.
    /// - Throws: `Problem` (400) naming `f`.
    static func format(_ request: Request, _ query: QueryParameters) throws(Problem) -> Format {
        switch query["f"] {
        case "json": return .json
        case "csv": return .csv
        case "html": return .html
        case nil:
            let accept = request.headers[.accept] ?? ""
            if accept.contains("text/csv") { return .csv }
            return accept.contains("text/html") && !accept.contains("json") ? .html : .json
        case let other?: throw Problem.badParameter("f", expected: "json, csv or html", found: other)
        }
    }

    /// The summary as an HTML table: names, counts, shares as percentages, and the total.
    static func page(_ summary: Summary) -> String {
        let head = (summary.keys.map(\.rawValue) + ["count", "share"]).map { "<th scope=\"col\">\(HTMLPage.escape($0))</th>" }.joined()
        let rows = summary.rows.map { row in
            "<tr>" + row.values.map { "<td>\(HTMLPage.escape($0.name))</td>" }.joined()
                + "<td>\(row.count)</td><td>\(String(format: "%.1f", row.share * 100)) %</td></tr>"
        }
        let body = "<table><thead><tr>\(head)</tr></thead><tbody>\(rows.joined())</tbody>"
            + "<tfoot><tr><th scope=\"row\" colspan=\"\(summary.keys.count)\">total</th><td>\(summary.total)</td><td></td></tr></tfoot></table>"
        return HTMLPage.page("Summary by " + summary.keys.map(\.rawValue).joined(separator: ", "), body: body, links: [])
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
