import Foundation
import GRDB
import GeoJSON
import Participation
import Regions

/// The embedded store: one SQLite file (WAL), an R*Tree over the stored positions and one
/// over the public positions, so that public queries never touch a stored position.
public final class SQLiteStore: ProjectStore {
    /// The store's file, as given.
    public let path: String
    let database: DatabasePool
    /// Reader connections of their own for box and circle queries (`readNear`), one per core.
    let nearReaders: [NearReader]
    let places: any Places

    /// Opens (or makes) the file, creating its folder, and brings its schema up to date.
    public init(path: String, places: any Places) throws(StoreError) {
        self.path = path
        self.places = places
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            // A large import rewrites the same B-tree pages many times over: kept in the writer's
            // memory (up to 256 MB) they go to the WAL once, at commit, instead of at every spill.
            // Each reader keeps 16 MB: a reader's cache is its own heap, readers open with the
            // requests that come together (up to five), and one whole-table read would otherwise
            // leave a copy of the table resident in each for good.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA cache_size = \(db.configuration.readonly ? -16384 : -262144)")
            }
            // Another process writing the same file (the CLI while a server runs) is waited for.
            configuration.busyMode = .timeout(10)
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator(places: places, store: path).migrate(database)
            configuration.readonly = true
            nearReaders = try (0 ..< max(1, ProcessInfo.processInfo.activeProcessorCount)).map { _ in
                NearReader(try DatabaseQueue(path: path, configuration: configuration))
            }
        } catch {
            throw StoreError(store: path, reason: "cannot open the SQLite store: \(Self.reason(error))")
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        if let error = error as? StoreError { return error.reason }
        return "\(error)"
    }

    /// Closes the file's connections; the store is not used after.
    public func close() async {
        for reader in nearReaders { reader.free.withLock { try? reader.connection.close() } }
        try? database.close()
    }

    // MARK: Reads

    /// See `ProjectStore.get(ids:includeInternal:)`.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be read; `StoreError` for a stored
    /// record that cannot be decoded.
    public func get(ids: [String], includeInternal: Bool) async throws -> [Project] {
        let sql = "SELECT id, record, updated FROM project WHERE id = ?" + (includeInternal ? "" : " AND visibility = 'public'")
        let path = self.path
        return try await database.read { db in
            let statement = try db.cachedStatement(sql: sql)
            return try ids.flatMap { id in try Self.projects(Row.fetchCursor(statement, arguments: [id]), store: path) }
        }
    }

    /// See `ProjectStore.query(_:)`: the candidates the R*Trees and columns find, each handed to a
    /// `QueryScanner` as it is decoded, in the read.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be read; `StoreError` for a stored
    /// record that cannot be decoded; what `QueryScanner` throws.
    public func query(_ query: ProjectQuery) async throws -> ProjectQuery.Result {
        let (sql, arguments, path, places) = (candidateSQL(query), candidateArguments(query), self.path, self.places)
        let read = { @Sendable (db: Database) throws -> ProjectQuery.Result in
            // The index narrows; the query's own scan decides, exactly as over a file.
            var scanner = QueryScanner(query, places: places)
            try Self.forEachProject(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments), store: path) { try scanner.add($0) }
            return try scanner.result()
        }
        if let area = query.area, !StoredRecord.searchBoxes(area).isEmpty, let answer = try readNear(read) { return answer }
        return try await database.read(read)
    }

    /// A box or circle reads a few R*Tree nodes and rows, less than a millisecond, of which an
    /// asynchronous read's two thread switches were a large part: it is read here, on the calling
    /// thread, by a near reader that no other query holds. Near readers are only ever tried, never
    /// waited for: a thread every request shares once waited here for a pool reader held by reads
    /// that needed that same thread to finish, and a mix of queries stopped the service. A query
    /// that finds them all busy gets nil and reads on GRDB's queues.
    private func readNear<T>(_ body: (Database) throws -> T) throws -> T? {
        for reader in nearReaders where reader.free.try() {
            defer { reader.free.unlock() }
            return try reader.connection.read(body)
        }
        return nil
    }

    /// See `ProjectStore.facetCounts(_:includeInternal:)`: one GROUP BY over the facet columns.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be read.
    public func facetCounts(_ facets: Set<ProjectFacet>, includeInternal: Bool) async throws -> [FacetCount] {
        let key = FacetCountCache.key(facets, includeInternal: includeInternal)
        let sql = FacetCount.sql(facets, includeInternal: includeInternal, mapped: includeInternal ? "lon IS NOT NULL" : "public_lon IS NOT NULL")
        // The version and the counts are read in one snapshot, so counts kept are those of their version.
        let (version, kept, counts) = try await database.read { db -> (Int64, Bool, [FacetCount]) in
            let version = try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM change_version WHERE id = 1")) ?? 0
            let cached = try Row.fetchOne(db.cachedStatement(sql: "SELECT counts FROM facet_count_cache WHERE key = ? AND version = ?"),
                                          arguments: [key, version])
            if let counts = cached?.dataNoCopy(atIndex: 0).flatMap({ $0.withUnsafeBytes(FacetCountCache.decode) }) {
                return (version, true, counts)
            }
            let counts = try Row.fetchAll(db, sql: sql).map { row in
                FacetCount(country: row[0], region: row[1], subregion: row[2], intermediate: row[3], unplaced: row[4], mapped: row[5],
                           level: row[6], sector: row[7], groups: row[8], purposes: row[9], member: row[10], count: row[11])
            }
            return (version, false, counts)
        }
        if !kept { await keep(counts, key: key, version: version) }
        return counts
    }

    /// Keeps counts made at `version` for the next summary, unless a write has moved the version
    /// since. Keeping is a courtesy: a store another process is writing, or one that cannot be
    /// written, is left as it was at once, and the counts are answered all the same.
    private func keep(_ counts: [FacetCount], key: String, version: Int64) async {
        let bytes = Data(FacetCountCache.encode(counts))
        try? await database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = 10000") }
            try db.inTransaction(.immediate) {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO facet_count_cache (key, version, counts)
                    SELECT ?, ?, ? WHERE (SELECT version FROM change_version WHERE id = 1) = ?
                    """, arguments: [key, version, bytes, version])
                return .commit
            }
        }
    }

    /// See `ProjectStore.count(includeInternal:)`.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be read.
    public func count(includeInternal: Bool) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM project" + (includeInternal ? "" : " WHERE visibility = 'public'")) ?? 0
        }
    }

    /// See `ProjectStore.extent(includeInternal:)`: degrees, nil when no project of the view has a position.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be read.
    public func extent(includeInternal: Bool) async throws -> BoundingBox? {
        let (lon, lat) = includeInternal ? ("lon", "lat") : ("public_lon", "public_lat")
        return try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT min(\(lon)) AS w, min(\(lat)) AS s, max(\(lon)) AS e, max(\(lat)) AS n FROM project
                WHERE \(lon) IS NOT NULL \(includeInternal ? "" : "AND visibility = 'public'")
                """), let w: Double = row["w"], let s: Double = row["s"], let e: Double = row["e"], let n: Double = row["n"]
            else { return nil }
            return BoundingBox(west: w, south: s, east: e, north: n)
        }
    }

    /// Candidates from the R*Tree of the view's positions for box and circle areas (the exact
    /// test follows), from the derived columns for places, else every project of the view.
    private func candidateSQL(_ query: ProjectQuery) -> String {
        let tree = query.includeInternal ? "stored_position" : "public_position"
        // Unary + keeps the planner on the R*Tree or the area columns, never on an index by visibility.
        let visibility = query.includeInternal ? "" : " AND +p.visibility = 'public'"
        let boxes = query.area.map(StoredRecord.searchBoxes) ?? []
        if !boxes.isEmpty {
            let ranges = boxes.map { _ in "(t.min_lon <= ? AND t.max_lon >= ? AND t.min_lat <= ? AND t.max_lat >= ?)" }
            return "SELECT p.id, p.record, p.updated FROM \(tree) t JOIN project p ON p.rid = t.rid WHERE (\(ranges.joined(separator: " OR ")))\(visibility)"
        }
        switch query.area {
        case .country?: return "SELECT p.id, p.record, p.updated FROM project p WHERE p.country = ?\(visibility)"
        case .region?: return "SELECT p.id, p.record, p.updated FROM project p WHERE ? IN (p.region, p.subregion, p.intermediate)\(visibility)"
        default: return "SELECT p.id, p.record, p.updated FROM project p WHERE 1\(visibility)"
        }
    }

    private func candidateArguments(_ query: ProjectQuery) -> StatementArguments {
        let boxes = query.area.map(StoredRecord.searchBoxes) ?? []
        if !boxes.isEmpty {
            return StatementArguments(boxes.flatMap { [$0.east, $0.west, $0.north, $0.south] })
        }
        switch query.area {
        case .country(let code)?: return [code]
        case .region(let area)?: return [area.code]
        default: return []
        }
    }

    /// Projects from rows of id, compact record and updated (see `forEachProject`).
    static func projects(_ rows: RowCursor, store: String) throws -> [Project] {
        var projects: [Project] = []
        try forEachProject(rows, store: store) { projects.append($0) }
        return projects
    }

    /// Hands `body` the project of each row of id, compact record and updated, decoded in place:
    /// the record's bytes are read where SQLite holds them, never copied.
    /// - Throws: `StoreError` for a row without a record or with one partmap did not write;
    /// GRDB's error; what `body` throws.
    static func forEachProject(_ rows: RowCursor, store: String, _ body: (consuming Project) throws -> Void) throws {
        while let row = try rows.next() {
            let id: String = row[0], updated: String = row[2]
            guard let bytes = row.dataNoCopy(atIndex: 1) else {
                throw StoreError(store: store, reason: "project \(id) cannot be read back: it has no stored record")
            }
            try body(try bytes.withUnsafeBytes { buffer throws(StoreError) in
                try StoredRecord.project(id: id, record: buffer, updated: updated, store: store)
            })
        }
    }
}

/// A read-only connection and the lock that says whether a query holds it.
final class NearReader: Sendable {
    let connection: DatabaseQueue
    let free = NSLock()

    init(_ connection: DatabaseQueue) { self.connection = connection }
}
