import Foundation
import GRDB
import Participation

/// Writes: each one SQLite write transaction, which is exclusive, so a read made inside it holds
/// until the commit. Every committed write that changes something bumps the change version.
extension SQLiteStore {
    /// See `ProjectStore.upsert(date:dryRun:from:)`: one write transaction while the source
    /// reads on a thread of its own.
    /// - Throws: `StoreError` when SQLite fails (the transaction is rolled back), or what the source throws.
    public func upsert(date: String, dryRun: Bool, from source: @escaping BatchSource) async throws -> UpsertSummary {
        let places = self.places
        // The source reads on a thread of its own while this transaction writes, batch by batch:
        // an import is never all in memory.
        let write = { @Sendable (db: Database) throws -> UpsertSummary in
            var summary = UpsertSummary()
            var writes = ChangeLog.Writes()
            // Into a store with no project, the R*Trees are packed once the rows are in.
            let bulk = try !dryRun && Self.holdsNoProject(db)
            try BatchPipe.run(source) { batch in
                for record in try StoredRecord.make(batch, places: places) {
                    // A new id goes in at once; an id already written by this import is replaced.
                    if bulk, try Self.insert(record, updated: date, trees: false, db) {
                        summary.count(record, existing: nil)
                        writes.add(record.id)
                        continue
                    }
                    // Cached statements: a million rows are not a million statements to compile.
                    let existing = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT rid, feature FROM project WHERE id = ?"), arguments: [record.id])
                    summary.count(record, existing: existing?["feature"])
                    guard !dryRun else { continue }
                    writes.add(record.id)
                    if let rid: Int64 = existing?["rid"] { try Self.remove(rid: rid, db) }
                    try Self.insert(record, updated: date, trees: !bulk, db)
                }
            }
            if bulk { try Self.fillPositionTrees(db) }
            if !dryRun { try Self.bumpVersion(db, logging: writes.logged) }
            return summary
        }
        do {
            return dryRun ? try await database.read(write) : try await database.write(write)
        } catch let error as DatabaseError {
            throw StoreError(store: path, reason: "the import was rolled back: \(Self.reason(error))")
        }
    }

    /// See `ProjectStore.delete(ids:)`.
    /// - Throws: `StoreError` when SQLite fails (nothing is deleted).
    public func delete(ids: [String]) async throws -> [String] {
        try await writing { db in
            let deleted = try ids.compactMap { id -> String? in
                guard let rid = try Int64.fetchOne(db, sql: "SELECT rid FROM project WHERE id = ?", arguments: [id]) else { return nil }
                try Self.remove(rid: rid, db)
                return id
            }
            if !deleted.isEmpty { try Self.bumpVersion(db, logging: deleted) }
            return deleted
        }
    }

    /// See `ProjectStore.create(_:date:)`.
    /// - Throws: `WriteConflict.exists(id)`; `StoreError`.
    public func create(_ project: Project, date: String) async throws {
        let record = try StoredRecord(project: project, places: places)
        try await writing { db in
            do {
                try Self.insert(record, updated: date, db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                // Only the id is unique: the database's own constraint decides between creates.
                throw WriteConflict.exists(project.id)
            }
            try Self.bumpVersion(db, logging: [project.id])
        }
    }

    /// See `ProjectStore.replace(_:date:if:)`: SQLite's write lock keeps other writers out.
    /// - Throws: `WriteConflict.missing(id)`, `WriteConflict.preconditionFailed(id)`; `StoreError`.
    public func replace(_ project: Project, date: String, if precondition: @escaping @Sendable (Project) -> Bool) async throws {
        let record = try StoredRecord(project: project, places: places)
        try await writing { db in
            let rid = try self.check(project.id, precondition, db)
            try Self.remove(rid: rid, db)
            try Self.insert(record, updated: date, db)
            try Self.bumpVersion(db, logging: [project.id])
        }
    }

    /// See `ProjectStore.delete(id:if:)`.
    /// - Throws: `WriteConflict.missing(id)`, `WriteConflict.preconditionFailed(id)`; `StoreError`.
    public func delete(id: String, if precondition: @escaping @Sendable (Project) -> Bool) async throws {
        try await writing { db in
            try Self.remove(rid: try self.check(id, precondition, db), db)
            try Self.bumpVersion(db, logging: [id])
        }
    }

    /// See `ProjectStore.changeVersion()`.
    /// - Throws: `StoreError` when the file cannot be read.
    public func changeVersion() async throws -> Int64 {
        do {
            return try await database.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM change_version WHERE id = 1") ?? 0 }
        } catch let error as DatabaseError {
            throw StoreError(store: path, reason: Self.reason(error))
        }
    }

    /// The stored project's row id, once `precondition` has accepted it as `get(ids:)` reads it.
    private func check(_ id: String, _ precondition: (Project) -> Bool, _ db: Database) throws -> Int64 {
        guard let rid = try Int64.fetchOne(db, sql: "SELECT rid FROM project WHERE id = ?", arguments: [id]) else {
            throw WriteConflict.missing(id)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT id, record, updated FROM project WHERE rid = ?", arguments: [rid])
        guard let stored = try Self.projects(rows, store: path).first, precondition(stored) else { throw WriteConflict.preconditionFailed(id) }
        return rid
    }

    /// Runs a write transaction; a database failure names the store, a `WriteConflict` passes as it is.
    private func writing<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.write(body)
        } catch let error as DatabaseError {
            throw StoreError(store: path, reason: "the write was rolled back: \(Self.reason(error))")
        }
    }

    /// See `ProjectStore.changes(since:)`: the version and the log in one read transaction.
    /// - Throws: `StoreError` when the file cannot be read.
    public func changes(since version: Int64) async throws -> ChangeSet {
        do {
            return try await database.read { db in
                let current = try Int64.fetchOne(db, sql: "SELECT version FROM change_version WHERE id = 1") ?? 0
                let rows = try Row.fetchAll(
                    db, sql: "SELECT version, id FROM change_log WHERE version > ? AND version <= ?", arguments: [version, current])
                return ChangeLog.changeSet(since: version, current: current, rows: rows.map { ($0[0], $0[1]) })
            }
        } catch let error as DatabaseError {
            throw StoreError(store: path, reason: Self.reason(error))
        }
    }

    /// Bumps the change version and logs the ids written under it (`ChangeLog`; empty: a NULL id),
    /// dropping the rows the log no longer keeps.
    private static func bumpVersion(_ db: Database, logging ids: [String]) throws {
        try db.cachedStatement(sql: "UPDATE change_version SET version = version + 1 WHERE id = 1").execute()
        let version = try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM change_version WHERE id = 1")) ?? 0
        let log = try db.cachedStatement(sql: "INSERT INTO change_log (version, id) VALUES (?, ?)")
        for id in ids.isEmpty || ids.count > ChangeLog.maxIDs ? [nil] : ids as [String?] { try log.execute(arguments: [version, id]) }
        try db.cachedStatement(sql: "DELETE FROM change_log WHERE version <= ?").execute(arguments: [version - ChangeLog.keptVersions])
    }

    private static func remove(rid: Int64, _ db: Database) throws {
        for table in ["project", "stored_position", "public_position"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE rid = ?").execute(arguments: [rid])
        }
    }

    /// A project's row, the statement's text made once: a million rows are not a million texts.
    private static let insertSQL: String = {
        let columns = ["id", "feature", "record", "updated", "visibility", "country", "region", "subregion", "intermediate",
                       "lon", "lat", "public_lon", "public_lat"] + FacetCount.columns
        return "INSERT INTO project (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }()

    /// `insertSQL` for a row whose id may be stored already, which is then left as it is.
    private static let insertNewSQL = insertSQL + " ON CONFLICT (id) DO NOTHING"

    /// Inserts the record's row and, with `trees`, its R*Tree entries. Whether it was inserted:
    /// without `trees`, a row whose id is already stored is left as it is (false); with them,
    /// the id's unique constraint throws.
    @discardableResult
    private static func insert(_ record: StoredRecord, updated: String, trees: Bool = true, _ db: Database) throws -> Bool {
        let derived = record.derived
        try db.cachedStatement(sql: trees ? insertSQL : insertNewSQL).execute(
            arguments: StatementArguments([record.id, record.feature, Data(record.compact), updated, record.visibility, derived?.country, derived?.region?.code,
                        derived?.subregion?.code, derived?.intermediateRegion?.code, record.position?.longitude,
                        record.position?.latitude, record.publicPosition?.longitude, record.publicPosition?.latitude] as [(any DatabaseValueConvertible)?])
                + StatementArguments(record.facetColumns))
        guard trees else { return db.changesCount == 1 }
        let rid = db.lastInsertedRowID
        for (table, point) in [("stored_position", record.position), ("public_position", record.publicPosition)] {
            guard let point else { continue }
            try db.cachedStatement(sql: "INSERT INTO \(table) (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [rid, point.longitude, point.longitude, point.latitude, point.latitude])
        }
        return true
    }
}
