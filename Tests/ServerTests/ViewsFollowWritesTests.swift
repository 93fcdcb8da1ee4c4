import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Participation
import PostGISStore
import Publishing
@testable import Server
import Store
import TestSupport
import Testing

/// The whole public view follows small writes through the index's update instead of clustering
/// every project again, and answers exactly as a service started afresh on the same store (which
/// builds everything from the store's public view): /clusters at several zooms, tiles, TileJSON
/// and the map's data, byte for byte, after each write of a series.
@Suite(.serialized) struct ViewsFollowWritesTests {
    static let editor: HTTPFields = [.authorization: "Bearer editor-token", .contentType: "application/geo+json"]
    static let items = "/collections/projects/items"

    /// The generated public projects of the hidden-differences fixture (g0000–g0239), placed.
    static func fixture() throws -> [Project] {
        try HiddenDifferences.projects(variant: 0).filter { $0.id.hasPrefix("g") && $0.visibility == .public }
    }

    /// A project of exact precision at a point, as a request body.
    static func body(id: String, lon: Double, lat: Double, country: String, visibility: String = "public") -> ByteBuffer {
        ByteBuffer(string: """
            {"type":"Feature","id":"\(id)","geometry":{"type":"Point","coordinates":[\(lon),\(lat)]},"properties":{"title":"Moved \(id)",
            "organisation":"Org","participationLevel":"led","participantGroups":["youngPeople"],"sector":"civilSociety",
            "purposes":["advocacy"],"countries":["\(country)"],"locationPrecision":"exact","visibility":"\(visibility)","sources":["test"]}}
            """)
    }

    /// What is compared: clusters at several zooms and in a box, TileJSON, the map's data, and
    /// tiles at z0–7 over the points the writes touch and the fixture's first ones.
    static func requests(_ projects: [Project]) -> [(HTTPRequest.Method, String, HTTPFields)] {
        var uris = [0, 1, 2, 3, 4, 6, 8, 11, 16].map { "/clusters?zoom=\($0)" }
        uris += ["/clusters?zoom=5&bbox=30,-5,40,5", "/clusters?zoom=2&bbox=170,-60,-170,60", "/tilejson.json", "/assets/data.js"]
        let points = [(36.82, -1.29), (-0.12, 51.5), (100.5, 13.75), (-77.04, -12.05), (151.2, -33.87)]
            + projects.prefix(10).compactMap { $0.position.map { ($0.longitude, $0.latitude) } }
        for z in 0 ... 7 {
            var tiles = Set<String>()
            for (lon, lat) in points {
                let n = Double(1 << z), phi = lat * .pi / 180
                let x = min(Int(n) - 1, Int((lon + 180) / 360 * n)), y = min(Int(n) - 1, Int((1 - log(tan(phi) + 1 / cos(phi)) / .pi) / 2 * n))
                tiles.insert("/tiles/\(z)/\(x)/\(y).mvt")
            }
            uris += tiles.sorted()
        }
        return uris.map { (.get, $0, [:]) }
    }

    /// Sends one request with a body; returns its status.
    static func send(_ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields,
                     body: ByteBuffer? = nil) async throws -> Int {
        try await Application(router: router).test(.router) { client in
            Int(try await client.execute(uri: uri, method: method, headers: headers, body: body).status.code)
        }
    }

    /// The editor's ETag of a project, for If-Match.
    static func tag(_ router: Router<BasicRequestContext>, _ id: String) async throws -> String {
        try #require(try await get(router, items + "/" + id, headers: [.authorization: "Bearer editor-token"]).header("etag"))
    }

    /// A store object on a file or database; two opened on one location share one store.
    static func open(_ backend: Backend, _ location: String) async throws -> any ProjectStore {
        switch backend {
        case .sqlite: try SQLiteStore(path: location, places: atlas)
        case .postgis: try await PostGISStore(url: location, places: atlas)
        }
    }

    @Test(arguments: Backend.allCases)
    func smallWritesAnswerAsAFreshService(backend: Backend) async throws {
        let projects = try Self.fixture()
        let location = switch backend {
        case .sqlite: FileManager.default.temporaryDirectory.appendingPathComponent("partmap-views-\(UUID()).sqlite").path
        case .postgis: try TestDatabase.make()
        }
        let store = try await Self.open(backend, location)
        let imported = try await store.upsert(projects, date: "2026-11-30", dryRun: false)
        #expect(imported.added == projects.count)
        let (state, live) = liveService(store)
        let requests = Self.requests(projects)
        _ = try await answers(live, requests)
        #expect(try await state.views.publicViewMade() == .rebuilt, "the first view is built")

        // Writes anywhere in the id order follow through the index's update: at the end, at the
        // start (where every cluster id after it moves) and in the middle; the last write changes
        // too many projects and is clustered anew.
        let steps: [(String, expected: ProjectClusters.Update?, () async throws -> Void)] = [
            ("a POST of a new project, last in the id order", .incremental(removed: 0, added: 1), {
                let status = try await Self.send(live, .post, Self.items, headers: Self.editor,
                                                 body: Self.body(id: "g0240", lon: 36.9, lat: -1.2, country: "KE"))
                #expect(status == 201)
            }),
            ("a PUT moving a project", nil, {
                var headers = Self.editor
                headers[.ifMatch] = try await Self.tag(live, "g0236")
                #expect(try await Self.send(live, .put, Self.items + "/g0236", headers: headers,
                                            body: Self.body(id: "g0236", lon: -0.2, lat: 51.45, country: "GB")) == 200)
            }),
            ("a PUT making a project internal", nil, {
                var headers = Self.editor
                headers[.ifMatch] = try await Self.tag(live, "g0237")
                #expect(try await Self.send(live, .put, Self.items + "/g0237", headers: headers,
                                            body: Self.body(id: "g0237", lon: 100.4, lat: 13.7, country: "TH", visibility: "internal")) == 200)
            }),
            ("a DELETE", nil, {
                let status = try await Self.send(live, .delete, Self.items + "/g0239", headers: [.authorization: "Bearer editor-token"])
                #expect(status == 204)
            }),
            ("an import through another store object, as the command line makes", nil, {
                let other = try await Self.open(backend, location)
                var moved = projects[projects.count - 2]
                moved.title = "Retitled"
                var added = projects[0]
                added.id = "g0241"
                _ = try await other.upsert([moved, added], date: "2026-12-01", dryRun: false)
                await other.close()
            }),
            ("a PUT moving the first project in the id order into a clump", .incremental(removed: 1, added: 1), {
                var headers = Self.editor
                headers[.ifMatch] = try await Self.tag(live, "g0000")
                #expect(try await Self.send(live, .put, Self.items + "/g0000", headers: headers,
                                            body: Self.body(id: "g0000", lon: 36.83, lat: -1.28, country: "KE")) == 200)
            }),
            ("a DELETE of the first project in the id order", .incremental(removed: 1, added: 0), {
                let status = try await Self.send(live, .delete, Self.items + "/g0000", headers: [.authorization: "Bearer editor-token"])
                #expect(status == 204)
            }),
            ("a POST of a project in the middle of the id order, beside the next one", .incremental(removed: 0, added: 1), {
                // g0119 has no position, so g0120 (exact) follows the new project in the index too.
                let next = try #require(projects.first { $0.id == "g0120" })
                let at = try #require(next.position), country = try #require(next.countries.first)
                let status = try await Self.send(live, .post, Self.items, headers: Self.editor,
                                                 body: Self.body(id: "g0119m", lon: at.longitude + 0.0001, lat: at.latitude, country: country))
                #expect(status == 201)
            }),
            ("an import making many projects internal", .rebuilt, {
                let other = try await Self.open(backend, location)
                let hidden = projects[1 ..< 60].map { project -> Project in
                    var project = project
                    project.visibility = .internal
                    return project
                }
                _ = try await other.upsert(hidden, date: "2026-12-01", dryRun: false)
                await other.close()
            }),
        ]
        for (what, expected, write) in steps {
            try await write()
            let followed = try await answers(live, requests)
            let made = try await state.views.publicViewMade()
            if let expected { #expect(made == expected, "\(what)") } else {
                guard case .incremental = made else { Issue.record("\(what): made \(made)"); continue }
            }
            let fresh = try await answers(router(store), requests)
            let differing = requests.indices.filter { followed[$0] != fresh[$0] }
            #expect(differing.isEmpty, "\(what): \(differing.count) answers differ, the first \(differing.first.map { requests[$0].1 } ?? "")")
            #expect(followed.filter { $0.status == 200 }.count > requests.count / 2, "\(what): real answers")
        }
    }
}
