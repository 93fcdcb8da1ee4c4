import GeoJSON
import Participation

/// What an upsert did, or would do with `dryRun`.
public struct UpsertSummary: Sendable, Hashable, CustomStringConvertible {
    /// Projects the upsert added.
    public var added = 0
    /// Projects the upsert changed.
    public var changed = 0
    /// Projects the upsert found as they were.
    public var unchanged = 0

    /// No project counted yet.
    public init() {}

    /// The counts as the import command prints them: `3 added, 1 changed, 0 unchanged`.
    public var description: String { "\(added) added, \(changed) changed, \(unchanged) unchanged" }
}

/// Why a store cannot be used: the path or host, and the reason.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The store as the user named it (a path, or a PostgreSQL URL without its password).
    public var store: String
    /// What went wrong, with the database's own words.
    public var reason: String

    /// An error naming `store`, for `reason`.
    public init(store: String, reason: String) {
        self.store = store
        self.reason = reason
    }

    /// One line: `STORE: REASON`.
    public var description: String { "\(store): \(reason)" }
}

/// Why a conditional write did not happen; each case carries the project id.
public enum WriteConflict: Error, Sendable, Equatable, CustomStringConvertible {
    /// `create` found a project with that id.
    case exists(String)
    /// `replace` or `delete(id:if:)` found no project with that id.
    case missing(String)
    /// The stored project did not satisfy the write's precondition.
    case preconditionFailed(String)

    /// One line naming the project and what stopped the write.
    public var description: String {
        switch self {
        case .exists(let id): "project \(id) already exists"
        case .missing(let id): "project \(id) does not exist"
        case .preconditionFailed(let id): "project \(id) has changed since it was read"
        }
    }
}

/// Where an import's projects come from: the source hands its batches, in order, to `emit`, and
/// throws to abandon the import (nothing of it is kept). It runs once, on a thread of its own
/// where the store needs one, so it may block while it reads.
public typealias BatchSource = @Sendable (_ emit: ([Project]) throws -> Void) throws -> Void

/// Where projects live. Every backend answers the same queries with the same ids in the same
/// order as `ProjectQuery.scan` over the same projects.
public protocol ProjectStore: Sendable {
    /// Inserts or replaces by id every project the source emits, all in one transaction: if the
    /// source or the store fails, nothing is written. `updated` is set to `date` on each. With
    /// `dryRun`, only counts what would change.
    func upsert(date: String, dryRun: Bool, from source: @escaping BatchSource) async throws -> UpsertSummary
    /// Deletes the projects; returns the ids that were there, in the order asked.
    func delete(ids: [String]) async throws -> [String]
    /// A number that increases with every committed write (import/upsert, delete, create,
    /// replace) made by any process or connection on this store; a dry run, a rolled-back import
    /// or a write that changed nothing leaves it as it was. One indexed read: cheap enough to ask
    /// on every request, so that caches keyed by it never outlive a write.
    func changeVersion() async throws -> Int64
    /// The ids written since `version` by any process, and the version now, read together from
    /// the change log (`ChangeLog`), so that a cache can re-read only what moved.
    /// - Throws: `StoreError` when the store cannot be read.
    func changes(since version: Int64) async throws -> ChangeSet
    /// The change version each time a write commits in any process, heard without asking, so a
    /// cache can be brought up to date before the next request comes; nil where the store cannot
    /// be heard (SQLite: a cache learns of other processes' writes by `changeVersion()` alone).
    /// Only an early wake: `changeVersion()` on each request stays the guarantee.
    func changeNotifications() -> AsyncStream<Int64>?
    /// Adds a project whose id must be new, with `updated` set to `date`, in one transaction.
    /// Between concurrent creates of one id the database's own unique constraint decides.
    /// - Throws: `WriteConflict.exists(id)` when the id is taken; `StoreError` when the store fails.
    func create(_ project: Project, date: String) async throws
    /// Replaces the stored project with `project.id` (`updated` set to `date`) in one transaction,
    /// only when `precondition` accepts the stored one, which is read in that transaction, exactly
    /// as `get(ids:)` returns it, and locked against concurrent writers until the commit.
    /// - Throws: `WriteConflict.missing(id)`, `WriteConflict.preconditionFailed(id)`; `StoreError`.
    func replace(_ project: Project, date: String, if precondition: @escaping @Sendable (Project) -> Bool) async throws
    /// Deletes one project under the same rule as `replace`.
    /// - Throws: `WriteConflict.missing(id)`, `WriteConflict.preconditionFailed(id)`; `StoreError`.
    func delete(id: String, if precondition: @escaping @Sendable (Project) -> Bool) async throws
    /// The projects with these ids that exist, as stored, in the order asked; without
    /// `includeInternal`, only the public ones: an internal project is left out by the database
    /// and never read, so that asking for it does exactly the work of asking for a missing one.
    func get(ids: [String], includeInternal: Bool) async throws -> [Project]
    func query(_ query: ProjectQuery) async throws -> ProjectQuery.Result
    /// How many projects of the view (public, or all with `includeInternal`) have each
    /// combination of the facets' values: a summary's counts without reading the records.
    func facetCounts(_ facets: Set<ProjectFacet>, includeInternal: Bool) async throws -> [FacetCount]
    /// How many projects the query's view holds (public, or all with `includeInternal`).
    func count(includeInternal: Bool) async throws -> Int
    /// The bounding box of the view's positions (public positions for the public view).
    func extent(includeInternal: Bool) async throws -> BoundingBox?
    /// Lets go of connections; the store is not used after.
    func close() async
}

extension ProjectStore {
    /// No notifications: see the requirement.
    public func changeNotifications() -> AsyncStream<Int64>? { nil }

    /// The projects with these ids that exist, internal ones included, as stored, in the order asked.
    public func get(ids: [String]) async throws -> [Project] {
        try await get(ids: ids, includeInternal: true)
    }

    /// Upserts projects already in memory, as one batch.
    public func upsert(_ projects: [Project], date: String, dryRun: Bool) async throws -> UpsertSummary {
        try await upsert(date: date, dryRun: dryRun) { emit in try emit(projects) }
    }
}
