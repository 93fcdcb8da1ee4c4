import ArgumentParser
import Foundation
import Participation
import PostGISStore
import Regions
import Store

/// `--store S`: a SQLite path (default var/partmap.sqlite) or a postgres:// URL; env PARTMAP_STORE.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The store: a SQLite file, or postgres://USER:PASS@HOST:PORT/DB (env PARTMAP_STORE; default var/partmap.sqlite).",
        valueName: "S"))
    var store: String?

    var location: String {
        store ?? ProcessInfo.processInfo.environment["PARTMAP_STORE"] ?? "var/partmap.sqlite"
    }

    var isPostgres: Bool { location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") }

    /// The store as messages name it: a URL without its password.
    var name: String { isPostgres ? PostGISStore.redacted(location) : location }

    /// Opens the store, runs `body` with it and closes it. A store that cannot be opened, or
    /// fails on the way, exits 3 naming it; so does a SQLite file that does not exist, unless
    /// `creating` (only import makes a store).
    func with<T>(places: Atlas, creating: Bool = false, _ body: (any ProjectStore) async throws -> T) async throws -> T {
        if !isPostgres && !creating && !FileManager.default.fileExists(atPath: location) {
            FileStandardError.write("\(location): cannot open the SQLite store: no such file (only import makes one)\n")
            throw ExitCode(ExitStatus.storeUnavailable)
        }
        do {
            let store: any ProjectStore = isPostgres
                ? try await PostGISStore(url: location, places: places)
                : try SQLiteStore(path: location, places: places)
            do {
                let result = try await body(store)
                await store.close()
                return result
            } catch {
                await store.close()
                throw error
            }
        } catch let error as StoreError {
            FileStandardError.write("\(error)\n")
            throw ExitCode(ExitStatus.storeUnavailable)
        }
    }
}

/// `--from FILE` or the store: where query, export and summary find their projects.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A GeoJSON or CSV file to read instead of a store.", valueName: "FILE"))
    var from: String?

    @OptionGroup var csv: CSVOptions
    @OptionGroup var storeOptions: StoreOptions

    /// The query's answer from the file (which must have no error) or the store.
    func answer(_ query: ProjectQuery, atlas: Atlas) async throws -> ProjectQuery.Result {
        guard let from else {
            return try await storeOptions.with(places: atlas) { try await $0.query(query) }
        }
        let (projects, problems) = ProjectFile.read(path: from, places: atlas, delimiter: try csv.scalar())
        if problems.contains(where: { !$0.isWarning }) {
            Problems.report(problems)
            throw ExitCode(ExitStatus.badInput)
        }
        return try query.scan(projects, places: atlas)
    }
}
