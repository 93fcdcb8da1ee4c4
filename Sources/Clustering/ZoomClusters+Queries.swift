import GeoJSON

extension ZoomClusters {
    /// What is shown at `zoom` inside the box (west > east crosses the antimeridian), in order
    /// (each node where its first point is in the points' order; a box across the antimeridian
    /// gives those of its part up to 180° first).
    public func nodes(west: Double, south: Double, east: Double, north: Double, zoom: Int) -> [ClusterNode] {
        var minLng = ((west + 180).truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) - 180
        let minLat = max(-90, min(90, south))
        var maxLng = east == 180 ? 180 : ((east + 180).truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) - 180
        let maxLat = max(-90, min(90, north))
        if east - west >= 360 {
            (minLng, maxLng) = (-180, 180)
        } else if minLng > maxLng {
            return nodes(west: minLng, south: minLat, east: 180, north: maxLat, zoom: zoom)
                + nodes(west: -180, south: minLat, east: maxLng, north: maxLat, zoom: zoom)
        }
        let level = level(zoom)
        let found = level.range(minX: WebMercator.x(minLng), minY: WebMercator.y(maxLat), maxX: WebMercator.x(maxLng), maxY: WebMercator.y(minLat), nodes)
        return found.sorted { orderKey($0) < orderKey($1) }.map { node($0) }
    }

    /// The node that shows each point at `zoom`, by point index: the point itself, or the
    /// cluster it is in. One pass down the levels, where asking for each cluster's leaves would
    /// walk every cluster's tree.
    public func nodes(ofPointsAt zoom: Int) -> [ClusterNode] {
        let zoom = min(max(zoom, options.minZoom), options.maxZoom + 1)
        return ranked.map { seq in
            var node = Int(pointNodes[Int(seq)])
            for z in stride(from: options.maxZoom + 1, to: zoom, by: -1) { node = Int(levels[z - options.minZoom].out(node)) }
            return self.node(node)
        }
    }

    /// The nodes one zoom in that make up the cluster, in order.
    public func children(of id: Int) throws(ZoomClusterError) -> [ClusterNode] {
        let zoom = id & 31 - 1, rank = id >> 5
        guard id >= 0, zoom >= options.minZoom, zoom <= options.maxZoom, rank < count,
              let handle = clusters.handle(key: ranked[rank], zoom: zoom)
        else { throw .unknownCluster(id) }
        let level = levels[zoom + 1 - options.minZoom]
        let origin = Int(clusters.origins[handle]), slot = clusters.slots[handle]
        var found: [Int] = []
        level.neighbours(of: origin, radius: radius(zoom), nodes, into: &found)
        found.append(origin)
        return found.filter { level.out($0) == slot }.sorted { orderKey($0) < orderKey($1) }.map { node($0) }
    }

    /// The input points of the cluster, `limit` of them from `offset`, in the order children are found.
    public func leaves(of id: Int, limit: Int = 10, offset: Int = 0) throws(ZoomClusterError) -> [Int] {
        var leaves: [Int] = []
        var skipped = 0
        func collect(_ id: Int) throws(ZoomClusterError) {
            for child in try children(of: id) {
                if leaves.count >= limit { return }
                switch child {
                case .cluster(let cluster):
                    if skipped + cluster.pointCount <= offset {
                        skipped += cluster.pointCount
                    } else {
                        try collect(cluster.id)
                    }
                case .point(let index):
                    if skipped < offset { skipped += 1 } else { leaves.append(index) }
                }
            }
        }
        try collect(id)
        return leaves
    }

    /// The zoom at which the cluster splits into more than one node.
    public func expansionZoom(of id: Int) throws(ZoomClusterError) -> Int {
        var id = id
        var zoom = id & 31 - 1
        guard id >= 0, zoom >= options.minZoom, zoom <= options.maxZoom else { throw .unknownCluster(id) }
        while zoom <= options.maxZoom {
            let children = try children(of: id)
            zoom += 1
            guard children.count == 1, case .cluster(let only) = children[0] else { break }
            id = only.id
        }
        return zoom
    }

    /// Node `i` as a query answers it.
    func node(_ i: Int) -> ClusterNode {
        let ref = Int(nodes.ref[i])
        if ref >= 0 { return .point(rank(ofSequence: Int32(ref))) }
        let handle = -ref - 1
        return .cluster(Cluster(
            id: rank(ofSequence: clusters.keys[handle]) << 5 + Int(clusters.zooms[handle]) + 1,
            pointCount: Int(nodes.counts[i]), longitude: WebMercator.longitude(nodes.xs[i]),
            latitude: WebMercator.latitude(nodes.ys[i]), tally: clusters.tally(handle), bbox: clusters.bbox(handle)))
    }
}
