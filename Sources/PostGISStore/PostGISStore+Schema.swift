import PostgresNIO
import Store

extension PostGISStore {
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
            "ALTER TABLE project " + ["precision", "main_country", "level", "sector", "groups", "purposes", "initiative"].map { "ADD COLUMN \($0) text" }.joined(separator: ", "),
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
        // The change version: one row, bumped by every write transaction.
        ("v3", [
            "CREATE TABLE partmap_change (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)",
            "INSERT INTO partmap_change (id, version) VALUES (1, 0)",
        ]),
    ]

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
            for (version, statements) in Self.migrations where !applied.contains(version) {
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO partmap_migration (version) VALUES (\(version))", logger: logger)
            }
        }
    }
}
