import Foundation
import GeoJSON
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Participation
import Server
import Store
import TestSupport
import Testing

/// Conditional writes are decided in the store, so concurrent writers get exactly one winner:
/// of 24 PUTs with one ETag one is 200 and 23 are 412; of 24 POSTs of one new id one is 201 and
/// 23 are 409; and what is stored is the winner's.
@Suite struct WriteRaceTests {
    static let editor: HTTPFields = [.authorization: "Bearer editor-token", .contentType: "application/geo+json"]

    static func body(id: String, title: String) -> ByteBuffer {
        ByteBuffer(string: """
            {"type":"Feature","id":"\(id)","geometry":{"type":"Point","coordinates":[36.82,-1.29]},"properties":{"title":"\(title)",
            "organisation":"Org","participationLevel":"led","participantGroups":["youngPeople"],"sector":"civilSociety",
            "purposes":["advocacy"],"countries":["KE"],"locationPrecision":"exact","visibility":"public","sources":["test"]}}
            """)
    }

    /// Sends the requests all at once; returns each one's status and body, in the order sent.
    static func race(_ router: Router<BasicRequestContext>, _ requests: [(HTTPRequest.Method, String, HTTPFields, ByteBuffer?)]) async throws -> [(Int, String)] {
        try await Application(router: router).test(.router) { client in
            try await withThrowingTaskGroup(of: (Int, Int, String).self) { group in
                for (i, request) in requests.enumerated() {
                    group.addTask {
                        let response = try await client.execute(uri: request.1, method: request.0, headers: request.2, body: request.3)
                        return (i, Int(response.status.code), String(buffer: response.body))
                    }
                }
                var answers = [(Int, String)](repeating: (0, ""), count: requests.count)
                for try await (i, status, body) in group { answers[i] = (status, body) }
                return answers
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func concurrentCreatesOfOneIdHaveOneWinner(backend: Backend) async throws {
        let store = try await backend.store(with: [])
        let service = router(store)
        let requests = (0 ..< 24).map { i in (HTTPRequest.Method.post, "/collections/projects/items", Self.editor, Optional(Self.body(id: "raced", title: "Writer \(i)"))) }
        let answers = try await Self.race(service, requests)
        #expect(answers.count == 24)
        let winners = answers.indices.filter { answers[$0].0 == 201 }
        #expect(winners.count == 1, "\(answers.map(\.0))")
        #expect(answers.filter { $0.0 == 409 }.count == 23)
        let stored = try #require(try await store.get(ids: ["raced"]).first)
        #expect(winners.count == 1 && stored.title == "Writer \(winners[0])")
    }

    @Test(arguments: Backend.allCases)
    func concurrentReplacesWithOneETagHaveOneWinner(backend: Backend) async throws {
        let store = try await backend.store(with: [])
        let service = router(store)
        let created = try await Self.race(service, [(.post, "/collections/projects/items", Self.editor, Self.body(id: "raced", title: "First"))])
        #expect(created.first?.0 == 201)
        let read = try await get(service, "/collections/projects/items/raced", headers: [.authorization: "Bearer editor-token"])
        let tag = try #require(read.header("etag"))
        var headers = Self.editor
        headers[.ifMatch] = tag
        let requests = (0 ..< 24).map { i in (HTTPRequest.Method.put, "/collections/projects/items/raced", headers, Optional(Self.body(id: "raced", title: "Editor \(i)"))) }
        let answers = try await Self.race(service, requests)
        let winners = answers.indices.filter { answers[$0].0 == 200 }
        #expect(winners.count == 1, "\(answers.map(\.0))")
        #expect(answers.filter { $0.0 == 412 }.count == 23)
        let stored = try #require(try await store.get(ids: ["raced"]).first)
        #expect(winners.count == 1 && stored.title == "Editor \(winners[0])")
    }
}
