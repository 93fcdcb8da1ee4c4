import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Server

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the store over HTTP: OGC API – Features, summaries, clusters, tiles and the map.",
        discussion: """
            Answers with the public view; a bearer token from PARTMAP_READER_TOKEN or \
            PARTMAP_EDITOR_TOKEN also sees internal projects, and the editor token may create, \
            replace (with If-Match) and delete them; with no editor token, writes are off. Each write \
            is logged (role, action, id, time). Writes made anywhere else (the command line, another \
            service on the same store) show on the next request. Prints the address once it listens; \
            stops on SIGTERM or Ctrl-C, letting requests in flight finish. --port 0 takes a free port.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free one).")
    var port = 8080

    @Option(help: ArgumentHelp("The public address links start with, e.g. https://maps.example.org (default: http://HOST:PORT).", valueName: "URL"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Let browsers on this origin call the service (\"*\": any); none by default.", valueName: "ORIGIN"))
    var corsOrigin: String?

    @Option(help: "The largest request body accepted, in KiB (larger: 413).")
    var maxBodyKb = 1024

    @Option(help: "Seconds a request may take before it is answered 503 (a store that does not answer).")
    var requestTimeout = 10.0

    @Option(help: "Seconds a connection may stay silent (headers unfinished, a body stalled, or between requests) before it is closed.")
    var idleTimeout = 10.0

    @Option(help: "Open connections at most; a new one beyond closes the longest idle.")
    var maxConnections = 512

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (0 ... 65535).contains(port) else { throw ValidationError("--port: expected 0 to 65535, found \(port)") }
        guard requestTimeout > 0 else { throw ValidationError("--request-timeout: expected seconds above 0, found \(requestTimeout)") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout: expected seconds above 0, found \(idleTimeout)") }
        guard maxBodyKb >= 1 else { throw ValidationError("--max-body-kb: expected 1 or more, found \(maxBodyKb)") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections: expected 1 or more, found \(maxConnections)") }
        if let baseURL {
            guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil, url.query == nil else {
                throw ValidationError("--base-url: expected an absolute http or https URL without a query, found \"\(baseURL)\"")
            }
        }
    }

    func run() async throws {
        let atlas = try data.atlas()
        var config = ServerConfig()
        config.host = host
        config.port = port
        config.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        config.corsOrigin = corsOrigin
        config.maxBodyBytes = maxBodyKb * 1024
        config.requestTimeout = requestTimeout
        config.idleTimeout = idleTimeout
        config.maxConnections = maxConnections
        let environment = ProcessInfo.processInfo.environment
        config.tokens = AccessTokens(editor: environment["PARTMAP_EDITOR_TOKEN"], reader: environment["PARTMAP_READER_TOKEN"])
        try await storeOptions.with(places: atlas) { store in
            // Logs are structured lines on stderr; stdout carries only the address.
            var logger = Logger(label: "partmap") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = .info
            let app = buildApplication(config: config, store: store, atlas: atlas, logger: logger) { url in
                FileHandle.standardOutput.write(Data("partmap serves \(url)/\n".utf8))
            }
            do {
                try await app.runService()
            } catch where isAddressInUse(error) {
                throw ValidationError("--port: \(port) on \(host) is in use by another program; choose another port, or 0 for any free one")
            }
        }
    }
}
