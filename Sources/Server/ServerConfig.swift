import Foundation

/// What `partmap serve` is told: where it listens, how it names itself in links, who may do
/// what, and the limits that keep one client from starving the others.
public struct ServerConfig: Sendable {
    /// The address and port to listen on (port 0: any free one).
    public var host = "127.0.0.1"
    /// The port to listen on.
    public var port = 8080
    /// The public address every link starts with (`https://maps.example.org/partmap`); nil: the
    /// listening address. Never taken from a request's Host header.
    public var baseURL: String?
    /// The editor's and reader's bearer tokens.
    public var tokens = AccessTokens(editor: nil, reader: nil)
    /// The origin browsers may call from ("*" for any); nil sends no CORS headers.
    public var corsOrigin: String?
    /// The largest request body accepted, in bytes (larger: 413).
    public var maxBodyBytes = 1 << 20
    /// Seconds a request may take before it is answered 503 (a store that does not answer).
    public var requestTimeout = 10.0
    /// Seconds a connection may sit without sending (headers unfinished, or between requests)
    /// before it is closed.
    public var idleTimeout = 10.0
    /// Open connections at most; beyond it, the longest-idle one is closed for the newcomer.
    public var maxConnections = 512
    /// Bytes of cluster indexes kept for filtered views, beyond the whole public view's.
    public var clusterCacheBytes = 256 << 20

    /// The defaults `partmap serve` documents.
    public init() {}
}
