import ArgumentParser
import Foundation
import Regions
import Store

/// `--store S`: a SQLite path (default var/partmap.sqlite) or env PARTMAP_STORE.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store: a SQLite file (env PARTMAP_STORE; default var/partmap.sqlite).", valueName: "S"))
    var store: String?

    var location: String {
        store ?? ProcessInfo.processInfo.environment["PARTMAP_STORE"] ?? "var/partmap.sqlite"
    }

    /// Opens the store; one that cannot be opened exits 3, naming it.
    func open(places: Atlas) throws -> any ProjectStore {
        do {
            if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
                throw StoreError(store: Self.redacted(location), reason: "PostgreSQL stores are not available in this build")
            }
            return try SQLiteStore(path: location, places: places)
        } catch let error as StoreError {
            FileStandardError.write("\(error)\n")
            throw ExitCode(ExitStatus.storeUnavailable)
        }
    }

    /// A connection string without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// Runs a store operation; a store that fails mid-way exits 3 with its message.
func withStore<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        FileStandardError.write("\(error)\n")
        throw ExitCode(ExitStatus.storeUnavailable)
    }
}
