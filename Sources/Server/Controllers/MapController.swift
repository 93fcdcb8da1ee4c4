import Foundation
import Hummingbird
import Participation
import Publishing
import Store

/// The web map on the live routes: the published page, its script and style, and data.js with
/// the countries and terms only (the map asks /clusters and /items for the rest). Leaflet comes
/// from Debian's libjs-leaflet through Hummingbird's `FileMiddleware` (see `buildRouter`).
struct MapController {
    let service: ServiceState

    /// Parameters the page reads itself: its view and filters, which it keeps in the URL
    /// (`WebMap.script`: `q`, `level`, `group`, `sector`, `place`, `zoom`, `lat`, `lon`).
    static let pageParameters: Set<String> = ["zoom", "lat", "lon", "q", "level", "group", "sector", "place"]

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .get("/map", use: page)
            .get("/assets/map.js", use: script)
            .get("/assets/map.css", use: style)
            .get("/assets/data.js", use: data)
    }

    @Sendable func page(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            try service.query(request).allowOnly(Self.pageParameters)
            return respond(WebMap.page, type: "text/html; charset=utf-8")
        }
    }

    @Sendable func script(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            try service.query(request).allowOnly([])
            return respond(WebMap.script, type: "text/javascript; charset=utf-8")
        }
    }

    @Sendable func style(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            try service.query(request).allowOnly([])
            return respond(WebMap.style, type: "text/css; charset=utf-8")
        }
    }

    @Sendable func data(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            try service.query(request).allowOnly([])
            let index = try await service.views.clusters(for: ProjectQuery())
            let bounds = Site.extent(index)
            let text = try WebMap.liveData(counts: RegionCounts(views: index.projects), views: index.projects, atlas: service.atlas,
                                       options: SiteOptions(), bounds: bounds)
            return respond(text, type: "text/javascript; charset=utf-8")
        }
    }
}
