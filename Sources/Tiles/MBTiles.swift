import Foundation
import GRDB

/// Writes MBTiles 1.3: a `metadata` table of names and values and a `tiles` table with rows in
/// TMS order, the tiles gzipped. The same tiles and metadata give the same file, byte for byte.
public enum MBTilesWriter {
    /// Writes the file at `path`: `tiles` (gzipped MVT, keyed by XYZ tile, stored with TMS rows)
    /// and the `metadata` rows in order.
    /// - Throws: GRDB's `DatabaseError` when SQLite cannot write the file.
    public static func write(path: String, tiles: [(TileID, [UInt8])], metadata: [(String, String)]) throws {
        var configuration = Configuration()
        configuration.journalMode = .default
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.inTransaction {
                try db.execute(sql: """
                    CREATE TABLE metadata (name TEXT, value TEXT);
                    CREATE UNIQUE INDEX name ON metadata (name);
                    CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
                    CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
                    """)
                for (name, value) in metadata {
                    try db.execute(sql: "INSERT INTO metadata (name, value) VALUES (?, ?)", arguments: [name, value])
                }
                let insert = try db.makeStatement(sql: "INSERT INTO tiles VALUES (?, ?, ?, ?)")
                for (tile, data) in tiles.sorted(by: { ($0.0.z, $0.0.x, $0.0.tmsRow) < ($1.0.z, $1.0.x, $1.0.tmsRow) }) {
                    try insert.execute(arguments: [tile.z, tile.x, tile.tmsRow, Data(data)])
                }
                return .commit
            }
        }
        try queue.close()
    }
}
