import NIOCore
import Participation
import PostgresNIO
import Store

extension PostGISStore {
    /// See `ProjectStore.upsert(date:dryRun:from:)`: one transaction on a connection of its
    /// own, the records copied in batches.
    /// - Throws: `StoreError` when the database fails (the transaction is rolled back), or what
    /// the source throws.
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
                CREATE TEMP TABLE partmap_import (id text, feature text, record bytea, visibility text, country text, region text,
                    subregion text, intermediate text, lon float8, lat float8, public_lon float8, public_lat float8,
                    \(FacetCount.columns.map { "\($0) text" }.joined(separator: ", ")))
                ON COMMIT DROP
                """), on: connection)
            var summary = UpsertSummary()
            var writes = ChangeLog.Writes()
            try await BatchPipe.run(source) { batch in
                if !dryRun { for project in batch { writes.add(project.id) } }
                let text = try batch.map { Self.copyLine(try StoredRecord(project: $0, places: places)) }.joined()
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
                        INSERT INTO project (id, feature, record, updated, visibility, country, region, subregion, intermediate,
                                             position, public_position, \(unescaped: Self.facetList))
                        SELECT id, feature, record, \(date), visibility, country, region, subregion, intermediate,
                               ST_SetSRID(ST_MakePoint(lon, lat), 4326), ST_SetSRID(ST_MakePoint(public_lon, public_lat), 4326),
                               \(unescaped: Self.facetList)
                        FROM partmap_import
                        ON CONFLICT (id) DO UPDATE SET \(unescaped: Self.updates)
                        """, on: connection)
                }
                try await self.send("TRUNCATE partmap_import", on: connection)
            }
            // A dry run leaves nothing behind, the version included.
            if !dryRun { try await send(Self.bump(logging: writes.logged), on: connection) }
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

    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "the connection was lost" }
    }

    /// Runs a statement on a connection that must still be open: postgres-nio never answers one
    /// sent on a closed connection.
    @discardableResult
    func send(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> PostgresRowSequence {
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
        // bytea's hex input (`\x` then two digits a byte), its backslash escaped for COPY.
        func hex(_ bytes: [UInt8]) -> String {
            let digits = Array("0123456789abcdef".utf8)
            var out: [UInt8] = [0x5C, 0x5C, 0x78]
            out.reserveCapacity(3 + 2 * bytes.count)
            for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
            return String(decoding: out, as: UTF8.self)
        }
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "\\N" }
        let derived = record.derived
        return ([text(record.id), text(record.feature), hex(record.compact), text(record.visibility), text(derived?.country),
                text(derived?.region?.code), text(derived?.subregion?.code), text(derived?.intermediateRegion?.code),
                number(record.position?.longitude), number(record.position?.latitude),
                number(record.publicPosition?.longitude), number(record.publicPosition?.latitude)]
            + record.facetColumns.map(text)).joined(separator: "\t") + "\n"
    }

    static let facetList = FacetCount.columns.joined(separator: ", ")
    /// Every column but the id, from the row an INSERT … ON CONFLICT proposed.
    static let updates = (["feature", "record", "updated", "visibility", "country", "region", "subregion", "intermediate", "position",
                           "public_position"] + FacetCount.columns).map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
}
