import GeoJSON
import Participation

/// What an upsert did, or would do with `dryRun`.
public struct UpsertSummary: Sendable, Hashable, CustomStringConvertible {
    public var added = 0
    public var changed = 0
    public var unchanged = 0

    public init() {}

    public var description: String { "\(added) added, \(changed) changed, \(unchanged) unchanged" }
}

/// Why a store cannot be used: the path or host, and the reason.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var store: String
    public var reason: String

    public init(store: String, reason: String) {
        self.store = store
        self.reason = reason
    }

    public var description: String { "\(store): \(reason)" }
}

/// Where projects live. Every backend answers the same queries with the same ids in the same
/// order as `ProjectQuery.scan` over the same projects.
public protocol ProjectStore: Sendable {
    /// Inserts or replaces the projects by id, all in one transaction; `updated` is set to `date`
    /// on each. With `dryRun`, only counts what would change.
    func upsert(_ projects: [Project], date: String, dryRun: Bool) throws -> UpsertSummary
    /// Deletes the projects; returns the ids that were there.
    func delete(ids: [String]) throws -> [String]
    /// The projects with these ids that exist, as stored.
    func get(ids: [String]) throws -> [Project]
    func query(_ query: ProjectQuery) throws -> ProjectQuery.Result
    /// How many projects the query's view holds (public, or all with `includeInternal`).
    func count(includeInternal: Bool) throws -> Int
    /// The bounding box of the view's positions (public positions for the public view).
    func extent(includeInternal: Bool) throws -> BoundingBox?
}
