import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// A PUT shows on the next request everywhere the project is drawn or counted: a PUT that moves a
/// project far away, then one that makes it internal, change /clusters (counts and positions at
/// several zooms), the tiles at the old and the new position (read by mapbox-vector-tile),
/// /summaries and the map's data, on both stores. Every expected value comes from the requests
/// the test makes.
@Suite struct PutFollowingTests {
    typealias Place = (id: String, country: String, lon: Double, lat: Double)
    /// Two projects near Nairobi that stay, one that moves, and one in Oslo.
    static let n1: Place = ("n1", "KE", 36.80, -1.30), n2: Place = ("n2", "KE", 36.81, -1.31)
    static let mover: Place = ("mover", "KE", 36.82, -1.29), oslo: Place = ("o1", "NO", 10.75, 59.91)
    /// Where the mover goes.
    static let lima: Place = ("mover", "PE", -77.04, -12.05)
    /// Zooms at which the Nairobi projects are one cluster (40 px is at least 0.05° there), and one at
    /// which every project stands alone (40 px is 0.0005°).
    static let clusteredZooms = [0, 5, 9], aloneZoom = 16

    static func body(_ place: Place, visibility: String = "public") -> ByteBuffer {
        ByteBuffer(string: """
            {"type":"Feature","id":"\(place.id)","geometry":{"type":"Point","coordinates":[\(place.lon),\(place.lat)]},"properties":{\
            "title":"Project \(place.id)","organisation":"Org","participationLevel":"led","participantGroups":["youngPeople"],\
            "sector":"civilSociety","countries":["\(place.country)"],"locationPrecision":"exact","visibility":"\(visibility)","sources":["test"]}}
            """)
    }

    /// One request as the editor; its status and ETag.
    static func write(_ service: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ uri: String, _ body: ByteBuffer,
                      ifMatch: String? = nil) async throws -> (Int, String?) {
        var headers: HTTPFields = [.authorization: "Bearer editor-token", .contentType: "application/geo+json"]
        if let ifMatch { headers[.ifMatch] = ifMatch }
        let fields = headers
        return try await Application(router: service).test(.router) { client in
            let response = try await client.execute(uri: uri, method: method, headers: fields, body: body)
            return (Int(response.status.code), response.headers[.eTag])
        }
    }

    /// What a map shows at a zoom: each cluster as "cluster of N" and each project by its id, at
    /// its position, in a fixed order.
    struct Shown: CustomStringConvertible {
        var label: String
        var lon: Double, lat: Double
        var description: String { "\(label) at \(lon),\(lat)" }

        static func sorted(_ shown: [Shown]) -> [Shown] { shown.sorted { ($0.label, $0.lon) < ($1.label, $1.lon) } }

        /// The same labels, each within `degrees` of its expected position.
        static func matches(_ got: [Shown], _ expected: [Shown], within degrees: Double = 1e-4) -> Bool {
            got.count == expected.count && zip(sorted(got), sorted(expected)).allSatisfy {
                $0.label == $1.label && abs($0.lon - $1.lon) <= degrees && abs($0.lat - $1.lat) <= degrees
            }
        }
    }

    static func alone(_ place: Place) -> Shown { Shown(label: place.id, lon: place.lon, lat: place.lat) }

    /// A cluster of `places` where supercluster puts it: the mean of their Web Mercator x and y
    /// (its `lngX`/`latY` and back), each project weighing one.
    static func cluster(_ places: [Place]) -> Shown {
        let x = places.map { $0.lon / 360 + 0.5 }.reduce(0, +) / Double(places.count)
        let y = places.map { place -> Double in
            let s = sin(place.lat * .pi / 180)
            return 0.5 - 0.25 * log((1 + s) / (1 - s)) / .pi
        }.reduce(0, +) / Double(places.count)
        let lat = 360 * atan(exp((180 - y * 360) * .pi / 180)) / .pi - 90
        return Shown(label: "cluster of \(places.count)", lon: (x - 0.5) * 360, lat: lat)
    }

    static func clusters(_ service: Router<BasicRequestContext>, zoom: Int) async throws -> [Shown] {
        let answer = try await get(service, "/clusters?zoom=\(zoom)")
        let features = try #require((answer.json as? [String: Any])?["features"] as? [[String: Any]], "\(answer)")
        return try features.map { feature in
            let position = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let label = properties["cluster"] as? Bool == true ? "cluster of \(properties["point_count"] as? Int ?? -1)" : feature["id"] as? String ?? "?"
            return Shown(label: label, lon: position[0], lat: position[1])
        }
    }

    /// One of the 4096 pixels across a tile at zoom 0, in degrees: how far a position may move
    /// when a z0 tile stores it.
    static let z0Pixel = 360.0 / 4096

    /// The z/x/y of the tile holding a position (Web Mercator, as the OSM wiki's slippy map
    /// tilenames give it).
    static func tile(_ place: Place, zoom: Int) -> String {
        let n = Double(1 << zoom), radians = place.lat * .pi / 180
        let x = Int(((place.lon + 180) / 360 * n).rounded(.down))
        let y = Int(((1 - log(tan(radians) + 1 / cos(radians)) / .pi) / 2 * n).rounded(.down))
        return "\(zoom)/\(x)/\(y)"
    }

    /// The "projects" layer of each tile, decoded by mapbox-vector-tile; an empty tile (204) has none.
    static func tiles(_ service: Router<BasicRequestContext>, _ keys: [String]) async throws -> [String: [Shown]] {
        var encoded: [String: String] = [:]
        for key in keys {
            let answer = try await get(service, "/tiles/\(key).mvt")
            try #require(answer.status == 200 || answer.status == 204, "\(key): \(answer)")
            encoded[key] = Data(answer.body).base64EncodedString()
        }
        let input = String(decoding: try JSONSerialization.data(withJSONObject: encoded), as: UTF8.self)
        let output = try Python.run(script: PackageRoot.path + "/Tools/reference/read_tiles.py", arguments: [], input: input)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: [[String: Any]]]])
        try #require(decoded.count == keys.count, "every tile decoded")
        return try decoded.mapValues { layers in
            try (layers["projects"] ?? []).map { feature in
                let properties = feature["properties"] as? [String: Any] ?? [:]
                let position = try #require(feature["lonlat"] as? [Double])
                let label = properties["point_count"].map { "cluster of \($0)" } ?? properties["id"] as? String ?? "?"
                return Shown(label: label, lon: position[0], lat: position[1])
            }
        }
    }

    /// /summaries?by=country as country code → count, and its total.
    static func countries(_ service: Router<BasicRequestContext>) async throws -> ([String: Int], Int) {
        let answer = try await get(service, "/summaries?by=country")
        let json = try #require(answer.json as? [String: Any], "\(answer)")
        let rows = try #require(json["rows"] as? [[String: Any]])
        var counts: [String: Int] = [:]
        for row in rows { counts[((row["country"] as? [String: Any])?["code"] as? String) ?? "?", default: 0] += row["count"] as? Int ?? -1 }
        return (counts, json["total"] as? Int ?? -1)
    }

    /// The map's data (data.js): each country's count, and the bounds it opens on.
    static func mapData(_ service: Router<BasicRequestContext>) async throws -> ([String: Int], [Double]) {
        let text = try await get(service, "/assets/data.js").text
        let prefix = "window.PARTMAP_DATA = "
        try #require(text.hasPrefix(prefix) && text.hasSuffix(";\n"), "\(text.prefix(80))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.dropFirst(prefix.count).dropLast(2).utf8)) as? [String: Any])
        var counts: [String: Int] = [:]
        for country in json["countries"] as? [[String: Any]] ?? [] {
            if let code = country["code"] as? String, let count = country["count"] as? Int, count > 0 { counts[code] = count }
        }
        return (counts, json["bounds"] as? [Double] ?? [])
    }

    @Test(arguments: Backend.allCases)
    func aPutThatMovesAProjectThenHidesItShowsOnTheNextRequest(backend: Backend) async throws {
        let service = router(try await backend.store(with: []))
        for place in [Self.n1, Self.n2, Self.mover, Self.oslo] {
            let (status, _) = try await Self.write(service, .post, "/collections/projects/items", Self.body(place))
            try #require(status == 201, "POST \(place.id)")
        }
        let oldTile = Self.tile(Self.mover, zoom: 14), newTile = Self.tile(Self.lima, zoom: 14)
        try #require(oldTile != newTile)

        // Before: the mover is clustered with the Nairobi two and drawn in its tile.
        for zoom in Self.clusteredZooms {
            let shown = try await Self.clusters(service, zoom: zoom)
            #expect(Shown.matches(shown, [Self.cluster([Self.n1, Self.n2, Self.mover]), Self.alone(Self.oslo)]), "z\(zoom) before: \(shown)")
        }
        let before = try await Self.tiles(service, [oldTile, newTile])
        #expect(before[oldTile]?.contains { $0.label == "mover" } == true && before[newTile]?.isEmpty == true, "\(before)")
        let read = try await get(service, "/collections/projects/items/mover", headers: [.authorization: "Bearer editor-token"])
        let etag = try #require(read.header("etag"), "\(read)")

        // Moved to Lima.
        let (moved, newTag) = try await Self.write(service, .put, "/collections/projects/items/mover", Self.body(Self.lima), ifMatch: etag)
        try #require(moved == 200)
        for zoom in Self.clusteredZooms {
            let shown = try await Self.clusters(service, zoom: zoom)
            let expected = [Self.cluster([Self.n1, Self.n2]), Self.alone(Self.lima), Self.alone(Self.oslo)]
            #expect(Shown.matches(shown, expected), "z\(zoom) after the move: \(shown), expected \(expected)")
        }
        let alone = try await Self.clusters(service, zoom: Self.aloneZoom)
        #expect(Shown.matches(alone, [Self.n1, Self.n2, Self.lima, Self.oslo].map(Self.alone)), "z\(Self.aloneZoom): \(alone)")
        let world = try await get(service, "/clusters?zoom=0")
        let nairobi = ((world.json as? [String: Any])?["features"] as? [[String: Any]])?.first { ($0["properties"] as? [String: Any])?["cluster"] as? Bool == true }
        let box = try #require(nairobi?["bbox"] as? [Double])
        #expect(box.count == 4 && zip(box, [36.80, -1.31, 36.81, -1.30]).allSatisfy { abs($0 - $1) < 1e-6 }, "the cluster's box: \(box)")
        let tilesMoved = try await Self.tiles(service, [oldTile, newTile, "0/0/0"])
        #expect(tilesMoved[oldTile]?.contains { $0.label == "mover" } == false, "gone from the old tile: \(tilesMoved[oldTile] ?? [])")
        let drawn = tilesMoved[newTile]?.filter { $0.label == "mover" } ?? []
        #expect(drawn.count == 1 && drawn.allSatisfy { abs($0.lon - Self.lima.lon) < 1e-4 && abs($0.lat - Self.lima.lat) < 1e-4 }, "in the new tile: \(drawn)")
        #expect(Shown.matches(tilesMoved["0/0/0"] ?? [], [Self.cluster([Self.n1, Self.n2]), Self.alone(Self.lima), Self.alone(Self.oslo)],
                               within: Self.z0Pixel), "z0 tile: \(tilesMoved["0/0/0"] ?? [])")
        let (summary, total) = try await Self.countries(service)
        #expect(summary == ["KE": 2, "PE": 1, "NO": 1] && total == 4, "\(summary) \(total)")
        let (map, bounds) = try await Self.mapData(service)
        #expect(map == ["KE": 2, "PE": 1, "NO": 1], "\(map)")
        #expect(bounds.count == 4 && bounds[0] <= Self.lima.lon && bounds[1] <= Self.lima.lat, "the map opens on Lima too: \(bounds)")

        // Made internal where it now is.
        let tag = try #require(newTag)
        let (hidden, _) = try await Self.write(service, .put, "/collections/projects/items/mover", Self.body(Self.lima, visibility: "internal"), ifMatch: tag)
        try #require(hidden == 200)
        for zoom in Self.clusteredZooms + [Self.aloneZoom] {
            let shown = try await Self.clusters(service, zoom: zoom)
            let expected = zoom == Self.aloneZoom ? [Self.n1, Self.n2, Self.oslo].map(Self.alone) : [Self.cluster([Self.n1, Self.n2]), Self.alone(Self.oslo)]
            #expect(Shown.matches(shown, expected), "z\(zoom) once internal: \(shown)")
        }
        let tilesHidden = try await Self.tiles(service, [newTile, "0/0/0"])
        #expect(tilesHidden[newTile]?.isEmpty == true, "\(tilesHidden[newTile] ?? [])")
        #expect(Shown.matches(tilesHidden["0/0/0"] ?? [], [Self.cluster([Self.n1, Self.n2]), Self.alone(Self.oslo)], within: Self.z0Pixel),
                "\(tilesHidden["0/0/0"] ?? [])")
        let (summaryHidden, totalHidden) = try await Self.countries(service)
        #expect(summaryHidden == ["KE": 2, "NO": 1] && totalHidden == 3, "\(summaryHidden)")
        let (mapHidden, boundsHidden) = try await Self.mapData(service)
        #expect(mapHidden == ["KE": 2, "NO": 1], "\(mapHidden)")
        #expect(boundsHidden.count == 4 && boundsHidden[0] > Self.lima.lon, "the map no longer opens on Lima: \(boundsHidden)")
    }
}
