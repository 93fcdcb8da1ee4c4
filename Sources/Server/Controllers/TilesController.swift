import GeoJSON
import HTTPTypes
import Hummingbird
import Participation
import Publishing
import Store
import Tiles

/// Vector tiles of the public view rendered from the live store (the bytes `publish` writes for
/// the same tile), tagged with a digest of their bytes, and their TileJSON.
struct TilesController {
    let service: ServiceState

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .get("/tilejson.json", use: tileJSON)
            .get("/tiles/:z/:x/:file", use: tile)
    }

    @Sendable func tile(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let z = context.parameters.get("z"), x = context.parameters.get("x"), file = context.parameters.get("file")
        return try await service.answer {
            try service.query(request).allowOnly([])
            guard let z = z.flatMap(Int.init), (0 ... 16).contains(z), let x = x.flatMap(Int.init), let file, file.hasSuffix(".mvt"),
                  let y = Int(file.dropLast(4)), (0 ..< 1 << z).contains(x), (0 ..< 1 << z).contains(y)
            else { throw Problem(.notFound, "no tile at \(request.uri.path): expected /tiles/{z}/{x}/{y}.mvt with z 0 to 16 and x, y within it") }
            var headers = HTTPFields()
            headers[.cacheControl] = "public, max-age=60"
            guard let tile = try await service.views.tile(TileID(z: z, x: x, y: y)) else {
                return Response(status: .noContent, headers: headers)
            }
            headers[.eTag] = tile.etag
            if request.headers[.ifNoneMatch] == tile.etag { return Response(status: .notModified, headers: headers) }
            return respond(tile.bytes, type: "application/vnd.mapbox-vector-tile", headers: headers)
        }
    }

    @Sendable func tileJSON(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.answer {
            try service.query(request).allowOnly([])
            let renderer = try await service.views.tileRenderer()
            let index = try await service.views.clusters(for: ProjectQuery())
            let json = Site.tileJSON(
                baseURL: service.base, layers: try renderer.layers(),
                clusters: index, boundaries: try service.atlas.boundaries, tiles: renderer.options, attribution: SiteOptions().attribution,
                description: ServiceState.description)
            return respond(GeoJSONWriter().write(json.json), type: "application/json")
        }
    }
}
