import Participation
import PostgresNIO
import Store

extension PostGISStore {
    /// Each migration once, in order, under a lock so that two processes never race.
    static let migrations: [(String, [MigrationStep])] = [
        ("v1", [
            .sql("""
            CREATE TABLE project (
                id text PRIMARY KEY,
                feature text NOT NULL,
                updated text NOT NULL,
                visibility text NOT NULL,
                country text, region text, subregion text, intermediate text,
                position geometry(Point, 4326),
                public_position geometry(Point, 4326))
            """),
            .sql("CREATE INDEX project_position ON project USING gist (position)"),
            .sql("CREATE INDEX project_public_position ON project USING gist (public_position)"),
            .sql("CREATE INDEX project_country ON project (country)"),
        ]),
        // What summaries count by, as columns, filled from the stored features of older stores.
        ("v2", [
            .sql("ALTER TABLE project " + ["precision", "main_country", "level", "sector", "groups", "purposes", "initiative"].map { "ADD COLUMN \($0) text" }.joined(separator: ", ")),
            .sql("""
            UPDATE project SET precision = feature::jsonb #>> '{properties,locationPrecision}',
                main_country = feature::jsonb #>> '{properties,countries,0}',
                level = feature::jsonb #>> '{properties,participationLevel}',
                sector = feature::jsonb #>> '{properties,sector}',
                groups = (SELECT string_agg(DISTINCT g, ';') FROM jsonb_array_elements_text(feature::jsonb #> '{properties,participantGroups}') g),
                purposes = (SELECT string_agg(DISTINCT p, ';') FROM jsonb_array_elements_text(feature::jsonb #> '{properties,purposes}') p),
                initiative = feature::jsonb #>> '{properties,initiative}'
            """),
        ]),
        // The change version: one row, bumped by every write transaction.
        ("v3", [
            .sql("CREATE TABLE partmap_change (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)"),
            .sql("INSERT INTO partmap_change (id, version) VALUES (1, 0)"),
        ]),
        // The areas the public view shows, as columns summaries group on, filled by a pass over the
        // stored features; the precision and main country they were once derived from go.
        ("v4", [
            .sql("ALTER TABLE project DROP COLUMN precision, DROP COLUMN main_country, "
                + FacetCount.publicAreaColumns.map { "ADD COLUMN \($0) text" }.joined(separator: ", ")),
            .fillPublicAreas,
        ]),
        // The compact record reads decode instead of the feature, filled from the stored features.
        ("v5", [
            .sql("ALTER TABLE project ADD COLUMN record bytea"),
            .fillRecords,
        ]),
        // The change log (`ChangeLog`): which ids each version wrote. Older stores start with an
        // empty log, which tells nothing about the versions before it.
        ("v6", [
            .sql("CREATE TABLE partmap_change_log (version bigint NOT NULL, id text)"),
            .sql("CREATE INDEX partmap_change_log_version ON partmap_change_log (version)"),
        ]),
        // Facet counts kept per change version (`FacetCountCache`), one row per facets and view.
        ("v7", [
            .sql("CREATE TABLE partmap_facet_count (key text PRIMARY KEY, version bigint NOT NULL, counts bytea NOT NULL)"),
        ]),
    ]

    /// A step of a migration: a statement, or a pass in Swift over the stored features.
    enum MigrationStep: Sendable {
        case sql(String)
        /// Writes each project's public view's areas into `FacetCount.publicAreaColumns`.
        case fillPublicAreas
        /// Writes each project's compact record (`Project.compactRecord()`) into `record`.
        case fillRecords
    }

    func migrate() async throws {
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
            for (version, steps) in Self.migrations where !applied.contains(version) {
                for step in steps {
                    switch step {
                    case .sql(let statement): try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    case .fillPublicAreas: try await fillPublicAreas(on: connection)
                    case .fillRecords: try await fillRecords(on: connection)
                    }
                }
                try await connection.query("INSERT INTO partmap_migration (version) VALUES (\(version))", logger: logger)
            }
        }
    }

    /// Fills the compact record of every stored project, a batch at a time.
    private func fillRecords(on connection: PostgresConnection) async throws {
        try await forEachStoredProject(on: connection) { ids, projects in
            let records = projects.map { project in
                var project = project
                project.updated = nil
                return ByteBuffer(bytes: project.compactRecord())
            }
            try await connection.query(
                "UPDATE project p SET record = u.record FROM unnest(\(ids)::text[], \(records)::bytea[]) AS u(id, record) WHERE p.id = u.id",
                logger: logger)
        }
    }

    /// Fills the public areas of every stored project, a batch at a time.
    private func fillPublicAreas(on connection: PostgresConnection) async throws {
        try places.load()
        try await forEachStoredProject(on: connection) { ids, projects in
            var areas: [[String]] = [[], [], [], []]
            for project in projects {
                // No code is empty: "" stands for NULL in the arrays.
                for (i, code) in try StoredRecord.publicAreaColumns(project, places: places).enumerated() { areas[i].append(code ?? "") }
            }
            let set = FacetCount.publicAreaColumns.enumerated().map { "\($1) = NULLIF(u.a\($0), '')" }.joined(separator: ", ")
            try await connection.query(PostgresQuery(
                unsafeSQL: "UPDATE project p SET \(set) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, a0, a1, a2, a3) WHERE p.id = u.id",
                binds: try Self.bindings([ids] + areas)), logger: logger)
        }
    }

    /// Every stored project, decoded from its feature, handed to `body` a thousand at a time in id
    /// order with their ids, for the migrations that fill a new column from the features.
    /// - Throws: a `StoreError` naming the store for a feature that does not decode, the database's
    ///   error, or what `body` throws.
    private func forEachStoredProject(on connection: PostgresConnection, _ body: ([String], [Project]) async throws -> Void) async throws {
        var last = ""
        while true {
            var ids: [String] = [], projects: [Project] = []
            let rows = try await connection.query(
                "SELECT id, feature, updated FROM project WHERE id > \(last) ORDER BY id LIMIT 1000", logger: logger)
            for try await (id, feature, updated) in rows.decode((String, String, String).self) {
                ids.append(id)
                projects.append(try StoredRecord.project(id: id, feature: feature, updated: updated, store: name))
            }
            guard let end = ids.last else { return }
            try await body(ids, projects)
            last = end
        }
    }
}
