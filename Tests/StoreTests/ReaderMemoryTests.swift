import Foundation
import GRDB
import GRDBSQLite
import Participation
@testable import Store
import Testing

/// What a SQLite store keeps in memory for its readers: whatever a reader reads, its page cache
/// stays within 16 MB, so a burst of requests that each scanned the table leaves no copy of it
/// resident per connection (the store opens up to five).
@Suite(.serialized) struct ReaderMemoryTests {
    /// 3,000 projects with long descriptions make a file of about 60 MB (each is stored as a
    /// feature and as a record). Eight readers at once scan the whole table; each connection's
    /// page cache (SQLite's own count for it) ends within 16 MB and a page's slack.
    @Test func aReaderKeepsAtMost16MBWhateverItReads() async throws {
        let path = try temporaryStorePath()
        let store = try SQLiteStore(path: path, places: atlas)
        let long = String(repeating: "Young people shape the questions, the methods and the findings. ", count: 150)
        let written = projects.map { project -> Project in
            var project = project
            project.description = long
            return project
        }
        _ = try await store.upsert(written, date: "2026-12-01", dryRun: false)
        let file = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(file > 32 << 20, "the table is larger than two readers' caches")
        let caches = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0 ..< 8 {
                group.addTask {
                    try await store.database.read { db in
                        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM project")
                        while try rows.next() != nil {}
                        var used: Int32 = 0, highest: Int32 = 0
                        sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_USED, &used, &highest, 0)
                        return Int(used)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(caches.allSatisfy { $0 <= (16 << 20) + (1 << 20) }, "reader caches: \(caches.map { $0 >> 20 }) MB")
        await store.close()
    }
}
