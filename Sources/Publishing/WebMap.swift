import Clustering
import Foundation
import GeoJSON
import Participation
import Regions

/// The offline web map: Leaflet (copied from Debian's libjs-leaflet), a country choropleth, and
/// partmap's own clusters, computed for the 256-pixel tiles the page draws, with the projects each
/// stands for, so that filters recount clusters exactly without clustering again in the browser.
/// Everything it needs is in the folder and loads with `<script>` tags, so it opens from file://:
/// `assets/data.js` holds every public project once (mapped or not) and the places; each zoom's
/// nodes are in `assets/zooms/Z.js`, loaded when the map first shows that zoom. The page, its
/// style and its script are the files of `Resources/`, compiled into the binary
/// (`WebMapAssets.swift`), so that an installed binary needs no resource bundle beside it.
public enum WebMap {
    /// Clusters as the page draws them: Leaflet's 256-pixel tiles, and a radius wide enough that
    /// the largest marker (36 px across, `map.js`) seldom touches its neighbour.
    public static let clusterOptions = ZoomClusterOptions(radius: 56, extent: 256)

    static func write(views: [Project], atlas: Atlas, options: SiteOptions, bounds: BoundingBox,
                      put: (String, [UInt8]) throws -> Void) throws {
        let leaflet = options.leafletDirectory
        for file in ["leaflet.js", "leaflet.css"] {
            guard let data = FileManager.default.contents(atPath: leaflet + "/" + file) else { throw SiteError.missingLeaflet(leaflet) }
            try put("assets/leaflet/" + file, Array(data))
        }
        for image in (try? FileManager.default.contentsOfDirectory(atPath: leaflet + "/images"))?.sorted() ?? [] where image.hasSuffix(".png") {
            if let data = FileManager.default.contents(atPath: leaflet + "/images/" + image) { try put("assets/leaflet/images/" + image, Array(data)) }
        }
        let writer = GeoJSONWriter(precision: 6)
        // Mapped projects keep their place in `views`, so one index names a project everywhere.
        let clusters = ProjectClusters(projects: views, options: clusterOptions)
        let mapped = views.indices.filter { views[$0].position != nil }
        var files: [(key: String, value: JSONValue)] = []
        var previous: (zoom: Int, nodes: JSONValue)?
        for zoom in options.tiles.minZoom ... options.tiles.maxZoom {
            let nodes = zoomNodes(clusters: clusters, mapped: mapped, zoom: zoom)
            // Zooms past the last cluster show the same nodes: they share the file.
            if let previous, previous.nodes == nodes {
                files.append((String(zoom), .number(Double(previous.zoom))))
                continue
            }
            try put("assets/zooms/\(zoom).js", Array("PARTMAP_ZOOM(\(zoom), \(writer.write(nodes)));\n".utf8))
            files.append((String(zoom), .number(Double(zoom))))
            previous = (zoom, nodes)
        }
        let data = JSONValue.object(JSONObject(common(options: options, bounds: bounds) + [
            ("projects", .array(views.map(mapProject))),
            ("places", places(views)),
            ("countryNames", countryNames(views, atlas: atlas)),
            ("zoomFiles", .object(JSONObject(files))),
            ("countries", try countries(counts: nil, atlas: atlas)),
        ]))
        try put("assets/data.js", Array(("window.PARTMAP_DATA = " + writer.write(data) + ";\n").utf8))
        try put("assets/map.js", PackageResources.map_js)
        try put("assets/map.css", PackageResources.map_css)
        try put("index.html", PackageResources.index_html)
    }

    /// The nodes of one zoom as `[lon, lat, [project index, …]]`, in the order of each node's first project.
    static func zoomNodes(clusters: ProjectClusters, mapped: [Int], zoom: Int) -> JSONValue {
        var order: [ClusterNode] = [], members: [ClusterNode: [Int]] = [:]
        for (i, node) in clusters.index.nodes(ofPointsAt: zoom).enumerated() {
            if members[node] == nil { order.append(node) }
            members[node, default: []].append(mapped[i])
        }
        return .array(order.map { node in
            let leaves = JSONValue.array(members[node]!.map { .number(Double($0)) })
            switch node {
            case .point(let i):
                let p = clusters.projects[i].position!
                return .array([.number(p.longitude), .number(p.latitude), leaves])
            case .cluster(let c):
                return .array([.number(c.longitude), .number(c.latitude), leaves])
            }
        })
    }

    /// What the map needs when `partmap serve` serves it at /map: no projects or clusters (it
    /// asks the live routes for them), the countries with their counts, the filter terms, and the
    /// places of `views` (the public view) for the place filter: regions, sub-regions,
    /// intermediate regions and countries by name.
    /// - Throws: `RegionsError` naming the boundaries file when it cannot be read.
    public static func liveData(counts: RegionCounts, views: [Project], atlas: Atlas, options: SiteOptions, bounds: BoundingBox) throws -> String {
        let data = JSONValue.object(JSONObject([("live", .bool(true))] + common(options: options, bounds: bounds) + [
            ("places", places(views, countries: atlas)),
            ("countries", try countries(counts: counts, atlas: atlas)),
        ]))
        return "window.PARTMAP_DATA = " + GeoJSONWriter(precision: 6).write(data) + ";\n"
    }

    /// What both kinds of data.js hold: attribution, zooms, bounds, the filters' terms and their labels.
    static func common(options: SiteOptions, bounds: BoundingBox) -> [(key: String, value: JSONValue)] {
        [
            ("attribution", .string(options.attribution)),
            ("minZoom", .number(Double(options.tiles.minZoom))),
            ("maxZoom", .number(Double(options.tiles.maxZoom))),
            ("bounds", .array(bounds.degrees.map(JSONValue.number))),
            ("levels", .array(ParticipationLevel.allCases.map { .string($0.rawValue) })),
            ("groups", .array(ParticipantGroup.allCases.map { .string($0.rawValue) })),
            ("sectors", .array(Sector.allCases.map { .string($0.rawValue) })),
            ("labels", labels),
        ]
    }

    /// The taxonomy's words (Participation's `label` and `meaning`), for the script's filters,
    /// popups, legend and chart: `{"level": {"led": [NAME, MEANING], …}, "group": {VALUE: NAME, …},
    /// "sector": {…}, "purpose": {…}}`, each in the taxonomy's order.
    static let labels: JSONValue = {
        func words<T: RawRepresentable<String>>(_ cases: [T], _ word: (T) -> JSONValue) -> JSONValue {
            .object(JSONObject(cases.map { (key: $0.rawValue, value: word($0)) }))
        }
        return .object(JSONObject([
            ("level", words(ParticipationLevel.allCases) { .array([.string($0.label), .string($0.meaning)]) }),
            ("group", words(ParticipantGroup.allCases) { .string($0.label) }),
            ("sector", words(Sector.allCases) { .string($0.label) }),
            ("purpose", words(Purpose.allCases) { .string($0.label) }),
        ]))
    }()

    /// Country polygons for the choropleth, with their codes; with `counts` (the live map) their
    /// numbers of projects too, else the page counts the projects that match its filters.
    static func countries(counts: RegionCounts?, atlas: Atlas) throws -> JSONValue {
        .array(try atlas.boundaries.map { boundary in
            let geometry = Geometry.polygonal(boundary.parts)
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(boundary.name)), ("code", boundary.assignment.country.map(JSONValue.string) ?? .null),
            ]
            if let counts { members.append(("count", .number(Double(counts.count(boundary.assignment.country))))) }
            members.append(("geometry", geometryJSON(geometry)))
            return .object(JSONObject(members))
        })
    }

    /// The places the projects are in, for the place filter: regions, sub-regions and intermediate
    /// regions, each once, by kind and then by name; with `countries` (the live map, which has no
    /// projects for the page to list them from), the countries the projects lie in too, by name.
    static func places(_ views: [Project], countries atlas: Atlas? = nil) -> JSONValue {
        var seen: [String: (kind: Int, name: String)] = [:]
        for derived in views.compactMap(\.derived) {
            for (kind, area) in [(0, derived.region), (1, derived.subregion), (2, derived.intermediateRegion)] {
                if let area { seen["m" + area.code] = (kind, area.name) }
            }
            if let atlas, let code = derived.country { seen[code] = (3, atlas.countryName(code) ?? code) }
        }
        let kinds = ["region", "subregion", "intermediate", "country"]
        return .array(seen.sorted { ($0.value.kind, $0.value.name) < ($1.value.kind, $1.value.name) }.map { code, area in
            .object(JSONObject([("code", .string(code)), ("name", .string(area.name)), ("kind", .string(kinds[area.kind]))]))
        })
    }

    /// English names of every country a project names or is placed in.
    static func countryNames(_ views: [Project], atlas: Atlas) -> JSONValue {
        let codes = Set(views.flatMap { $0.countries + [$0.derived?.country].compactMap { $0 } })
        return .object(JSONObject(codes.sorted().map { (key: $0, value: .string(atlas.countryName($0) ?? $0)) }))
    }

    /// A project as the map shows it: its public properties, its places (M49 codes prefixed
    /// with `m`, and its country) and its public position.
    static func mapProject(_ project: Project) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("id", .string(project.id)), ("title", .string(project.title)),
                                                           ("organisation", .string(project.organisation))]
        func add(_ key: String, _ value: JSONValue?) { if let value { members.append((key, value)) } }
        add("description", project.description.map(JSONValue.string))
        add("url", project.url.map(JSONValue.string))
        add("level", .string(project.participationLevel.rawValue))
        add("groups", .array(project.participantGroups.map { .string($0.rawValue) }))
        add("sector", .string(project.sector.rawValue))
        add("purposes", .array(project.purposes.map { .string($0.rawValue) }))
        add("countries", .array(project.countries.map(JSONValue.string)))
        add("city", project.city.map(JSONValue.string))
        add("startYear", project.startYear.map { .number(Double($0)) })
        add("endYear", project.endYear.map { .number(Double($0)) })
        add("sources", .array(project.sources.map(JSONValue.string)))
        if let derived = project.derived {
            let areas = [derived.region, derived.subregion, derived.intermediateRegion].compactMap { $0 }.map { JSONValue.string("m" + $0.code) }
            add("places", .array(areas + [derived.country].compactMap { $0 }.map(JSONValue.string)))
            add("region", derived.region.map { .string($0.name) })
            add("country", derived.country.map(JSONValue.string))
        }
        add("lonlat", project.position.map { .array([.number($0.longitude), .number($0.latitude)]) })
        return .object(JSONObject(members))
    }

    static func geometryJSON(_ geometry: Geometry) -> JSONValue {
        // Rounded to about 100 m: a choropleth needs no more, and data.js stays small.
        let text = GeoJSONWriter(precision: 3).write(geometry)
        return (try? JSONParser.parse(text)) ?? .null
    }
}
