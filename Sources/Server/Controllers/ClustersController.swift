import GeoJSON
import Hummingbird
import Store

/// Zoom clusters of the public view (the README's cluster features) in a view box, over the
/// items' areas and filters; `bbox` is the view here, not a filter.
struct ClustersController {
    let service: ServiceState

    /// The deepest zoom asked: far beyond any map's, and bounded.
    static let maxZoom = 30

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self).get("/clusters", use: clusters)
    }

    @Sendable func clusters(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            let query = try service.query(request)
            let parsed = try ItemsRequest(query, allowed: ItemsRequest.areaAndFilters, routeOwn: ["zoom", "bbox"], atlas: service.atlas,
                                          includeInternal: service.role(request) != .anonymous)
            // Above the clusters' deepest zoom every project stands alone (as supercluster answers),
            // so an advertised expansion zoom can always be asked.
            guard let zoomText = query["zoom"], let zoom = Int(zoomText), (0 ... Self.maxZoom).contains(zoom) else {
                throw Problem.badParameter("zoom", expected: "a zoom of 0 to \(Self.maxZoom)", found: query["zoom"] ?? "")
            }
            var view = [-180.0, -90, 180, 90]
            if let bbox = query["bbox"] {
                let n = bbox.split(separator: ",", omittingEmptySubsequences: false).compactMap { Double($0) }
                guard n.count == 4, n.allSatisfy(\.isFinite), n[1] <= n[3] else {
                    throw Problem.badParameter("bbox", expected: "W,S,E,N with S <= N", found: bbox)
                }
                view = n
            }
            let index = try await service.views.clusters(for: parsed.query)
            let features = try index.features(west: view[0], south: view[1], east: view[2], north: view[3], zoom: zoom)
            return respond(GeoJSONWriter().write(FeatureCollection(features: features)), type: "application/geo+json")
        }
    }
}
