import GeoJSON
import NIOCore
import Participation
import PostgresNIO
import Store

extension PostGISStore {
    /// See `ProjectStore.get(ids:includeInternal:)`.
    /// - Throws: `StoreError` when the database cannot be read.
    public func get(ids: [String], includeInternal: Bool) async throws -> [Project] {
        let sql = "SELECT id, record, updated FROM project WHERE id = ANY($1)" + (includeInternal ? "" : " AND visibility = 'public'")
        let projects = try await projects(PostgresQuery(unsafeSQL: sql, binds: try Self.bindings([ids.filter(Self.storable)])))
        let byID = Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// See `ProjectStore.query(_:)`: the candidates the indexes find, each handed to a
    /// `QueryScanner` as it arrives.
    /// - Throws: `StoreError` when the database cannot be read; what `QueryScanner` throws.
    public func query(_ query: ProjectQuery) async throws -> ProjectQuery.Result {
        let boxes = query.area.map(StoredRecord.searchBoxes) ?? []
        var scanner = QueryScanner(query, places: places)
        try await run {
            if boxes.count == 1 {
                // One box, the common case: a statement prepared once per connection.
                let rows = query.includeInternal
                    ? try await client.execute(BoxCandidates.Stored(box: boxes[0]), logger: logger)
                    : try await client.execute(BoxCandidates.Public(box: boxes[0]), logger: logger)
                for try await (id, record, updated) in rows {
                    try scanner.add(try Self.project(id: id, record: record, updated: updated, store: name))
                }
            } else {
                for try await (id, record, updated) in try await client.query(try candidates(query), logger: logger).decode((String, ByteBuffer?, String).self) {
                    try scanner.add(try Self.project(id: id, record: record, updated: updated, store: name))
                }
            }
        }
        // The index narrows; the query's own scan decides, exactly as over a file.
        return try scanner.result()
    }

    /// See `ProjectStore.count(includeInternal:)`.
    /// - Throws: `StoreError` when the database cannot be read.
    public func count(includeInternal: Bool) async throws -> Int {
        try await run {
            let sql = "SELECT count(*) FROM project" + (includeInternal ? "" : " WHERE visibility = 'public'")
            return try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect().first?.decode(Int.self) ?? 0
        }
    }

    /// See `ProjectStore.extent(includeInternal:)`: degrees, nil when no project of the view has a position.
    /// - Throws: `StoreError` when the database cannot be read.
    public func extent(includeInternal: Bool) async throws -> BoundingBox? {
        let column = includeInternal ? "position" : "public_position"
        let sql = """
            SELECT min(ST_X(\(column))), min(ST_Y(\(column))), max(ST_X(\(column))), max(ST_Y(\(column))) FROM project
            WHERE \(column) IS NOT NULL\(includeInternal ? "" : " AND visibility = 'public'")
            """
        return try await run {
            let row = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect().first
            guard let (w, s, e, n) = try row?.decode((Double?, Double?, Double?, Double?).self),
                  let w, let s, let e, let n
            else { return nil }
            return BoundingBox(west: w, south: s, east: e, north: n)
        }
    }

    /// Candidates from the GiST index of the view's positions for box and circle areas (the exact
    /// test follows), from the derived columns for places, else every project of the view.
    private func candidates(_ query: ProjectQuery) throws -> PostgresQuery {
        let column = query.includeInternal ? "position" : "public_position"
        let visibility = query.includeInternal ? "" : " AND visibility = 'public'"
        let select = "SELECT id, record, updated FROM project WHERE "
        let boxes = query.area.map(StoredRecord.searchBoxes) ?? []
        if !boxes.isEmpty {
            let tests = boxes.indices.map { i in
                "\(column) && ST_MakeEnvelope($\(4 * i + 1), $\(4 * i + 2), $\(4 * i + 3), $\(4 * i + 4), 4326)"
            }
            let values = boxes.flatMap { [$0.west, $0.south, $0.east, $0.north] }
            return PostgresQuery(unsafeSQL: select + "(" + tests.joined(separator: " OR ") + ")" + visibility, binds: try Self.bindings(values))
        }
        switch query.area {
        case .country(let code)? where Self.storable(code):
            return PostgresQuery(unsafeSQL: select + "country = $1" + visibility, binds: try Self.bindings([code]))
        case .region(let area)? where Self.storable(area.code):
            return PostgresQuery(unsafeSQL: select + "$1 IN (region, subregion, intermediate)" + visibility, binds: try Self.bindings([area.code]))
        case .country?, .region?:
            return PostgresQuery(unsafeSQL: select + "false")
        default:
            return PostgresQuery(unsafeSQL: select + "true" + visibility)
        }
    }

    /// The projects of rows of id, compact record and updated, each decoded from the bytes as
    /// they arrive.
    func projects(_ query: PostgresQuery) async throws -> [Project] {
        try await run {
            var projects: [Project] = []
            for try await (id, record, updated) in try await client.query(query, logger: logger).decode((String, ByteBuffer?, String).self) {
                projects.append(try Self.project(id: id, record: record, updated: updated, store: name))
            }
            return projects
        }
    }

    /// One stored compact record back to its project.
    /// - Throws: `StoreError` when the bytes are not a record partmap wrote.
    static func project(id: String, record: ByteBuffer?, updated: String, store: String) throws -> Project {
        guard let record else { throw StoreError(store: store, reason: "project \(id) cannot be read back: it has no stored record") }
        return try record.withUnsafeReadableBytes { bytes throws(StoreError) in
            try StoredRecord.project(id: id, record: bytes, updated: updated, store: store)
        }
    }
}
