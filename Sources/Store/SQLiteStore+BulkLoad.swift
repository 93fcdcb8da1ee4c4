import Dispatch
import Foundation
import GRDB
import Participation
import Regions

/// An import into a store with no project yet: rows go in without their R*Tree entries, and each
/// R*Tree is packed once all rows are in (`RTreeBulkLoad`), inside the same transaction.
extension SQLiteStore {
    /// Whether no project is stored, so that an import may load the R*Trees in bulk.
    static func holdsNoProject(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM project)") ?? false
    }

    /// Fills both empty R*Trees from the rows' stored and public positions.
    static func fillPositionTrees(_ db: Database) throws {
        for (table, lon, lat) in [("stored_position", "lon", "lat"), ("public_position", "public_lon", "public_lat")] {
            let rows = try Row.fetchCursor(db, sql: "SELECT rid, \(lon), \(lat) FROM project WHERE \(lon) IS NOT NULL")
            var entries: [RTreeBulkLoad.Entry] = []
            while let row = try rows.next() { entries.append(RTreeBulkLoad.Entry(rowid: row[0], x: row[1], y: row[2])) }
            try RTreeBulkLoad.fill(table, with: entries, db)
        }
    }
}

extension StoredRecord {
    /// The stored forms of `projects`, in their order, made on every core.
    /// - Throws: the first project's error in order (see `init(project:places:)`).
    static func make(_ projects: [Project], places: any Places) throws -> [StoredRecord] {
        let chunk = 256
        let chunks = (projects.count + chunk - 1) / chunk
        let made = Made(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { n in
            made.set(n, Result { try projects[n * chunk ..< min((n + 1) * chunk, projects.count)].map { try StoredRecord(project: $0, places: places) } })
        }
        return try made.results.flatMap { try $0!.get() }
    }
}

/// Each iteration's records: an iteration writes its own slot and no other, and they are read
/// only once every iteration has returned.
private final class Made: @unchecked Sendable {
    private(set) var results: [Result<[StoredRecord], any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ slot: Int, _ result: Result<[StoredRecord], any Error>) {
        results.withUnsafeMutableBufferPointer { $0[slot] = result }
    }
}
