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
            let (query, parsed) = try ItemsRequest.shared(request, routeOwn: ["zoom", "bbox"], service: service)
            // Above the clusters' deepest zoom every project stands alone (as supercluster answers),
            // so an advertised expansion zoom can always be asked.
            guard let zoomText = query["zoom"], let zoom = Int(zoomText), (0 ... Self.maxZoom).contains(zoom) else {
                throw Problem.badParameter("zoom", expected: "a zoom of 0 to \(Self.maxZoom)", found: query["zoom"] ?? "")
            }
            // The view box may reach past ±180° (a map panned round the world): only its form is checked.
            var view = [-180.0, -90, 180, 90]
            if let bbox = query["bbox"] {
                let parser = SelectionParser(atlas: service.atlas, readsFiles: false, spell: ItemsRequest.name)
                do throws(SelectionError) { view = try parser.numbers(bbox, count: 4, parameter: .bbox, expected: "W,S,E,N") } catch { throw Problem(error) }
                guard view[1] <= view[3] else { throw Problem.badParameter("bbox", expected: "W,S,E,N with S <= N", found: bbox) }
            }
            let box = view
            let answer = try await service.views.clusterAnswer(for: parsed.query, zoom: zoom, view: box) { index in
                let features = try index.features(west: box[0], south: box[1], east: box[2], north: box[3], zoom: zoom)
                return ByteBuffer(string: GeoJSONWriter().write(FeatureCollection(features: features)))
            }
            return respond(answer, type: "application/geo+json")
        }
    }
}
