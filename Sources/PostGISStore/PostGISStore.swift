import Foundation
import GeoJSON
import Logging
import NIOCore
import Participation
import PostgresNIO
import Regions
import Store

/// The shared store: PostgreSQL with PostGIS, `geometry(Point, 4326)` columns for the stored and
/// the public positions, each with a GiST index. It answers exactly as the SQLite store does: the
/// indexes and derived columns narrow, and the query's own scan decides.
public final class PostGISStore: ProjectStore {
    /// The connection string without its password, as messages name the store.
    public let name: String
    let client: PostgresClient
    private let running: Task<Void, Never>
    let listeners = Listeners()
    let places: any Places
    let connectionConfiguration: PostgresConnection.Configuration
    let logger: Logger = {
        var logger = Logger(label: "partmap.postgis")
        if ProcessInfo.processInfo.environment["PARTMAP_TRACE"] != nil { logger.logLevel = .trace }
        return logger
    }()

    /// Connects to `postgres://user:password@host:port/database[?sslmode=disable|prefer|require]`
    /// and brings the schema up to date. A server that cannot be reached fails within `timeout`.
    public init(url: String, places: any Places, timeout: Duration = .seconds(10)) async throws(StoreError) {
        name = Self.redacted(url)
        self.places = places
        let settings = try Settings(url: url, name: name)
        do {
            connectionConfiguration = try settings.connection(timeout: timeout)
        } catch {
            throw StoreError(store: name, reason: "cannot set up TLS: \(error)")
        }
        // The first connection is made directly, so that a refused or unknown host fails now
        // instead of waiting in the pool.
        do {
            let probe = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw StoreError(store: name, reason: "cannot reach the PostgreSQL store: \(Self.reason(error))")
        }
        let configuration = settings.client(timeout: timeout)
        let client = PostgresClient(configuration: configuration)
        self.client = client
        running = Task { await client.run() }
        do {
            try await migrate()
        } catch {
            running.cancel()
            throw StoreError(store: name, reason: "cannot open the PostgreSQL store: \(Self.reason(error))")
        }
    }

    /// Stops the listeners and the connection pool. The pool's shutdown can wait on a connection
    /// that is still being made (seen under load, with no connection left on the server), so a
    /// closed store waits at most `closeWait` for it: nothing uses the store after `close()`.
    public func close() async {
        listeners.cancelAll()
        running.cancel()
        let pool = running, wait = Self.closeWait
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(done)
            Task { await pool.value; once.resume() }
            Task { try? await Task.sleep(for: wait); once.resume() }
        }
    }

    /// How long `close()` waits for the connection pool to shut down.
    static let closeWait = Duration.seconds(10)

    /// A connection string without its password, for messages.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown: return "the connection was lost"
            default: break
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            return reason(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        }
        if let error = error as? StoreError { return error.reason }
        return "\(error)"
    }

    static func bindings<Value: PostgresEncodable & Sendable>(_ values: [Value]) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { try bindings.append(value) }
        return bindings
    }

    /// PostgreSQL text cannot hold NUL, and no stored id or code has one: such a value matches nothing.
    static func storable(_ text: String) -> Bool { !text.utf8.contains(0) }

    /// Runs a statement; a server that fails names the store.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw StoreError(store: name, reason: Self.reason(error))
        }
    }
}
