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
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let places: any Places
    private let connectionConfiguration: PostgresConnection.Configuration
    private let logger: Logger = {
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

    public func close() async {
        running.cancel()
        await running.value
    }

    /// What a postgres:// URL says.
    struct Settings {
        enum TLSMode: String { case disable, prefer, require }
        var host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode

        init(url: String, name: String) throws(StoreError) {
            guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
                  let user = components.user, !user.isEmpty
            else {
                throw StoreError(store: name, reason: "expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]")
            }
            let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
            guard let tls = TLSMode(rawValue: mode) else {
                throw StoreError(store: name, reason: "expected sslmode disable, prefer or require, found \"\(mode)\"")
            }
            let database = String(components.path.drop { $0 == "/" })
            (host, port, self.user, password) = (components.host ?? "localhost", components.port ?? 5432, user, components.password)
            self.database = database.isEmpty ? user : database
            self.tls = tls
        }

        func client(timeout: Duration) -> PostgresClient.Configuration {
            let tls: PostgresClient.Configuration.TLS = switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
            configuration.options.connectTimeout = timeout
            return configuration
        }

        func connection(timeout: Duration) throws -> PostgresConnection.Configuration {
            let tls: PostgresConnection.Configuration.TLS = switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(try .init(configuration: .makeClientConfiguration()))
            case .require: .require(try .init(configuration: .makeClientConfiguration()))
            }
            var configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
            configuration.options.connectTimeout = TimeAmount(timeout)
            return configuration
        }
    }

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

    // MARK: Schema

    /// Each migration once, in order, under a lock so that two processes never race.
    static let migrations: [(String, [String])] = [
        ("v1", [
            """
            CREATE TABLE project (
                id text PRIMARY KEY,
                feature text NOT NULL,
                updated text NOT NULL,
                visibility text NOT NULL,
                country text, region text, subregion text, intermediate text,
                position geometry(Point, 4326),
                public_position geometry(Point, 4326))
            """,
            "CREATE INDEX project_position ON project USING gist (position)",
            "CREATE INDEX project_public_position ON project USING gist (public_position)",
            "CREATE INDEX project_country ON project (country)",
        ]),
        // What summaries count by, as columns, filled from the stored features of older stores.
        ("v2", [
            "ALTER TABLE project " + FacetCount.columns.map { "ADD COLUMN \($0) text" }.joined(separator: ", "),
            """
            UPDATE project SET precision = feature::jsonb #>> '{properties,locationPrecision}',
                main_country = feature::jsonb #>> '{properties,countries,0}',
                level = feature::jsonb #>> '{properties,participationLevel}',
                sector = feature::jsonb #>> '{properties,sector}',
                groups = (SELECT string_agg(DISTINCT g, ';') FROM jsonb_array_elements_text(feature::jsonb #> '{properties,participantGroups}') g),
                purposes = (SELECT string_agg(DISTINCT p, ';') FROM jsonb_array_elements_text(feature::jsonb #> '{properties,purposes}') p),
                initiative = feature::jsonb #>> '{properties,initiative}'
            """,
        ]),
    ]

    private func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            let postgis = try await connection.query("SELECT to_regtype('geometry') IS NOT NULL", logger: logger)
                .collect().first?.decode(Bool.self) ?? false
            guard postgis else {
                throw StoreError(store: name, reason: "PostGIS is not installed in this database (CREATE EXTENSION postgis)")
            }
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('partmap migrations'))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS partmap_migration (version text PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied = Set<String>()
            for try await version in try await connection.query("SELECT version FROM partmap_migration", logger: logger).decode(String.self) {
                applied.insert(version)
            }
            for (version, statements) in Self.migrations where !applied.contains(version) {
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO partmap_migration (version) VALUES (\(version))", logger: logger)
            }
        }
    }

    // MARK: Writes

    public func upsert(date: String, dryRun: Bool, from source: @escaping BatchSource) async throws -> UpsertSummary {
        let places = self.places
        // A connection of its own, outside the pool, with the transaction run by hand: a lost
        // connection fails the import at once (the server has rolled it back), where the pool
        // and `withTransaction` would wait on it.
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 1, logger: logger)
        } catch {
            throw StoreError(store: name, reason: "cannot reach the PostgreSQL store: \(Self.reason(error))")
        }
        defer { Task { try? await connection.close() } }
        do {
            try await send("BEGIN", on: connection)
            // Each batch is copied into a staging table (COPY is the fastest way in), then counted
            // and upserted by two set-wise statements, while the source reads the next one.
            try await send(PostgresQuery(unsafeSQL: """
                CREATE TEMP TABLE partmap_import (id text, feature text, visibility text, country text, region text,
                    subregion text, intermediate text, lon float8, lat float8, public_lon float8, public_lat float8,
                    \(FacetCount.columns.map { "\($0) text" }.joined(separator: ", ")))
                ON COMMIT DROP
                """), on: connection)
            var summary = UpsertSummary()
            try await BatchPipe.run(source) { batch in
                let text = batch.map { Self.copyLine(StoredRecord(project: $0, places: places)) }.joined()
                guard !connection.isClosed else { throw ConnectionLost() }
                try await connection.copyFrom(table: "partmap_import", logger: self.logger) { writer in
                    try await writer.write(ByteBuffer(string: text))
                }
                // Statistics first, or the planner may scan the whole project table for the join.
                try await self.send("ANALYZE partmap_import", on: connection)
                let counts = try await self.send("""
                    SELECT count(*) FILTER (WHERE p.id IS NULL), count(*) FILTER (WHERE p.feature = s.feature), count(*)
                    FROM partmap_import s LEFT JOIN project p USING (id)
                    """, on: connection)
                for try await (added, unchanged, all) in counts.decode((Int, Int, Int).self) {
                    summary.added += added
                    summary.unchanged += unchanged
                    summary.changed += all - added - unchanged
                }
                if !dryRun {
                    try await self.send("""
                        INSERT INTO project (id, feature, updated, visibility, country, region, subregion, intermediate,
                                             position, public_position, \(unescaped: Self.facetList))
                        SELECT id, feature, \(date), visibility, country, region, subregion, intermediate,
                               ST_SetSRID(ST_MakePoint(lon, lat), 4326), ST_SetSRID(ST_MakePoint(public_lon, public_lat), 4326),
                               \(unescaped: Self.facetList)
                        FROM partmap_import
                        ON CONFLICT (id) DO UPDATE SET
                            feature = EXCLUDED.feature, updated = EXCLUDED.updated, visibility = EXCLUDED.visibility,
                            country = EXCLUDED.country, region = EXCLUDED.region, subregion = EXCLUDED.subregion,
                            intermediate = EXCLUDED.intermediate, position = EXCLUDED.position,
                            public_position = EXCLUDED.public_position, \(unescaped: Self.facetUpdates)
                        """, on: connection)
                }
                try await self.send("TRUNCATE partmap_import", on: connection)
            }
            // A dry run leaves nothing behind.
            try await send(dryRun ? "ROLLBACK" : "COMMIT", on: connection)
            return summary
        } catch {
            if !connection.isClosed { try? await connection.query("ROLLBACK", logger: logger) }
            if error is PSQLError || error is ConnectionLost {
                throw StoreError(store: name, reason: "the import was rolled back: \(Self.reason(error))")
            }
            throw error
        }
    }

    private struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "the connection was lost" }
    }

    /// Runs a statement on a connection that must still be open: postgres-nio never answers one
    /// sent on a closed connection.
    @discardableResult
    private func send(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> PostgresRowSequence {
        guard !connection.isClosed else { throw ConnectionLost() }
        return try await connection.query(query, logger: logger)
    }

    /// A record as a line of COPY's text format: tab-separated, \N for null, backslash escapes.
    static func copyLine(_ record: StoredRecord) -> String {
        func text(_ value: String?) -> String {
            guard let value else { return "\\N" }
            // Most values need no escape: one pass over the bytes says so.
            guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return value }
            var escaped = ""
            escaped.reserveCapacity(value.utf8.count)
            for character in value.unicodeScalars {
                switch character {
                case "\\": escaped += "\\\\"
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                default: escaped.unicodeScalars.append(character)
                }
            }
            return escaped
        }
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "\\N" }
        let derived = record.derived
        return ([text(record.id), text(record.feature), text(record.visibility), text(derived?.country),
                text(derived?.region?.code), text(derived?.subregion?.code), text(derived?.intermediateRegion?.code),
                number(record.position?.longitude), number(record.position?.latitude),
                number(record.publicPosition?.longitude), number(record.publicPosition?.latitude)]
            + record.facetColumns.map(text)).joined(separator: "\t") + "\n"
    }

    static let facetList = FacetCount.columns.joined(separator: ", ")
    static let facetUpdates = FacetCount.columns.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")

    public func delete(ids: [String]) async throws -> [String] {
        var deleted = Set<String>()
        try await run {
            let rows = try await client.query("DELETE FROM project WHERE id = ANY(\(ids.filter(Self.storable))) RETURNING id", logger: logger)
            for try await id in rows.decode(String.self) { deleted.insert(id) }
        }
        return ids.filter { deleted.contains($0) }
    }

    // MARK: Reads

    public func get(ids: [String]) async throws -> [Project] {
        let projects = try await projects(PostgresQuery(
            unsafeSQL: "SELECT id, feature, updated FROM project WHERE id = ANY($1)", binds: try Self.bindings([ids.filter(Self.storable)])))
        let byID = Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    public func query(_ query: ProjectQuery) async throws -> ProjectQuery.Result {
        try query.scan(try await projects(try candidates(query)), places: places)
    }

    public func facetCounts(_ facets: Set<ProjectFacet>, includeInternal: Bool) async throws -> [FacetCount] {
        let sql = FacetCount.sql(facets, includeInternal: includeInternal, mapped: includeInternal ? "position IS NOT NULL" : "public_position IS NOT NULL")
        return try await run {
            var counts: [FacetCount] = []
            let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            typealias Columns = (String?, String?, String?, String?, Bool, Bool, String?, Bool, String?, String?, String?, String?, String?, Int)
            for try await c in rows.decode(Columns.self) {
                counts.append(FacetCount(country: c.0, region: c.1, subregion: c.2, intermediate: c.3, unplaced: c.4, atCountry: c.5,
                                         mainCountry: c.6, mapped: c.7, level: c.8, sector: c.9, groups: c.10, purposes: c.11,
                                         member: c.12, count: c.13))
            }
            return counts
        }
    }

    public func count(includeInternal: Bool) async throws -> Int {
        try await run {
            let sql = "SELECT count(*) FROM project" + (includeInternal ? "" : " WHERE visibility = 'public'")
            return try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect().first?.decode(Int.self) ?? 0
        }
    }

    public func extent(includeInternal: Bool) async throws -> BoundingBox? {
        let column = includeInternal ? "position" : "public_position"
        let sql = """
            SELECT min(ST_X(\(column))), min(ST_Y(\(column))), max(ST_X(\(column))), max(ST_Y(\(column))) FROM project
            WHERE \(column) IS NOT NULL\(includeInternal ? "" : " AND visibility = 'public'")
            """
        return try await run {
            let row = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect().first
            guard let (w, s, e, n) = try row?.decode((Double?, Double?, Double?, Double?).self),
                  let w, let s, let e, let n
            else { return nil }
            return BoundingBox(west: w, south: s, east: e, north: n)
        }
    }

    /// Candidates from the GiST index of the view's positions for box and circle areas (the exact
    /// test follows), from the derived columns for places, else every project of the view.
    private func candidates(_ query: ProjectQuery) throws -> PostgresQuery {
        let column = query.includeInternal ? "position" : "public_position"
        let visibility = query.includeInternal ? "" : " AND visibility = 'public'"
        let select = "SELECT id, feature, updated FROM project WHERE "
        let boxes = query.area.map(StoredRecord.searchBoxes) ?? []
        if !boxes.isEmpty {
            let tests = boxes.indices.map { i in
                "\(column) && ST_MakeEnvelope($\(4 * i + 1), $\(4 * i + 2), $\(4 * i + 3), $\(4 * i + 4), 4326)"
            }
            let values = boxes.flatMap { [$0.west, $0.south, $0.east, $0.north] }
            return PostgresQuery(unsafeSQL: select + "(" + tests.joined(separator: " OR ") + ")" + visibility, binds: try Self.bindings(values))
        }
        switch query.area {
        case .country(let code)? where Self.storable(code):
            return PostgresQuery(unsafeSQL: select + "country = $1" + visibility, binds: try Self.bindings([code]))
        case .region(let area)? where Self.storable(area.code):
            return PostgresQuery(unsafeSQL: select + "$1 IN (region, subregion, intermediate)" + visibility, binds: try Self.bindings([area.code]))
        case .country?, .region?:
            return PostgresQuery(unsafeSQL: select + "false")
        default:
            return PostgresQuery(unsafeSQL: select + "true" + visibility)
        }
    }

    private static func bindings<Value: PostgresEncodable & Sendable>(_ values: [Value]) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { try bindings.append(value) }
        return bindings
    }

    /// PostgreSQL text cannot hold NUL, and no stored id or code has one: such a value matches nothing.
    private static func storable(_ text: String) -> Bool { !text.utf8.contains(0) }

    private func projects(_ query: PostgresQuery) async throws -> [Project] {
        let rows: [(String, String, String)] = try await run {
            var rows: [(String, String, String)] = []
            for try await row in try await client.query(query, logger: logger).decode((String, String, String).self) {
                rows.append(row)
            }
            return rows
        }
        return try rows.map { row throws(StoreError) in
            try StoredRecord.project(id: row.0, feature: row.1, updated: row.2, store: name)
        }
    }

    /// Runs a statement; a server that fails names the store.
    private func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw StoreError(store: name, reason: Self.reason(error))
        }
    }
}
