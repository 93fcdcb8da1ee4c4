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
            database = try DatabasePool(path: path)
            try Self.migrator.migrate(database)
        } catch {
            throw StoreError(store: path, reason: "cannot open the SQLite store: \(Self.reason(error))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return error.localizedDescription
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
        return migrator
    }

    // MARK: Writes

    public func upsert(_ projects: [Project], date: String, dryRun: Bool) throws -> UpsertSummary {
        let rows = projects.map { StoredRow(project: $0, places: places) }
        var summary = UpsertSummary()
        let write = { (db: Database) throws in
            for row in rows {
                // Cached statements: a million rows are not a million statements to compile.
                let existing = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT rid, feature FROM project WHERE id = ?"), arguments: [row.id])
                switch existing {
                case nil: summary.added += 1
                case let existing? where (existing["feature"] as String) == row.feature: summary.unchanged += 1
                default: summary.changed += 1
                }
                guard !dryRun else { continue }
                if let rid: Int64 = existing?["rid"] { try Self.remove(rid: rid, db) }
                try row.insert(updated: date, db)
            }
        }
        do {
            if dryRun { try database.read { try write($0) } } else { try database.write { try write($0) } }
        } catch {
            throw StoreError(store: path, reason: "the import was rolled back: \(Self.reason(error))")
        }
        return summary
    }

    public func delete(ids: [String]) throws -> [String] {
        try database.write { db in
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

    // MARK: Reads

    public func get(ids: [String]) throws -> [Project] {
        let rows = try database.read { db in
            try ids.compactMap { try Row.fetchOne(db, sql: "SELECT * FROM project WHERE id = ?", arguments: [$0]) }
        }
        return try rows.map(decode)
    }

    public func query(_ query: ProjectQuery) throws -> ProjectQuery.Result {
        let rows = try database.read { db in try Row.fetchAll(db, sql: candidateSQL(query), arguments: candidateArguments(query)) }
        // The index narrows; the query's own scan decides, exactly as over a file.
        return try query.scan(try rows.map(decode), places: places)
    }

    public func count(includeInternal: Bool) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM project" + (includeInternal ? "" : " WHERE visibility = 'public'")) ?? 0
        }
    }

    public func extent(includeInternal: Bool) throws -> BoundingBox? {
        let (lon, lat) = includeInternal ? ("lon", "lat") : ("public_lon", "public_lat")
        return try database.read { db in
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
        let visibility = query.includeInternal ? "" : " AND p.visibility = 'public'"
        let boxes = query.area.map(Self.searchBoxes) ?? []
        if !boxes.isEmpty {
            let ranges = boxes.map { _ in "(t.min_lon <= ? AND t.max_lon >= ? AND t.min_lat <= ? AND t.max_lat >= ?)" }
            return "SELECT p.* FROM \(tree) t JOIN project p ON p.rid = t.rid WHERE (\(ranges.joined(separator: " OR ")))\(visibility)"
        }
        switch query.area {
        case .country?: return "SELECT p.* FROM project p WHERE p.country = ?\(visibility)"
        case .region?: return "SELECT p.* FROM project p WHERE ? IN (p.region, p.subregion, p.intermediate)\(visibility)"
        default: return "SELECT p.* FROM project p WHERE 1\(visibility)"
        }
    }

    private func candidateArguments(_ query: ProjectQuery) -> StatementArguments {
        let boxes = query.area.map(Self.searchBoxes) ?? []
        if !boxes.isEmpty {
            return StatementArguments(boxes.flatMap { [$0.east, $0.west, $0.north, $0.south] })
        }
        switch query.area {
        case .country(let code)?: return [code]
        case .region(let area)?: return [area.code]
        default: return []
        }
    }

    /// Boxes that hold every point of the area (two where it crosses the antimeridian).
    static func searchBoxes(_ area: Area) -> [BoundingBox] {
        switch area {
        case .bbox(let box):
            return box.crossesAntimeridian
                ? [BoundingBox(west: box.west, south: box.south, east: 180, north: box.north),
                   BoundingBox(west: -180, south: box.south, east: box.east, north: box.north)]
                : [box]
        case .circle(let center, let radius):
            let degrees = radius / GreatCircle.earthRadiusKm * 180 / .pi
            let south = max(-90, center.latitude - degrees), north = min(90, center.latitude + degrees)
            // Near a pole, or wider than the world, the circle spans every longitude.
            let widest = max(abs(south), abs(north))
            guard widest < 89.9 else { return [BoundingBox(west: -180, south: south, east: 180, north: north)] }
            let spread = degrees / cos(widest * .pi / 180)
            guard spread < 180 else { return [BoundingBox(west: -180, south: south, east: 180, north: north)] }
            var west = center.longitude - spread, east = center.longitude + spread
            if west < -180 { west += 360 }
            if east > 180 { east -= 360 }
            return searchBoxes(.bbox(BoundingBox(west: west, south: south, east: east, north: north)))
        case .polygon(let geometry):
            guard let box = geometry.bounds else { return [] }
            return [box]
        case .country, .region:
            return []
        }
    }

    // MARK: Rows

    /// A row back to its project: the record through the same reader as any input (it was
    /// valid when written), the derived areas and the date as stored.
    private func decode(_ row: Row) throws -> Project {
        let text: String = row["feature"]
        var problems: [Problem] = []
        let (collection, _) = Array(text.utf8).withUnsafeBytes { GeoJSONReader(file: path).readCollection($0) }
        guard let feature = collection?.features.first,
              var project = ProjectReader(places: places).read(feature, at: .feature(file: path, pointer: ""), problems: &problems)
        else {
            let id: String = row["id"]
            throw StoreError(store: path, reason: "project \(id) cannot be read back: \(problems.map(\.description))")
        }
        project.updated = row["updated"]
        project.derived = Project.derived(from: feature.properties ?? JSONObject())
        return project
    }
}

/// A project as one row: the record as its GeoJSON feature, and the columns the indexes use.
struct StoredRow {
    var id: String
    var feature: String
    var visibility: String
    var derived: RegionAssignment?
    var position: Position?
    var publicPosition: Position?

    init(project: Project, places: any Places) {
        id = project.id
        var record = project
        record.updated = nil
        feature = GeoJSONWriter().write(record.feature(includeDerived: true, includeExtra: true))
        visibility = project.visibility.rawValue
        derived = project.derived
        position = project.position
        publicPosition = project.visibility == .public ? project.publicPosition(places: places) : nil
    }

    func insert(updated: String, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO project (id, feature, updated, visibility, country, region, subregion, intermediate,
                                     lon, lat, public_lon, public_lat)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [id, feature, updated, visibility, derived?.country, derived?.region?.code, derived?.subregion?.code,
                        derived?.intermediateRegion?.code, position?.longitude, position?.latitude,
                        publicPosition?.longitude, publicPosition?.latitude])
        let rid = db.lastInsertedRowID
        for (table, point) in [("stored_position", position), ("public_position", publicPosition)] {
            guard let point else { continue }
            try db.cachedStatement(sql: "INSERT INTO \(table) (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [rid, point.longitude, point.longitude, point.latitude, point.latitude])
        }
    }

}

extension Geometry {
    /// The longitude/latitude box of every position.
    var bounds: BoundingBox? {
        var positions: [Position] = []
        func collect(_ geometry: Geometry) {
            switch geometry {
            case .point(let p): positions.append(p)
            case .multiPoint(let ps), .lineString(let ps): positions += ps
            case .multiLineString(let lines), .polygon(let lines): positions += lines.joined()
            case .multiPolygon(let polygons): positions += polygons.joined().joined()
            case .geometryCollection(let members): members.forEach(collect)
            }
        }
        collect(self)
        guard let first = positions.first else { return nil }
        return positions.dropFirst().reduce(BoundingBox(west: first.longitude, south: first.latitude, east: first.longitude, north: first.latitude)) { box, p in
            BoundingBox(west: min(box.west, p.longitude), south: min(box.south, p.latitude),
                        east: max(box.east, p.longitude), north: max(box.north, p.latitude))
        }
    }
}
