import Foundation

/// Databases for the PostGIS tests, copied from the cluster's template that has PostGIS in it.
public enum TestDatabase {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "PARTMAP_TEST_POSTGRES is not set: run the tests with `make test`, which starts PostgreSQL + PostGIS"
        }
    }

    /// The cluster's URL, with the given database instead of the default one.
    public static func url(database: String? = nil) throws -> String {
        guard let url = ProcessInfo.processInfo.environment["PARTMAP_TEST_POSTGRES"], var components = URLComponents(string: url) else {
            throw Missing()
        }
        if let database { components.path = "/" + database }
        return components.string!
    }

    /// A new, empty database with PostGIS; returns its URL.
    public static func make() throws -> String {
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name) TEMPLATE partmap_template")
        return try url(database: name)
    }

    /// Runs SQL with psql (an independent client) on the cluster's default database; returns its output.
    @discardableResult
    public static func psql(_ sql: String, database: String? = nil) throws -> String {
        let result = try Command.run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", try url(database: database), "-c", sql])
        guard result.status == 0 else { throw CommandFailed(command: "psql -c \(sql)", output: result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
