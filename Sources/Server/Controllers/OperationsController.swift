import GeoJSON
import Hummingbird

/// What operators watch: /health (the store answers, and how many public projects it holds) and
/// /metrics (Prometheus text).
struct OperationsController {
    let service: ServiceState

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .get("/health", use: health)
            .get("/metrics", use: metrics)
    }

    @Sendable func health(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            try service.query(request).allowOnly([])
            let count = try await service.store.count(includeInternal: false)
            return respond(GeoJSONWriter().write(.object(JSONObject([("status", .string("ok")), ("projects", .number(Double(count)))]))),
                           type: "application/json")
        }
    }

    @Sendable func metrics(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            try service.query(request).allowOnly([])
            let count = try await service.store.count(includeInternal: false)
            return respond(service.metrics.text(projects: count), type: "text/plain; version=0.0.4")
        }
    }
}
