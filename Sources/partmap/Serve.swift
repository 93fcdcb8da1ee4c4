import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Server

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the store over HTTP: OGC API – Features, summaries and clusters.",
        discussion: """
            Answers with the public view. Prints the address once it listens; stops on SIGTERM or \
            Ctrl-C, letting requests in flight finish. --port 0 takes a free port.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free one).")
    var port = 8080

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (0 ... 65535).contains(port) else { throw ValidationError("--port: expected 0 to 65535, found \(port)") }
    }

    func run() async throws {
        let atlas = try data.atlas()
        try await storeOptions.with(places: atlas) { store in
            let service = FeaturesService(store: store, atlas: atlas)
            let host = self.host
            // Logs are structured lines on stderr; stdout carries only the address.
            var logger = Logger(label: "partmap") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = .info
            let app = Application(
                router: service.router(),
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
