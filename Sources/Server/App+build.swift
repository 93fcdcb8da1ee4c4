import Foundation
import Hummingbird
import Logging
import NIOCore
import Publishing
import Regions
import Store

/// The router of every route, in rooms: documents, items, writes, summaries, clusters, tiles,
/// the map, and operations. Tests run it in process (`app.test(.router)`).
/// - Parameter address: the public address links start with (see `ServerConfig.baseURL`).
public func buildRouter(config: ServerConfig, store: any ProjectStore, atlas: Atlas, logger: Logger,
                        address: String? = nil) -> Router<BasicRequestContext> {
    let state = ServiceState(store: store, atlas: atlas, config: config,
                             address: PublicAddress(config.baseURL ?? address ?? "http://\(config.host):\(config.port)"), logger: logger)
    return buildRouter(state)
}

func buildRouter(_ state: ServiceState) -> Router<BasicRequestContext> {
    let router = Router(options: .autoGenerateHeadEndpoints)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware(metrics: state.metrics))
    if let origin = state.config.corsOrigin {
        router.add(middleware: CORSMiddleware(
            allowOrigin: origin == "*" ? .all : .custom(origin),
            allowHeaders: [.accept, .authorization, .contentType, .ifMatch, .ifNoneMatch],
            allowMethods: [.get, .head, .post, .put, .delete, .options],
            exposedHeaders: ["ETag", "Location", "Content-Crs"]))
    }
    // Leaflet's files, from Debian's libjs-leaflet, for the map at /map.
    var quiet = state.logger
    quiet.logLevel = .warning
    router.add(middleware: FileMiddleware(SiteOptions().leafletDirectory, urlBasePath: "/assets/leaflet", searchForIndexHtml: false, logger: quiet))
    router.addRoutes(DocumentsController(service: state).endpoints)
    router.addRoutes(ItemsController(service: state).endpoints)
    router.addRoutes(WritesController(service: state).endpoints)
    router.addRoutes(SummariesController(service: state).endpoints)
    router.addRoutes(ClustersController(service: state).endpoints)
    router.addRoutes(TilesController(service: state).endpoints)
    router.addRoutes(MapController(service: state).endpoints)
    router.addRoutes(OperationsController(service: state).endpoints)
    return router
}

/// The HTTP service over a store: the router, an HTTP/1.1 server with an idle timeout and a cap
/// on open connections, the loops that give freed memory back (`MemoryRelease`) and follow writes
/// made elsewhere as soon as the store tells of them (`ChangeWake`), both for the life of the
/// application value, and `onRunning` told the address it listens on.
/// - Throws: nothing itself; `runService()` throws when the address cannot be bound.
public func buildApplication(config: ServerConfig, store: any ProjectStore, atlas: Atlas, logger: Logger,
                             onRunning: @escaping @Sendable (_ url: String) -> Void = { _ in }) -> some ApplicationProtocol {
    let address = PublicAddress(config.baseURL ?? "http://\(config.host):\(config.port)")
    let state = ServiceState(store: store, atlas: atlas, config: config, address: address, logger: logger)
    let registry = ConnectionRegistry(limit: config.maxConnections)
    let idle = TimeAmount.milliseconds(Int64(config.idleTimeout * 1000))
    // Held by the application (through `onServerRunning`), so its loop ends when the service is let go.
    let memory = MemoryRelease(metrics: state.metrics)
    let wake = ChangeWake(store: store, views: state.views)
    return Application(
        router: buildRouter(state),
        server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionLimitHandler(registry: registry)], idleTimeout: idle)),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "partmap"),
        onServerRunning: { channel in
            let listening = "http://\(config.host):\(channel.localAddress?.port ?? config.port)"
            if config.baseURL == nil { address.set(listening) }
            withExtendedLifetime((memory, wake)) {}
            onRunning(listening)
        },
        logger: logger)
}

/// Whether the service could not start because another program holds its port.
public func isAddressInUse(_ error: any Error) -> Bool {
    (error as? IOError)?.errnoCode == EADDRINUSE
}
