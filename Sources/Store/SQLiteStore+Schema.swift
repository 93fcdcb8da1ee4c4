import Foundation
import GRDB
import Participation
import Regions

extension SQLiteStore {
    /// The schema, one migration at a time; GRDB runs each once, in order, in a transaction.
    /// `store` names the file in messages.
    static func migrator(places: any Places, store: String) -> DatabaseMigrator {
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
            for column in ["precision", "main_country", "level", "sector", "groups", "purposes", "initiative"] {
                try db.execute(sql: "ALTER TABLE project ADD COLUMN \(column) TEXT")
            }
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
        // The change version: one row, bumped by every write transaction.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                CREATE TABLE change_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
                INSERT INTO change_version (id, version) VALUES (1, 0);
                """)
        }
        // The areas the public view shows, as columns summaries group on, filled by a pass over the
        // stored features; the precision and main country they were once derived from go.
        migrator.registerMigration("v4") { db in
            try places.load()
            try db.execute(sql: "DROP INDEX project_facets")
            for column in ["precision", "main_country"] { try db.execute(sql: "ALTER TABLE project DROP COLUMN \(column)") }
            for column in FacetCount.publicAreaColumns { try db.execute(sql: "ALTER TABLE project ADD COLUMN \(column) TEXT") }
            let update = "UPDATE project SET " + FacetCount.publicAreaColumns.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE rid = ?"
            try forEachStoredProject(db, store: store) { rid, project in
                try db.cachedStatement(sql: update).execute(
                    arguments: StatementArguments(try StoredRecord.publicAreaColumns(project, places: places)) + [rid])
            }
            // Narrow enough that a summary reads it instead of the rows and their features. It
            // does not lead with visibility, or box queries would walk it instead of the R*Tree.
            try db.execute(sql: """
                CREATE INDEX project_facets ON project (\(FacetCount.publicAreaColumns.joined(separator: ", ")),
                    country, region, subregion, intermediate, level, sector, groups, purposes, visibility, public_lon, lon)
                """)
        }
        // The compact record reads decode instead of the feature, filled from the features of older stores.
        migrator.registerMigration("v5") { db in
            try db.execute(sql: "ALTER TABLE project ADD COLUMN record BLOB")
            try forEachStoredProject(db, store: store) { rid, project in
                var project = project
                project.updated = nil
                try db.cachedStatement(sql: "UPDATE project SET record = ? WHERE rid = ?").execute(arguments: [Data(project.compactRecord()), rid])
            }
        }
        // The change log (`ChangeLog`): which ids each version wrote. Older stores start with an
        // empty log, which tells nothing about the versions before it.
        migrator.registerMigration("v6") { db in
            try db.execute(sql: """
                CREATE TABLE change_log (version INTEGER NOT NULL, id TEXT);
                CREATE INDEX change_log_version ON change_log (version);
                """)
        }
        // Facet counts kept per change version (`FacetCountCache`), one row per facets and view.
        migrator.registerMigration("v7") { db in
            try db.execute(sql: "CREATE TABLE facet_count_cache (key TEXT PRIMARY KEY, version INTEGER NOT NULL, counts BLOB NOT NULL)")
        }
        return migrator
    }

    /// Every stored project with its row id, decoded from its feature, read a thousand rows at a
    /// time in row order, for the migrations that fill a new column from the features.
    /// - Throws: a `StoreError` naming `store` for a feature that does not decode, or GRDB's error.
    static func forEachStoredProject(_ db: Database, store: String, _ body: (Int64, Project) throws -> Void) throws {
        var last: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                db, sql: "SELECT rid, id, feature, updated FROM project WHERE rid > ? ORDER BY rid LIMIT 1000", arguments: [last])
            guard let end: Int64 = rows.last?["rid"] else { return }
            for row in rows {
                try body(row["rid"], try StoredRecord.project(id: row["id"], feature: row["feature"], updated: row["updated"], store: store))
            }
            last = end
        }
    }
}
