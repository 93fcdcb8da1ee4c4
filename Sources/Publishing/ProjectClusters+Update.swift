import Clustering
import Participation

extension ProjectClusters {
    /// What `updated` did: how many points the index lost and gained, or that it was built anew.
    public enum Update: Sendable, Equatable {
        case incremental(removed: Int, added: Int)
        case rebuilt
    }

    /// These clusters with the projects of `ids` replaced by `fresh` (their public views now;
    /// an id missing from `fresh` is gone), in id order (UTF-8 bytes) as a build would have them.
    /// The clustering depends on the order of its points (see `ZoomClusters`), and the index can
    /// only append, so the points from the first one that differs to the end are removed and
    /// added again through `ZoomClusters.update`, which ends exactly where a build on the same
    /// projects would; when that tail is more than `1 / maxShare` of the projects, they are
    /// clustered anew. Projects without a position are left out, as `init` does.
    /// - Throws: `ZoomClusterError` if the index and the projects disagree (they never should).
    public func updated(replacing ids: Set<String>, with fresh: [Project], maxShare: Int = 8) throws(ZoomClusterError)
        -> (clusters: ProjectClusters, update: Update) {
        func precedes(_ a: Project, _ b: Project) -> Bool { a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
        let added = fresh.filter { $0.position != nil }.sorted(by: precedes)
        var merged: [Project] = []
        merged.reserveCapacity(projects.count + added.count)
        var next = 0
        for project in projects where !ids.contains(project.id) {
            while next < added.count && precedes(added[next], project) {
                merged.append(added[next])
                next += 1
            }
            merged.append(project)
        }
        merged += added[next...]
        var start = 0
        while start < min(projects.count, merged.count) && projects[start] == merged[start] { start += 1 }
        let removing = projects.count - start, adding = merged.count - start
        guard removing + adding <= max(projects.count, merged.count) / maxShare else {
            return (ProjectClusters(projects: merged, options: index.options), .rebuilt)
        }
        var index = self.index
        try index.update(removing: start ..< projects.count, adding: merged[start...].map(Self.point))
        // The index must hold a point per project, or its answers would name the wrong ones.
        guard index.count == merged.count else { throw .unknownPoint(merged.count) }
        return (ProjectClusters(positioned: merged, index: index), .incremental(removed: removing, added: adding))
    }
}
