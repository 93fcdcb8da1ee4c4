/// Which projects the writes after a version wrote, and the version they lead to.
public struct ChangeSet: Sendable, Equatable {
    /// The store's change version when the log was read.
    public var version: Int64
    /// The ids written (created, replaced, upserted or deleted) after the version asked about, up
    /// to `version`, sorted by their UTF-8 bytes, each once; nil when the log cannot tell (a write
    /// of more than `ChangeLog.maxIDs` projects, or a version older than the log keeps).
    public var ids: [String]?

    /// A change set from the version and the ids (nil: anything may have changed).
    public init(version: Int64, ids: [String]?) {
        self.version = version
        self.ids = ids
    }
}

/// The log both stores keep beside the change version: each write adds, in its own transaction,
/// one row (new version, id) per project it wrote, or a single row with a NULL id when it wrote
/// more than `maxIDs` (or none: an empty import), which means "anything may have changed". Rows
/// older than `keptVersions` versions are dropped by the write that makes them so.
public enum ChangeLog {
    /// The most ids one write logs; a larger write logs that it cannot be told.
    public static let maxIDs = 1024
    /// How many versions back the log reaches.
    public static let keptVersions: Int64 = 256

    /// The ids a write logs, gathered as it writes: at most `maxIDs`; empty when there were more
    /// (or none), which the log records as one NULL id.
    public struct Writes: Sendable {
        private var ids: [String] = []
        private var overflowed = false

        /// No id yet.
        public init() {}

        /// Notes one id written; past `ChangeLog.maxIDs`, the ids are dropped and the write logs
        /// that it cannot be told.
        public mutating func add(_ id: String) {
            guard !overflowed else { return }
            if ids.count == ChangeLog.maxIDs {
                overflowed = true
                ids = []
            } else {
                ids.append(id)
            }
        }

        /// The ids to log, or empty for the NULL row.
        public var logged: [String] { overflowed ? [] : ids }
    }

    /// The change set from the log's rows of the versions after `since` up to `current`: complete
    /// only when every one of those versions has rows and none of them is NULL.
    public static func changeSet(since: Int64, current: Int64, rows: [(version: Int64, id: String?)]) -> ChangeSet {
        guard current >= since else { return ChangeSet(version: current, ids: nil) }
        var versions = Set<Int64>(), ids = Set<String>()
        for row in rows where row.version > since && row.version <= current {
            guard let id = row.id else { return ChangeSet(version: current, ids: nil) }
            versions.insert(row.version)
            ids.insert(id)
        }
        guard Int64(versions.count) == current - since else { return ChangeSet(version: current, ids: nil) }
        return ChangeSet(version: current, ids: ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}
