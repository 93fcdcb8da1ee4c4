import Crypto
import Foundation
import GeoJSON
import Hummingbird
import Logging
import Participation
import Regions
import Store

/// What every controller answers from: the store, the reference data, the settings, and the
/// views made from the store, which follow its change version.
struct ServiceState: Sendable {
    let store: any ProjectStore
    let atlas: Atlas
    let config: ServerConfig
    let address: PublicAddress
    let views: ViewCache
    let etagKey: SymmetricKey
    let logger: Logger
    let metrics: Metrics

    static let title = "partmap participation projects"
    static let description =
        "Projects in which children, young people and adult survivors of online child sexual abuse shape research, policy, advocacy and technology"

    init(store: any ProjectStore, atlas: Atlas, config: ServerConfig, address: PublicAddress, logger: Logger) {
        self.store = store
        self.atlas = atlas
        self.config = config
        self.address = address
        self.logger = logger
        etagKey = ETag.key(config.tokens)
        metrics = Metrics()
        views = ViewCache(store: store, atlas: atlas, budgetBytes: config.clusterCacheBytes)
    }

    /// The public address links start with.
    var base: String { address.url }

    func role(_ request: Request) -> Role { config.tokens.role(request) }

    /// Runs a handler within the request timeout: a problem becomes its problem+json answer, and
    /// a store that fails or does not answer in time a 503 with Retry-After. The handler must not
    /// touch the request body: a body is read before (`body(of:)`), so that nothing reads it
    /// after the answer has gone.
    func answer(_ body: @escaping @Sendable () async throws -> Response) async throws -> Response {
        do {
            return try await Deadline.run(seconds: config.requestTimeout, body)
        } catch let problem as Problem {
            return problem.response
        } catch let error as StoreError {
            var problem = Problem(.serviceUnavailable, "the store is unavailable: \(error.reason)")
            problem.headers[.retryAfter] = "5"
            return problem.response
        } catch is Deadline.Expired {
            var problem = Problem(.serviceUnavailable, "no answer within \(config.requestTimeout) s: the store may be unavailable")
            problem.headers[.retryAfter] = "5"
            return problem.response
        }
    }

    /// One project as the role sees it: as stored for readers and editors; otherwise its public
    /// view. Internal rows are left out by the store itself, so an internal id does exactly the
    /// work of a missing one, and both give nil.
    func project(_ id: String, seesInternal: Bool) async throws -> Project? {
        guard let stored = try await store.get(ids: [id], includeInternal: seesInternal).first else { return nil }
        return seesInternal ? stored : try stored.publicView(places: atlas)
    }

    /// The query string, decoded as a form; a broken one is a 400.
    func query(_ request: Request) throws(Problem) -> QueryParameters {
        try QueryParameters(request.uri.query)
    }
}
