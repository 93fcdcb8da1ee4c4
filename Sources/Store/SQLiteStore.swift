import Foundation
import GRDB
import GeoJSON
import Participation
import Regions

/// The embedded store: one SQLite file (WAL), an R*Tree over the stored positions and one
/// over the public positions, so that public queries never touch a stored position.
public final class SQLiteStore: ProjectStore {
    public let path: String
    private let database: DatabasePool
    private let places: any Places

    /// Opens (or makes) the file, creating its folder, and brings its schema up to date.
    public init(path: String, places: any Places) throws(StoreError) {
        self.path = path
        self.places = places
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            // A large import rewrites the same B-tree pages many times over: kept in memory
            // (up to 256 MB) they go to the WAL once, at commit, instead of at every spill.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -262144") }
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw StoreError(store: path, reason: "cannot open the SQLite store: \(Self.reason(error))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        if let error = error as? StoreError { return error.reason }
        return "\(error)"
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE project (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    feature TEXT NOT NULL,
                    updated TEXT NOT NULL,
                    visibility TEXT NOT NULL,
                    country TEXT, region TEXT, subregion TEXT, intermediate TEXT,
                    lon REAL, lat REAL, public_lon REAL, public_lat REAL);
                CREATE VIRTUAL TABLE stored_position USING rtree(rid, min_lon, max_lon, min_lat, max_lat);
                CREATE VIRTUAL TABLE public_position USING rtree(rid, min_lon, max_lon, min_lat, max_lat);
                """)
        }
        // What summaries count by, as columns, filled from the stored features of older stores.
        migrator.registerMigration("v2") { db in
            for column in FacetCount.columns { try db.execute(sql: "ALTER TABLE project ADD COLUMN \(column) TEXT") }
            func list(_ name: String) -> String {
                "(SELECT group_concat(value, ';') FROM (SELECT DISTINCT value FROM json_each(feature, '$.properties.\(name)')))"
            }
            try db.execute(sql: """
                UPDATE project SET precision = json_extract(feature, '$.properties.locationPrecision'),
                    main_country = json_extract(feature, '$.properties.countries[0]'),
                    level = json_extract(feature, '$.properties.participationLevel'),
                    sector = json_extract(feature, '$.properties.sector'),
                    groups = \(list("participantGroups")), purposes = \(list("purposes")),
                    initiative = json_extract(feature, '$.properties.initiative')
                """)
            // Narrow enough that a summary reads it instead of the rows and their features. It
            // does not lead with visibility, or box queries would walk it instead of the R*Tree.
            try db.execute(sql: """
                CREATE INDEX project_facets ON project (precision, main_country, country, region, subregion, intermediate,
                    level, sector, groups, purposes, visibility, public_lon, lon)
                """)
        }
        return migrator
    }

    public func close() async {
        try? database.close()
    }

    // MARK: Writes

    public func upsert(date: String, dryRun: Bool, from source: @escaping BatchSource) async throws -> UpsertSummary {
        let places = self.places
        // The source reads on a thread of its own while this transaction writes, batch by batch:
        // an import is never all in memory.
        let write = { @Sendable (db: Database) throws -> UpsertSummary in
            var summary = UpsertSummary()
            try BatchPipe.run(source) { batch in
                for record in batch.map({ StoredRecord(project: $0, places: places) }) {
                    // Cached statements: a million rows are not a million statements to compile.
                    let existing = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT rid, feature FROM project WHERE id = ?"), arguments: [record.id])
                    summary.count(record, existing: existing?["feature"])
                    guard !dryRun else { continue }
                    if let rid: Int64 = existing?["rid"] { try Self.remove(rid: rid, db) }
                    try Self.insert(record, updated: date, db)
                }
            }
            return summary
        }
        do {
            return dryRun ? try await database.read(write) : try await database.write(write)
        } catch let error as DatabaseError {
            throw StoreError(store: path, reason: "the import was rolled back: \(Self.reason(error))")
        }
    }

    public func delete(ids: [String]) async throws -> [String] {
        try await database.write { db in
            try ids.compactMap { id in
                guard let rid = try Int64.fetchOne(db, sql: "SELECT rid FROM project WHERE id = ?", arguments: [id]) else { return nil }
                try Self.remove(rid: rid, db)
                return id
            }
        }
    }

    private static func remove(rid: Int64, _ db: Database) throws {
        for table in ["project", "stored_position", "public_position"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE rid = ?").execute(arguments: [rid])
        }
    }

    private static func insert(_ record: StoredRecord, updated: String, _ db: Database) throws {
        let derived = record.derived
        try db.cachedStatement(
            sql: """
                INSERT INTO project (id, feature, updated, visibility, country, region, subregion, intermediate,
                                     lon, lat, public_lon, public_lat, \(FacetCount.columns.joined(separator: ", ")))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: StatementArguments([record.id, record.feature, updated, record.visibility, derived?.country, derived?.region?.code,
                        derived?.subregion?.code, derived?.intermediateRegion?.code, record.position?.longitude,
                        record.position?.latitude, record.publicPosition?.longitude, record.publicPosition?.latitude] as [(any DatabaseValueConvertible)?])
                + StatementArguments(record.facetColumns))
        let rid = db.lastInsertedRowID
        for (table, point) in [("stored_position", record.position), ("public_position", record.publicPosition)] {
            guard let point else { continue }
            try db.cachedStatement(sql: "INSERT INTO \(table) (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [rid, point.longitude, point.longitude, point.latitude, point.latitude])
        }
    }

    // MARK: Reads

    public func get(ids: [String]) async throws -> [Project] {
        let rows = try await database.read { db in
            try ids.compactMap { try Row.fetchOne(db, sql: "SELECT id, feature, updated FROM project WHERE id = ?", arguments: [$0]) }
        }
        return try rows.map(decode)
    }

    public func query(_ query: ProjectQuery) async throws -> ProjectQuery.Result {
        let (sql, arguments) = (candidateSQL(query), candidateArguments(query))
        let rows = try await database.read { db in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments) }
        // The index narrows; the query's own scan decides, exactly as over a file.
        return try query.scan(try rows.map(decode), places: places)
    }

    public func facetCounts(_ facets: Set<ProjectFacet>, includeInternal: Bool) async throws -> [FacetCount] {
        let sql = FacetCount.sql(facets, includeInternal: includeInternal, mapped: includeInternal ? "lon IS NOT NULL" : "public_lon IS NOT NULL")
        return try await database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                FacetCount(country: row[0], region: row[1], subregion: row[2], intermediate: row[3], unplaced: row[4], atCountry: row[5],
                           mainCountry: row[6], mapped: row[7], level: row[8], sector: row[9], groups: row[10], purposes: row[11],
                           member: row[12], count: row[13])
            }
        }
    }

    public func count(includeInternal: Bool) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM project" + (includeInternal ? "" : " WHERE visibility = 'public'")) ?? 0
        }
    }

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
            return "SELECT p.id, p.feature, p.updated FROM \(tree) t JOIN project p ON p.rid = t.rid WHERE (\(ranges.joined(separator: " OR ")))\(visibility)"
        }
        switch query.area {
        case .country?: return "SELECT p.id, p.feature, p.updated FROM project p WHERE p.country = ?\(visibility)"
        case .region?: return "SELECT p.id, p.feature, p.updated FROM project p WHERE ? IN (p.region, p.subregion, p.intermediate)\(visibility)"
        default: return "SELECT p.id, p.feature, p.updated FROM project p WHERE 1\(visibility)"
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

    private func decode(_ row: Row) throws(StoreError) -> Project {
        // Columns by position: id, feature, updated.
        try StoredRecord.project(id: row[0], feature: row[1], updated: row[2], store: path)
    }
}
