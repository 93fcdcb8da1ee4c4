import Foundation
import GeoJSON
import HTTPTypes
import Hummingbird
import PROJKit
import Participation
import Store

/// The projects as OGC API – Features items: pages of an area and filters, and one project by
/// id. An anonymous answer is the public view, tagged with a digest of its own bytes; an
/// internal id answers exactly as a missing one.
struct ItemsController {
    let service: ServiceState

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .get("/collections/projects/items", use: items)
            .get("/collections/projects/items/:id", use: item)
    }

    @Sendable func items(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            let query = try service.query(request)
            let parsed = try ItemsRequest(query, allowed: ItemsRequest.items, atlas: service.atlas, includeInternal: service.role(request) != .anonymous)
            let html = try Format.of(request, query) == .html
            let result = try await service.store.query(parsed.query)
            let path = service.base + "/collections/projects/items"
            var links = [
                Link.make(Link.url(path, query), "self", html ? "text/html" : "application/geo+json", "This page"),
                Link.make(Link.url(path, query, replacing: ["f": html ? "json" : "html"]), "alternate",
                          html ? "application/geo+json" : "text/html", "This page in another format"),
            ]
            let offset = parsed.query.offset, returned = result.projects.count
            if offset + returned < result.numberMatched {
                links.append(Link.make(Link.url(path, query, replacing: ["offset": String(offset + parsed.limit), "limit": String(parsed.limit)]),
                                       "next", "application/geo+json", "The next page"))
            }
            if offset > 0 {
                links.append(Link.make(Link.url(path, query, replacing: ["offset": String(max(0, offset - parsed.limit)), "limit": String(parsed.limit)]),
                                       "prev", "application/geo+json", "The previous page"))
            }
            if html {
                return HTMLPage.html(HTMLItems.page(result.projects, numberMatched: result.numberMatched, offset: offset, links: links,
                                                    query: query, path: path, atlas: service.atlas))
            }
            var text = "{\"type\":\"FeatureCollection\",\"numberMatched\":\(result.numberMatched),\"numberReturned\":\(returned),"
            text += "\"links\":" + GeoJSONWriter().write(.array(links)) + ",\"features\":["
            try Self.writeFeatures(result.projects, crs: parsed.crs, into: &text)
            text += "]}"
            var headers = HTTPFields()
            headers[.contentCRS] = "<\(parsed.crs.uri)>"
            return respond(text, type: "application/geo+json", headers: headers)
        }
    }

    @Sendable func item(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let raw = context.parameters.get("id") ?? ""
        return try await service.answer {
            guard let id = raw.removingPercentEncoding else { throw Problem(.notFound, "no project has id \"\(raw)\"") }
            let query = try service.query(request)
            let parsed = try ItemsRequest(query, allowed: ["f", "crs"], atlas: service.atlas, includeInternal: false)
            let html = try Format.of(request, query) == .html
            let seesInternal = service.role(request) != .anonymous
            guard let project = try await service.project(id, seesInternal: seesInternal) else {
                throw Problem(.notFound, "no project has id \"\(id)\"")
            }
            let url = service.base + "/collections/projects/items/" + Link.segment(id)
            var feature = try Self.features([project], crs: parsed.crs)[0]
            feature.foreignMembers = JSONObject([("links", .array([
                Link.make(url, "self", "application/geo+json", "This project"),
                Link.make(url + "?f=html", "alternate", "text/html", "This project as HTML"),
                Link.make(service.base + "/collections/projects", "collection", "application/json", "The collection"),
            ]))])
            if html {
                var links: [JSONValue] = []
                if case .array(let l)? = feature.foreignMembers["links"] { links = l }
                return HTMLPage.html(HTMLItems.page(project, links: links, atlas: service.atlas))
            }
            let body = GeoJSONWriter().write(feature)
            var headers = HTTPFields()
            headers[.contentCRS] = "<\(parsed.crs.uri)>"
            headers[.eTag] = seesInternal ? ETag.stored(project, key: service.etagKey) : ETag.of(body)
            return respond(body, type: "application/geo+json", headers: headers)
        }
    }

    /// Appends the projects' features, joined by commas, with their points in `crs` moved in one
    /// batch (as `features` moves them), each written straight from its fields
    /// (`Project.writeFeature`): the same bytes as writing `features`, without building them.
    /// - Throws: `Problem` (500) when PROJ cannot transform the points.
    static func writeFeatures(_ projects: [Project], crs: CRS, into out: inout String) throws(Problem) {
        let moved = try ServedCRS.positions(projects.compactMap(\.position), in: crs)
        out.reserveCapacity(out.utf8.count + projects.count * 640)
        var next = moved.makeIterator()
        for (index, project) in projects.enumerated() {
            if index > 0 { out += "," }
            project.writeFeature(position: project.position == nil ? nil : next.next(), into: &out)
        }
    }

    /// The projects' features with their points in `crs` (`ServedCRS`), moved in one batch:
    /// CRS84 as stored, EPSG:4326 latitude first, EPSG:3857 in metres.
    /// - Throws: `Problem` (500) when PROJ cannot transform the points.
    static func features(_ projects: [Project], crs: CRS) throws(Problem) -> [Feature] {
        var features = projects.map { $0.feature(includeDerived: true) }
        let points = features.indices.compactMap { i -> (index: Int, position: Position)? in
            if case .point(let p)? = features[i].geometry { (i, p) } else { nil }
        }
        for (point, moved) in zip(points, try ServedCRS.positions(points.map(\.position), in: crs)) {
            features[point.index].geometry = .point(moved)
        }
        return features
    }
}

extension HTTPField.Name {
    static let contentCRS = HTTPField.Name("Content-Crs")!
}
