import NIOCore
import PostgresNIO
import Participation
import Store

/// Writes other than imports: each in one transaction that ends by bumping the change version,
/// so that the version row is always the last lock a write takes (writes never deadlock on it).
extension PostGISStore {
    /// See `ProjectStore.delete(ids:)`.
    /// - Throws: `StoreError` when the database fails (nothing is deleted).
    public func delete(ids: [String]) async throws -> [String] {
        let deleted = try await transaction { connection in
            var deleted = Set<String>()
            let rows = try await connection.query(
                "DELETE FROM project WHERE id = ANY(\(ids.filter(Self.storable))) RETURNING id", logger: self.logger)
            for try await id in rows.decode(String.self) { deleted.insert(id) }
            if !deleted.isEmpty { try await self.bumpVersion(on: connection, logging: ids.filter(deleted.contains)) }
            return deleted
        }
        return ids.filter { deleted.contains($0) }
    }

    /// See `ProjectStore.create(_:date:)`.
    /// - Throws: `WriteConflict.exists(id)`; `StoreError`.
    public func create(_ project: Project, date: String) async throws {
        let insert = Self.insert(try StoredRecord(project: project, places: places), updated: date, replacing: false)
        try await transaction { connection in
            do {
                try await connection.query(insert, logger: self.logger)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                // unique_violation: the primary key decides between concurrent creates.
                throw WriteConflict.exists(project.id)
            }
            try await self.bumpVersion(on: connection, logging: [project.id])
        }
    }

    /// See `ProjectStore.replace(_:date:if:)`: the stored row is read `FOR UPDATE`.
    /// - Throws: `WriteConflict.missing(id)`, `WriteConflict.preconditionFailed(id)`; `StoreError`.
    public func replace(_ project: Project, date: String, if precondition: @escaping @Sendable (Project) -> Bool) async throws {
        let upsert = Self.insert(try StoredRecord(project: project, places: places), updated: date, replacing: true)
        try await transaction { connection in
            try await self.check(project.id, precondition, on: connection)
            try await connection.query(upsert, logger: self.logger)
            try await self.bumpVersion(on: connection, logging: [project.id])
        }
    }

    /// See `ProjectStore.delete(id:if:)`.
    /// - Throws: `WriteConflict.missing(id)`, `WriteConflict.preconditionFailed(id)`; `StoreError`.
    public func delete(id: String, if precondition: @escaping @Sendable (Project) -> Bool) async throws {
        try await transaction { connection in
            try await self.check(id, precondition, on: connection)
            try await connection.query("DELETE FROM project WHERE id = \(id)", logger: self.logger)
            try await self.bumpVersion(on: connection, logging: [id])
        }
    }

    /// See `ProjectStore.changeVersion()`.
    /// - Throws: `StoreError` when the database cannot be read.
    public func changeVersion() async throws -> Int64 {
        try await run { try await Self.version(on: client, logger: logger) }
    }

    /// See `ProjectStore.changes(since:)`: the version and the log rows in one statement.
    /// - Throws: `StoreError` when the database cannot be read.
    public func changes(since version: Int64) async throws -> ChangeSet {
        // One statement, so one snapshot: the version and the log rows that lead to it.
        let rows = try await run {
            try await client.query("""
                SELECT c.version, l.version, l.id FROM partmap_change c
                LEFT JOIN partmap_change_log l ON l.version > \(version) AND l.version <= c.version WHERE c.id = 1
                """, logger: logger).collect()
        }
        var current: Int64 = 0, logged: [(version: Int64, id: String?)] = []
        for row in rows {
            let (now, at, id) = try row.decode((Int64, Int64?, String?).self)
            current = now
            if let at { logged.append((at, id)) }
        }
        return ChangeLog.changeSet(since: version, current: current, rows: logged)
    }

    /// The version as the one row of `partmap_change` holds it.
    static func version(on client: PostgresClient, logger: Logger) async throws -> Int64 {
        try await client.query("SELECT version FROM partmap_change WHERE id = 1", logger: logger).collect().first?.decode(Int64.self) ?? 0
    }

    /// Reads the stored project locked (`FOR UPDATE`: a concurrent writer waits for this
    /// transaction, then reads what it committed) and lets `precondition` judge it.
    private func check(_ id: String, _ precondition: (Project) -> Bool, on connection: PostgresConnection) async throws {
        guard Self.storable(id),
              let row = try await connection.query("SELECT record, updated FROM project WHERE id = \(id) FOR UPDATE", logger: logger)
                .collect().first
        else { throw WriteConflict.missing(id) }
        let (record, updated) = try row.decode((ByteBuffer?, String).self)
        guard precondition(try Self.project(id: id, record: record, updated: updated, store: name)) else {
            throw WriteConflict.preconditionFailed(id)
        }
    }

    /// Bumps the change version, logs the ids written under it (`ChangeLog`), and tells every
    /// listener (`changeNotifications()`) at the commit; NOTIFY is delivered only if the transaction commits.
    func bumpVersion(on connection: PostgresConnection, logging ids: [String]) async throws {
        try await connection.query(Self.bump(logging: ids), logger: logger)
    }

    /// The bump, the log's rows (one NULL id for an empty or too long list) and the pruning of
    /// the rows the log no longer keeps, in one statement.
    static func bump(logging ids: [String]) -> PostgresQuery {
        let logged = ids.count > ChangeLog.maxIDs ? [] : ids
        return """
            WITH bumped AS (UPDATE partmap_change SET version = version + 1 WHERE id = 1 RETURNING version),
            logged AS (INSERT INTO partmap_change_log (version, id)
                SELECT b.version, u.id FROM bumped b,
                    unnest(CASE WHEN cardinality(\(logged)::text[]) = 0 THEN ARRAY[NULL::text] ELSE \(logged)::text[] END) AS u(id)),
            pruned AS (DELETE FROM partmap_change_log WHERE version <= (SELECT version FROM bumped) - \(ChangeLog.keptVersions))
            SELECT pg_notify(\(changeChannel), version::text) FROM bumped
            """
    }

    /// The channel writes NOTIFY with the new version as payload.
    static let changeChannel = "partmap_change"

    /// One record's INSERT, or with `replacing` an upsert over the row of the same id.
    private static func insert(_ record: StoredRecord, updated: String, replacing: Bool) -> PostgresQuery {
        let derived = record.derived
        var bindings = PostgresBindings()
        for text in [record.id, record.feature, updated, record.visibility, derived?.country, derived?.region?.code,
                     derived?.subregion?.code, derived?.intermediateRegion?.code] {
            bindings.append(text)
        }
        for number in [record.position?.longitude, record.position?.latitude, record.publicPosition?.longitude, record.publicPosition?.latitude] {
            bindings.append(number)
        }
        bindings.append(ByteBuffer(bytes: record.compact))
        for text in record.facetColumns { bindings.append(text) }
        let facets = FacetCount.columns.indices.map { "$\($0 + 14)" }.joined(separator: ", ")
        let sql = """
            INSERT INTO project (id, feature, updated, visibility, country, region, subregion, intermediate, position, public_position, record, \(facetList))
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ST_SetSRID(ST_MakePoint($9, $10), 4326), ST_SetSRID(ST_MakePoint($11, $12), 4326), $13, \(facets))
            """ + (replacing ? " ON CONFLICT (id) DO UPDATE SET \(updates)" : "")
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// Runs `body` in a transaction on a pooled connection; a failure names the store, a
    /// `WriteConflict` passes as it is.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let conflict = error.closureError as? WriteConflict { throw conflict }
            throw StoreError(store: name, reason: Self.reason(error))
        } catch let error as PSQLError {
            throw StoreError(store: name, reason: Self.reason(error))
        }
    }
}
