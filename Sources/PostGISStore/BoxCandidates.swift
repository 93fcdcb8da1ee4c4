import GeoJSON
import NIOCore
import PostgresNIO
import Store

/// The candidates of one box of positions as named statements, prepared once per connection:
/// the server plans each once, and the rows come back in binary, id, compact record and updated.
/// A box across the antimeridian (two boxes) takes the unprepared query.
enum BoxCandidates {
    /// Public positions of public projects in the box west, south, east, north (degrees).
    struct Public: PostgresPreparedStatement {
        static let name = "partmap_public_box"
        static let sql = """
            SELECT id, record, updated FROM project
            WHERE public_position && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND visibility = 'public'
            """
        typealias Row = (String, ByteBuffer?, String)
        var box: BoundingBox

        func makeBindings() -> PostgresBindings { BoxCandidates.bindings(box) }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Stored positions of every project in the box.
    struct Stored: PostgresPreparedStatement {
        static let name = "partmap_stored_box"
        static let sql = "SELECT id, record, updated FROM project WHERE position && ST_MakeEnvelope($1, $2, $3, $4, 4326)"
        typealias Row = (String, ByteBuffer?, String)
        var box: BoundingBox

        func makeBindings() -> PostgresBindings { BoxCandidates.bindings(box) }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    static func bindings(_ box: BoundingBox) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        for value in [box.west, box.south, box.east, box.north] { bindings.append(value) }
        return bindings
    }
}
