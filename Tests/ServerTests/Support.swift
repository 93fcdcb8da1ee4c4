import Foundation
import GeoJSON
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Participation
import PostGISStore
import Regions
@testable import Server
import Store
import TestSupport

let atlas: Atlas = {
    do { return try Atlas(dataDirectory: PackageRoot.dataDirectory) } catch {
        preconditionFailure("Data/ must load for these tests: \(error)")
    }
}()

/// The two stores every server test runs on; PostGIS is the cluster `make test` starts.
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgis

    var description: String { rawValue }

    func makeStore() async throws -> any ProjectStore {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-server-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path, places: atlas)
        case .postgis:
            return try await PostGISStore(url: try TestDatabase.make(), places: atlas)
        }
    }

    /// A new store holding `projects`, imported on a fixed date.
    func store(with projects: [Project]) async throws -> any ProjectStore {
        let store = try await makeStore()
        let summary = try await store.upsert(projects, date: "2026-11-30", dryRun: false)
        guard summary.added == projects.count else { throw ReferenceError("imported \(summary.added) of \(projects.count)") }
        return store
    }
}

/// Stores that tests only read, made once per run and shared: one per fixture and backend, so that
/// PostGIS gets one database per suite rather than one per test. A fixture that fails to load
/// fails every test that asks for it, with its error.
actor SharedStores {
    static let shared = SharedStores()
    private var stores: [String: Task<any ProjectStore, any Error>] = [:]

    /// The store named `fixture` on `backend`, holding `projects()` the first time it is asked.
    func store(_ fixture: String, _ backend: Backend, _ projects: @escaping @Sendable () throws -> [Project]) async throws -> any ProjectStore {
        let key = fixture + "/" + backend.rawValue
        if let task = stores[key] { return try await task.value }
        let task = Task { () async throws -> any ProjectStore in try await backend.store(with: try projects()) }
        stores[key] = task
        return try await task.value
    }
}

/// One answer, whole: what the noninterference rule compares byte for byte.
struct Answer: Equatable, CustomStringConvertible {
    var status: Int
    /// Every header, in order, as name: value.
    var headers: [String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }
    func header(_ name: String) -> String? {
        headers.first { $0.lowercased().hasPrefix(name.lowercased() + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }
    var description: String { "\(status) \(headers) \(text.prefix(300))" }
}

/// The service's router over a store, as `partmap serve` builds it, with its public address
/// fixed so that links do not depend on where tests listen.
/// The logger of services under test: errors only.
let testLogger: Logger = {
    var logger = Logger(label: "partmap-test")
    logger.logLevel = .error
    return logger
}()

func router(_ store: any ProjectStore, config: ServerConfig = testConfig) -> Router<BasicRequestContext> {
    buildRouter(config: config, store: store, atlas: atlas, logger: testLogger)
}

/// A service over `store` whose state the test can look into (which views it made), and its routes.
func liveService(_ store: any ProjectStore) -> (state: ServiceState, router: Router<BasicRequestContext>) {
    let state = ServiceState(store: store, atlas: atlas, config: testConfig, address: PublicAddress("http://partmap.test"), logger: testLogger)
    return (state, buildRouter(state))
}

let testConfig: ServerConfig = {
    var config = ServerConfig()
    config.baseURL = "http://partmap.test"
    config.tokens = AccessTokens(editor: "editor-token", reader: "reader-token")
    // The suite runs beside others on two cores: a slow answer is not the failure looked for here.
    config.requestTimeout = 300
    return config
}()

/// Sends requests to a router in process and collects the answers.
func answers(_ router: Router<BasicRequestContext>, _ requests: [(HTTPRequest.Method, String, HTTPFields)]) async throws -> [Answer] {
    try await Application(router: router).test(.router) { client in
        var collected: [Answer] = []
        for (method, uri, headers) in requests {
            let response = try await client.execute(uri: uri, method: method, headers: headers)
            collected.append(Answer(status: Int(response.status.code), headers: response.headers.map { "\($0.name.canonicalName): \($0.value)" },
                                    body: Array(buffer: response.body)))
        }
        return collected
    }
}

func get(_ router: Router<BasicRequestContext>, _ uri: String, headers: HTTPFields = [:]) async throws -> Answer {
    try await answers(router, [(.get, uri, headers)])[0]
}
