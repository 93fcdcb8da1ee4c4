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
    /// The clustering depends on the order of its points (see `ZoomClusters`): only the projects
    /// that changed are removed from the index and inserted again at their places in the new
    /// order, through `ZoomClusters.update`, which ends exactly where a build on the same projects
    /// would. A project read again with the point it had (its position and what it adds to the
    /// tallies) stays in the index. When the points removed and inserted are more than
    /// `1 / maxShare` of the projects, they are clustered anew. Projects without a position are
    /// left out, as `init` does.
    /// - Throws: `ZoomClusterError` if the index and the projects disagree (they never should).
    public func updated(replacing ids: Set<String>, with fresh: [Project], maxShare: Int = 8) throws(ZoomClusterError)
        -> (clusters: ProjectClusters, update: Update) {
        func precedes(_ a: Project, _ b: Project) -> Bool { a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
        let added = fresh.filter { $0.position != nil }.sorted(by: precedes)
        // The points of the projects read again as they are in the index now, by id.
        var before: [String: (index: Int, point: ClusterPoint)] = [:]
        for (index, project) in projects.enumerated() where ids.contains(project.id) { before[project.id] = (index, Self.point(project)) }
        var merged: [Project] = [], removing: [Int] = [], inserting: [(index: Int, point: ClusterPoint)] = []
        merged.reserveCapacity(projects.count + added.count)
        var kept = Set<String>()
        for project in added {
            let point = Self.point(project)
            if before[project.id]?.point == point { kept.insert(project.id) }
        }
        var next = 0
        func place(_ project: Project) {
            if !kept.contains(project.id) { inserting.append((merged.count, Self.point(project))) }
            merged.append(project)
        }
        for (index, project) in projects.enumerated() {
            while next < added.count && precedes(added[next], project) {
                place(added[next])
                next += 1
            }
            if !ids.contains(project.id) {
                merged.append(project)
            } else if !kept.contains(project.id) {
                removing.append(index)
            }
        }
        for project in added[next...] { place(project) }
        guard removing.count + inserting.count <= max(projects.count, merged.count) / maxShare else {
            return (ProjectClusters(projects: merged, options: index.options), .rebuilt)
        }
        var index = self.index
        let inPlace = try index.update(removing: removing, inserting: inserting)
        // The index must hold a point per project, or its answers would name the wrong ones.
        guard index.count == merged.count else { throw .unknownPoint(merged.count) }
        let made: Update = inPlace ? .incremental(removed: removing.count, added: inserting.count) : .rebuilt
        return (ProjectClusters(positioned: merged, index: index), made)
    }
}
