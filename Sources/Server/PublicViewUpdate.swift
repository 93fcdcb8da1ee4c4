import Participation
import Publishing
import Regions
import Store

/// The whole public view's clusters at one store version, made from the one before it when the
/// change log tells which projects moved: only those are read again, through the public view
/// (`get` without internal projects, then `publicView`), never a stored position; a change of
/// many projects, or an index carrying more removed points than live ones, is clustered anew.
/// Either way the result equals a build over the store's public view (`ProjectClusters.updated`).
struct PublicViewUpdate: Sendable {
    var clusters: ProjectClusters
    /// How this view was made from the one before.
    var made: ProjectClusters.Update
    /// Points removed from the index since it was built (it keeps them, marked dead).
    var dead: Int

    /// The share of the projects above which a change is clustered anew rather than followed.
    static let maxShare = 8

    /// Work that builds the view from the store's whole public view.
    static func built(store: any ProjectStore) -> Task<PublicViewUpdate, any Error> {
        Task.detached { try await build(store) }
    }

    /// Work that makes the view from `before`'s once the projects of `ids` are read again; if
    /// `before` failed, the view is built from the store.
    static func following(_ before: Task<PublicViewUpdate, any Error>, ids: [String], store: any ProjectStore, places: any Places)
        -> Task<PublicViewUpdate, any Error> {
        Task.detached {
            let base: PublicViewUpdate
            do { base = try await before.value } catch { return try await build(store) }
            guard !ids.isEmpty else { return PublicViewUpdate(clusters: base.clusters, made: .incremental(removed: 0, added: 0), dead: base.dead) }
            let fresh = try await store.get(ids: ids, includeInternal: false).compactMap { try $0.publicView(places: places) }
            let share = base.dead > base.clusters.projects.count ? Int.max : maxShare
            let (clusters, made) = try base.clusters.updated(replacing: Set(ids), with: fresh, maxShare: share)
            switch made {
            case .incremental(let removed, _): return PublicViewUpdate(clusters: clusters, made: made, dead: base.dead + removed)
            case .rebuilt: return PublicViewUpdate(clusters: clusters, made: made, dead: 0)
            }
        }
    }

    private static func build(_ store: any ProjectStore) async throws -> PublicViewUpdate {
        PublicViewUpdate(clusters: ProjectClusters(projects: try await store.query(ProjectQuery()).projects), made: .rebuilt, dead: 0)
    }
}
