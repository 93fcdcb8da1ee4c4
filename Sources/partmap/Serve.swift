import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Server

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the store over HTTP: OGC API – Features, summaries and clusters.",
        discussion: """
            Answers with the public view; a bearer token from PARTMAP_READER_TOKEN or \
            PARTMAP_EDITOR_TOKEN also sees internal projects, and the editor token may create, \
            replace (with If-Match) and delete them; with no editor token, writes are off. Each write \
            is logged (role, action, id, time). Prints the address once it listens; stops on SIGTERM \
            or Ctrl-C, letting requests in flight finish. --port 0 takes a free port.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free one).")
    var port = 8080

    @Option(help: ArgumentHelp("Let browsers on this origin call the service (\"*\": any); none by default.", valueName: "ORIGIN"))
    var corsOrigin: String?

    @Option(help: "The largest request body accepted, in KiB (larger: 413).")
    var maxBodyKb = 1024

    @Option(help: "Seconds a request may take before it is answered 503 (a store that does not answer).")
    var requestTimeout = 10.0

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (0 ... 65535).contains(port) else { throw ValidationError("--port: expected 0 to 65535, found \(port)") }
        guard requestTimeout > 0 else { throw ValidationError("--request-timeout: expected seconds above 0, found \(requestTimeout)") }
        guard maxBodyKb >= 1 else { throw ValidationError("--max-body-kb: expected 1 or more, found \(maxBodyKb)") }
    }

    func run() async throws {
        let atlas = try data.atlas()
        try await storeOptions.with(places: atlas) { store in
            let host = self.host
            // Logs are structured lines on stderr; stdout carries only the address.
            var logger = Logger(label: "partmap") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = .info
            let environment = ProcessInfo.processInfo.environment
            let tokens = AccessTokens(editor: environment["PARTMAP_EDITOR_TOKEN"], reader: environment["PARTMAP_READER_TOKEN"])
            let service = FeaturesService(store: store, atlas: atlas, tokens: tokens, maxBodyBytes: maxBodyKb * 1024,
                                          requestTimeout: requestTimeout, logger: logger)
            let app = Application(
                router: service.router(corsOrigin: corsOrigin),
                configuration: .init(address: .hostname(host, port: port), serverName: "partmap"),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? 0
                    FileHandle.standardOutput.write(Data("partmap serves http://\(host):\(port)/\n".utf8))
                },
                logger: logger)
            try await app.runService()
        }
    }
}
