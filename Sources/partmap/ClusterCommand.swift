import ArgumentParser
import Clustering
import Foundation
import GeoJSON
import Participation
import Publishing
import Store

struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster projects by zoom (as web maps do) or by distance (DBSCAN in km).",
        discussion: """
            One of: --zoom Z (what shows at zoom Z, in --bbox or the world), --children ID, \
            --leaves ID, --expansion-zoom ID (of a cluster from --zoom: give the same filters, \
            --radius and --max-zoom), or --dbscan-km KM with --min-points N. Projects are \
            clustered at their public positions (stored ones with --internal), in id order, so \
            cluster ids are the same for the same projects and settings. Output is GeoJSON: a \
            cluster is a Point with cluster, cluster_id, point_count, expansion_zoom, levels, \
            groups and sectors properties and a bbox; a single project is its feature. With \
            --dbscan-km every project gets dbscan_cluster and dbscan_role, and --hulls adds one \
            feature per cluster: a Polygon covering every member (collinear or equal points are \
            buffered by 0.001°), or a MultiPolygon cut at ±180° for a cluster across the antimeridian.
            """)

    enum Hull: String, CaseIterable {
        case convex, concave
    }

    @Option(help: ArgumentHelp("Clusters and projects shown at this zoom (0 or more; above --max-zoom every project is unclustered).", valueName: "Z"))
    var zoom: Int?
    @Option(help: ArgumentHelp("The cluster's children, one zoom in.", valueName: "ID"))
    var children: Int?
    @Option(help: ArgumentHelp("The cluster's projects (with --limit, --offset).", valueName: "ID"))
    var leaves: Int?
    @Option(name: .customLong("expansion-zoom"), help: ArgumentHelp("The zoom at which the cluster splits.", valueName: "ID"))
    var expansionZoom: Int?
    @Option(name: .customLong("dbscan-km"), help: ArgumentHelp("DBSCAN's distance, great-circle km.", valueName: "KM"))
    var dbscanKm: Double?

    @Option(help: ArgumentHelp("Cluster radius in pixels of a 512-pixel tile.", valueName: "PX"))
    var radius = 40.0
    @Option(name: .customLong("max-zoom"), help: ArgumentHelp("The highest zoom that clusters (0 to 24).", valueName: "Z"))
    var maxZoom = 16
    @Option(name: .customLong("min-points"), help: ArgumentHelp("The fewest projects in a cluster (zoom: default 2; DBSCAN: required).", valueName: "N"))
    var minPoints: Int?
    @Option(help: "With --leaves: at most this many.") var limit = 10
    @Option(help: "With --leaves: skip this many first.") var offset = 0
    @Option(help: Choice.help("With --dbscan-km: add each cluster's hull.", Hull.self), transform: Choice.parser()) var hulls: Hull?
    @Option(name: .customLong("hull-ratio"), help: ArgumentHelp("Concave hulls: 0 (tightest) to 1 (convex).", valueName: "R"))
    var hullRatio = 0.3

    @OptionGroup var source: SourceOptions
    @OptionGroup(title: "Area") var area: AreaOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @Flag(help: "Include internal projects, at their stored positions.") var `internal` = false
    @OptionGroup var data: DataOptions

    func validate() throws {
        let modes = [("--zoom", zoom != nil), ("--children", children != nil), ("--leaves", leaves != nil),
                     ("--expansion-zoom", expansionZoom != nil), ("--dbscan-km", dbscanKm != nil)].filter(\.1).map(\.0)
        guard modes.count == 1 else {
            throw ValidationError("expected one of --zoom, --children, --leaves, --expansion-zoom or --dbscan-km, found \(modes.isEmpty ? "none" : modes.joined(separator: " and "))")
        }
        guard (0 ... 24).contains(maxZoom) else { throw ValidationError("--max-zoom: expected 0 to 24, found \(maxZoom)") }
        // As supercluster answers any zoom: above --max-zoom, the level where every project is unclustered,
        // so that an expansion_zoom of --max-zoom + 1 can be asked for.
        if let zoom, zoom < 0 { throw ValidationError("--zoom: expected 0 or more, found \(zoom)") }
        guard radius > 0, radius.isFinite else { throw ValidationError("--radius: expected pixels above 0, found \(radius)") }
        if let minPoints, minPoints < 1 { throw ValidationError("--min-points: expected 1 or more, found \(minPoints)") }
        if let dbscanKm {
            guard dbscanKm > 0, dbscanKm.isFinite else { throw ValidationError("--dbscan-km: expected a distance above 0, found \(dbscanKm)") }
            guard minPoints != nil else { throw ValidationError("--dbscan-km: expected --min-points with it, found none") }
        }
        guard limit >= 0 else { throw ValidationError("--limit: expected 0 or more, found \(limit)") }
        guard offset >= 0 else { throw ValidationError("--offset: expected 0 or more, found \(offset)") }
        guard (0 ... 1).contains(hullRatio) else { throw ValidationError("--hull-ratio: expected 0 to 1, found \(hullRatio)") }
    }

    func run() async throws {
        let atlas = try data.atlas()
        var query = ProjectQuery()
        query.filter = try filters.filter(atlas: atlas)
        query.includeInternal = `internal`
        // In --zoom mode a box is the view, not a filter: clusters near its edges stay whole.
        var view = BoundingBox(west: -180, south: -90, east: 180, north: 90)
        if zoom != nil, case .bbox(let box)? = try area.area(atlas: atlas) { view = box } else { query.area = try area.area(atlas: atlas) }
        if let dbscanKm, let minPoints {
            let projects = try await source.answer(query, atlas: atlas).projects
            print(GeoJSONWriter().write(FeatureCollection(features: try dbscan(projects, epsKm: dbscanKm, minPoints: minPoints))))
            return
        }
        LargeAllocations.mapFrom()
        let input = try await ClusterInput(source: source, query: query, atlas: atlas)
        let index = input.clusters(ZoomClusterOptions(maxZoom: maxZoom, radius: radius, minPoints: minPoints ?? 2))
        let nodes: [ClusterNode]
        do throws(ZoomClusterError) {
            if let zoom {
                nodes = ProjectClusters.nodes(of: index, west: view.west, south: view.south, east: view.east, north: view.north, zoom: zoom)
            } else if let children {
                nodes = try index.children(of: children)
            } else if let leaves {
                nodes = try index.leaves(of: leaves, limit: limit, offset: offset).map { .point($0) }
            } else {
                print(try index.expansionZoom(of: expansionZoom!))
                return
            }
        } catch {
            let flag = children != nil ? "--children" : leaves != nil ? "--leaves" : "--expansion-zoom"
            throw ValidationError("\(flag): \(error) (with these filters, --radius and --max-zoom)")
        }
        // Only the projects shown alone are needed whole.
        let alone = nodes.compactMap { if case .point(let i) = $0 { i } else { nil } }
        var projects = try input.projects(at: alone).makeIterator()
        let features = try nodes.map { node in
            switch node {
            case .point:
                let project = projects.next()!
                return leaves != nil ? project.feature(includeExtra: `internal`) : project.feature(includeDerived: true)
            case .cluster(let cluster):
                return try ProjectClusters.feature(of: cluster, in: index)
            }
        }
        print(GeoJSONWriter().write(FeatureCollection(features: features)))
    }

    /// Every mapped project with its DBSCAN cluster and role, then each cluster's hull if asked.
    private func dbscan(_ projects: [Project], epsKm: Double, minPoints: Int) throws -> [Feature] {
        let mapped = projects.filter { $0.position != nil }
        let result = DBSCAN(positions: mapped.map { $0.position! }, epsKm: epsKm, minPoints: minPoints)
        var features = mapped.enumerated().map { i, project in
            var feature = project.feature(includeExtra: `internal`)
            feature.properties?["dbscan_cluster"] = result.labels[i].map { .number(Double($0)) } ?? .null
            feature.properties?["dbscan_role"] = .string(result.roles[i].rawValue)
            return feature
        }
        guard let hulls else { return features }
        var members = [[Position]](repeating: [], count: result.clusterCount)
        for (i, label) in result.labels.enumerated() { if let label { members[label].append(mapped[i].position!) } }
        let kind: ClusterHull.Kind = hulls == .convex ? .convex : .concave(ratio: hullRatio)
        for (label, positions) in members.enumerated() {
            let hull = try ClusterHull.hull(of: positions, kind: kind)
            features.append(Feature(geometry: hull, properties: JSONObject([
                ("dbscan_cluster", .number(Double(label))), ("point_count", .number(Double(positions.count))),
            ])))
        }
        return features
    }
}
