import NIOCore
import PostgresNIO
import Store

extension PostGISStore {
    /// The counts kept for the store's change version (`FacetCountCache`), or the GROUP BY,
    /// whose counts are then kept unless a write has moved the version meanwhile.
    public func facetCounts(_ facets: Set<ProjectFacet>, includeInternal: Bool) async throws -> [FacetCount] {
        let key = FacetCountCache.key(facets, includeInternal: includeInternal)
        return try await run {
            let kept = try await client.query("""
                SELECT c.version, f.counts FROM partmap_change c LEFT JOIN partmap_facet_count f ON f.key = \(key) AND f.version = c.version
                WHERE c.id = 1
                """, logger: logger).collect().first?.decode((Int64, ByteBuffer?).self)
            if let bytes = kept?.1, let counts = bytes.withUnsafeReadableBytes(FacetCountCache.decode) { return counts }
            let counts = try await groupedCounts(facets, includeInternal: includeInternal)
            if let version = kept?.0 {
                // A courtesy: counts that cannot be kept are answered all the same.
                _ = try? await client.query("""
                    INSERT INTO partmap_facet_count (key, version, counts)
                    SELECT \(key), \(version), \(ByteBuffer(bytes: FacetCountCache.encode(counts)))
                    WHERE (SELECT version FROM partmap_change WHERE id = 1) = \(version)
                    ON CONFLICT (key) DO UPDATE SET version = excluded.version, counts = excluded.counts
                    """, logger: logger)
            }
            return counts
        }
    }

    /// The counts from one GROUP BY over the project table (`FacetCount.sql`).
    private func groupedCounts(_ facets: Set<ProjectFacet>, includeInternal: Bool) async throws -> [FacetCount] {
        let sql = FacetCount.sql(facets, includeInternal: includeInternal, mapped: includeInternal ? "position IS NOT NULL" : "public_position IS NOT NULL")
        var counts: [FacetCount] = []
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        typealias Columns = (String?, String?, String?, String?, Bool, Bool, String?, String?, String?, String?, String?, Int)
        for try await c in rows.decode(Columns.self) {
            counts.append(FacetCount(country: c.0, region: c.1, subregion: c.2, intermediate: c.3, unplaced: c.4, mapped: c.5,
                                     level: c.6, sector: c.7, groups: c.8, purposes: c.9, member: c.10, count: c.11))
        }
        return counts
    }
}
