import Foundation
import NIOCore
import PostgresNIO
import Store

extension PostGISStore {
    /// What a postgres:// URL says.
    struct Settings {
        enum TLSMode: String { case disable, prefer, require }
        var host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode

        init(url: String, name: String) throws(StoreError) {
            guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
                  let user = components.user, !user.isEmpty
            else {
                throw StoreError(store: name, reason: "expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]")
            }
            let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
            guard let tls = TLSMode(rawValue: mode) else {
                throw StoreError(store: name, reason: "expected sslmode disable, prefer or require, found \"\(mode)\"")
            }
            let database = String(components.path.drop { $0 == "/" })
            (host, port, self.user, password) = (components.host ?? "localhost", components.port ?? 5432, user, components.password)
            self.database = database.isEmpty ? user : database
            self.tls = tls
        }

        func client(timeout: Duration) -> PostgresClient.Configuration {
            let tls: PostgresClient.Configuration.TLS = switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
            configuration.options.connectTimeout = timeout
            return configuration
        }

        func connection(timeout: Duration) throws -> PostgresConnection.Configuration {
            let tls: PostgresConnection.Configuration.TLS = switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(try .init(configuration: .makeClientConfiguration()))
            case .require: .require(try .init(configuration: .makeClientConfiguration()))
            }
            var configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
            configuration.options.connectTimeout = TimeAmount(timeout)
            return configuration
        }
    }
}
