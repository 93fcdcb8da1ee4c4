import Clustering
import GeoJSON
import Participation

/// Projects clustered by zoom at the positions given (public ones, for anything published), and
/// the clusters as the documented features: a Point with `cluster`, `cluster_id`, `point_count`,
/// `expansion_zoom`, counts per `levels`, `groups` and `sectors`, and a `bbox` member.
public struct ProjectClusters: Sendable {
    /// The projects clustered, in order: those with a position.
    public let projects: [Project]
    /// The zoom hierarchy over the projects' positions (supercluster's semantics), points in `projects` order.
    public let index: ZoomClusters

    /// Clusters the projects that have a position (degrees), in the order given, with `options`
    /// (zooms, and the radius in pixels of a tile `extent` pixels wide).
    public init(projects: [Project], options: ZoomClusterOptions = ZoomClusterOptions()) {
        self.projects = projects.filter { $0.position != nil }
        index = ZoomClusters(points: self.projects.map(Self.point), options: options)
    }

    /// Projects (each with a position) and an index already made over them, in order.
    init(positioned projects: [Project], index: ZoomClusters) {
        self.projects = projects
        self.index = index
    }

    /// What each project adds to a cluster: one per level, per group it names, per sector.
    /// - Precondition: the project has a position.
    public static func point(_ project: Project) -> ClusterPoint {
        var tally = [Int32](repeating: 0, count: ParticipationLevel.allCases.count + ParticipantGroup.allCases.count + Sector.allCases.count)
        tally[ParticipationLevel.allCases.firstIndex(of: project.participationLevel)!] += 1
        for group in Set(project.participantGroups) {
            tally[ParticipationLevel.allCases.count + ParticipantGroup.allCases.firstIndex(of: group)!] += 1
        }
        tally[ParticipationLevel.allCases.count + ParticipantGroup.allCases.count + Sector.allCases.firstIndex(of: project.sector)!] += 1
        return ClusterPoint(longitude: project.position!.longitude, latitude: project.position!.latitude, tally: tally)
    }

    /// What shows at `zoom` in the box (west > east crosses the antimeridian), as features.
    public func features(west: Double, south: Double, east: Double, north: Double, zoom: Int) throws(ZoomClusterError) -> [Feature] {
        try nodes(west: west, south: south, east: east, north: north, zoom: zoom).map(feature)
    }

    /// What shows at `zoom` in the box, ordered by each node's first point (a point's index, a
    /// cluster's id >> 5; no two nodes of a zoom share one). This order depends on the nodes alone,
    /// not on whether the index was updated in place or built anew, so every answer made from it
    /// does too.
    public func nodes(west: Double, south: Double, east: Double, north: Double, zoom: Int) -> [ClusterNode] {
        Self.nodes(of: index, west: west, south: south, east: east, north: north, zoom: zoom)
    }

    /// What `index` shows at `zoom` in the box, in the order of `nodes(west:south:east:north:zoom:)`.
    public static func nodes(of index: ZoomClusters, west: Double, south: Double, east: Double, north: Double, zoom: Int) -> [ClusterNode] {
        func first(_ node: ClusterNode) -> Int {
            switch node {
            case .point(let index): index
            case .cluster(let cluster): cluster.id >> 5
            }
        }
        return index.nodes(west: west, south: south, east: east, north: north, zoom: zoom).sorted { first($0) < first($1) }
    }

    /// The nodes one zoom below the cluster's, as features (see the type).
    /// - Throws: `ZoomClusterError.unknownCluster` for an id the index does not have.
    public func children(of id: Int) throws(ZoomClusterError) -> [Feature] {
        try index.children(of: id).map(feature)
    }

    /// The cluster's projects, in index order, `limit` of them after skipping `offset`.
    /// - Throws: `ZoomClusterError.unknownCluster` for an id the index does not have.
    public func leaves(of id: Int, limit: Int, offset: Int) throws(ZoomClusterError) -> [Project] {
        try index.leaves(of: id, limit: limit, offset: offset).map { projects[$0] }
    }

    /// A node as its feature: a project's public feature, or a cluster's Point (its weighted
    /// centre in degrees) with the contract's properties and its members' box as `bbox`.
    /// - Throws: `ZoomClusterError` when the cluster's expansion zoom cannot be read back.
    public func feature(_ node: ClusterNode) throws(ZoomClusterError) -> Feature {
        switch node {
        case .point(let index):
            return projects[index].feature(includeDerived: true)
        case .cluster(let cluster):
            return try Self.feature(of: cluster, in: index)
        }
    }

    /// A cluster of `index` as the documented feature: a Point with `cluster`, `cluster_id`,
    /// `point_count`, `expansion_zoom`, counts per `levels`, `groups` and `sectors`, and a `bbox`.
    /// - Throws: `ZoomClusterError` when the index does not hold the cluster.
    public static func feature(of cluster: Cluster, in index: ZoomClusters) throws(ZoomClusterError) -> Feature {
        var properties = JSONObject()
        properties["cluster"] = .bool(true)
        properties["cluster_id"] = .number(Double(cluster.id))
        properties["point_count"] = .number(Double(cluster.pointCount))
        properties["expansion_zoom"] = .number(Double(try index.expansionZoom(of: cluster.id)))
        let counts = cluster.tally.map { JSONValue.number(Double($0)) }
        let levels = ParticipationLevel.allCases.count, groups = ParticipantGroup.allCases.count
        properties["levels"] = Self.object(ParticipationLevel.allCases.map(\.rawValue), counts[0 ..< levels])
        properties["groups"] = Self.object(ParticipantGroup.allCases.map(\.rawValue), counts[levels ..< levels + groups])
        properties["sectors"] = Self.object(Sector.allCases.map(\.rawValue), counts[(levels + groups)...])
        return Feature(
            geometry: .point(Position(longitude: cluster.longitude, latitude: cluster.latitude)), properties: properties,
            bbox: cluster.bbox.degrees)
    }

    private static func object(_ keys: [String], _ values: ArraySlice<JSONValue>) -> JSONValue {
        .object(JSONObject(Array(zip(keys, values)).map { (key: $0.0, value: $0.1) }))
    }
}
