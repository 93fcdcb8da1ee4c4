import Clustering
import GeoJSON
import Participation
import Regions
import Tiles

/// The features of the tiles, built straight from the records and clusters: each property as a
/// tile value, lists and objects as compact JSON text, in the order of the GeoJSON features the
/// site and the service publish (Participation's `feature(includeDerived:)`, `ProjectClusters.feature`).
extension TilePyramid {
    /// A node of the `projects` layer: its id (clusters), its properties (a project's id first),
    /// and where it is in tiles of this zoom. `project` gives a project's properties by its index
    /// in `clusters.projects` (made once per publish, `properties(of:)`).
    /// - Throws: `ZoomClusterError` when a cluster cannot be read back from the index.
    static func tileFeature(_ node: ClusterNode, clusters: ProjectClusters, zoom: Int, project: (Int) -> [(String, TileValue)])
        throws(ZoomClusterError) -> (id: UInt64?, properties: [(String, TileValue)], x: Double, y: Double)
    {
        let n = Double(1 << zoom)
        switch node {
        case .point(let index):
            let position = clusters.projects[index].position!
            return (nil, project(index), WebMercator.x(position.longitude) * n, WebMercator.y(position.latitude) * n)
        case .cluster(let cluster):
            let properties = properties(of: cluster, expansionZoom: try clusters.index.expansionZoom(of: cluster.id))
            return (UInt64(cluster.id), properties, WebMercator.x(cluster.longitude) * n, WebMercator.y(cluster.latitude) * n)
        }
    }

    /// A project's properties in the `projects` layer: `id`, then those of its public GeoJSON
    /// feature with the derived areas, in their order, absent ones left out, lists as JSON text.
    static func properties(of project: Project) -> [(String, TileValue)] {
        let writer = GeoJSONWriter()
        func list(_ items: [String]) -> TileValue { .string(writer.write(.array(items.map(JSONValue.string)))) }
        var result: [(String, TileValue)] = [("id", .string(project.id)), ("title", .string(project.title)), ("organisation", .string(project.organisation))]
        func add(_ key: String, _ value: String?) { if let value { result.append((key, .string(value))) } }
        add("description", project.description)
        add("url", project.url)
        add("initiative", project.initiative)
        result.append(("participationLevel", .string(project.participationLevel.rawValue)))
        result.append(("participantGroups", list(project.participantGroups.map(\.rawValue))))
        result.append(("sector", .string(project.sector.rawValue)))
        result.append(("purposes", list(project.purposes.map(\.rawValue))))
        result.append(("countries", list(project.countries)))
        add("city", project.city)
        if let year = project.startYear { result.append(("startYear", .int(Int64(year)))) }
        if let year = project.endYear { result.append(("endYear", .int(Int64(year)))) }
        result.append(("locationPrecision", .string(project.locationPrecision.rawValue)))
        result.append(("visibility", .string(project.visibility.rawValue)))
        result.append(("sources", list(project.sources)))
        add("updated", project.updated)
        for (name, value) in project.derivedProperties { result.append((name, .string(value))) }
        return result
    }

    /// A cluster's properties in the `projects` layer: `cluster`, `cluster_id`, `point_count`,
    /// `expansion_zoom`, the counts per level, group and sector as JSON objects, and its `bbox`
    /// (west, south, east, north in degrees) as a JSON array.
    static func properties(of cluster: Cluster, expansionZoom: Int) -> [(String, TileValue)] {
        let writer = GeoJSONWriter()
        let levels = ParticipationLevel.allCases.count, groups = ParticipantGroup.allCases.count
        func counts(_ names: [String], _ tally: ArraySlice<Int32>) -> TileValue {
            .string(writer.write(.object(JSONObject(zip(names, tally).map { (key: $0, value: .number(Double($1))) }))))
        }
        return [
            ("cluster", .bool(true)), ("cluster_id", .int(Int64(cluster.id))), ("point_count", .int(Int64(cluster.pointCount))),
            ("expansion_zoom", .int(Int64(expansionZoom))),
            ("levels", counts(ParticipationLevel.allCases.map(\.rawValue), cluster.tally[0 ..< levels])),
            ("groups", counts(ParticipantGroup.allCases.map(\.rawValue), cluster.tally[levels ..< levels + groups])),
            ("sectors", counts(Sector.allCases.map(\.rawValue), cluster.tally[(levels + groups)...])),
            ("bbox", .string(writer.write(.array(cluster.bbox.degrees.map(JSONValue.number))))),
        ]
    }

    /// The tiles a point at (x, y), in tiles of this zoom, falls in or within the buffer of.
    static func placements(x: Double, y: Double, zoom: Int, options: TileOptions) -> [(TileID, TilePoint)] {
        let n = 1 << zoom, extent = Double(options.extent), buffer = Double(options.buffer)
        let tx = min(n - 1, max(0, Int(x.rounded(.down)))), ty = min(n - 1, max(0, Int(y.rounded(.down))))
        var found: [(TileID, TilePoint)] = []
        for dx in -1 ... 1 {
            for dy in -1 ... 1 {
                let cx = tx + dx, cy = ty + dy
                guard cx >= 0, cx < n, cy >= 0, cy < n else { continue }
                let px = ((x - Double(cx)) * extent).rounded(), py = ((y - Double(cy)) * extent).rounded()
                guard px >= -buffer, px <= extent + buffer, py >= -buffer, py <= extent + buffer else { continue }
                found.append((TileID(z: zoom, x: cx, y: cy), TilePoint(x: Int32(px), y: Int32(py))))
            }
        }
        return found
    }

    /// A country's properties in the regions layer.
    public static func regionProperties(_ boundary: CountryBoundary, counts: RegionCounts) -> [(String, TileValue)] {
        let code = boundary.assignment.country
        return [
            ("country", .string(code ?? boundary.adm0)), ("name", .string(boundary.name)),
            ("count", .int(Int64(counts.count(code)))), ("levels", .string(GeoJSONWriter().write(counts.levels(code)))),
        ]
    }

    /// A feature's properties as tile values, in order; nulls left out.
    public static func properties(_ feature: Feature) -> [(String, TileValue)] {
        var result: [(String, TileValue)] = []
        for (key, value) in feature.properties ?? JSONObject() {
            switch value {
            case .null: continue
            case .bool(let b): result.append((key, .bool(b)))
            case .string(let s): result.append((key, .string(s)))
            case .number(let d): result.append((key, d.rounded() == d && abs(d) < 9e15 ? .int(Int64(d)) : .double(d)))
            case .array, .object: result.append((key, .string(GeoJSONWriter().write(value))))
            }
        }
        if let bbox = feature.bbox { result.append(("bbox", .string(GeoJSONWriter().write(.array(bbox.map(JSONValue.number)))))) }
        return result
    }
}
