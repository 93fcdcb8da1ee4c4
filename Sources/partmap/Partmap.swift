import ArgumentParser

struct Partmap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partmap",
        abstract: "Maps youth and survivor participation projects.",
        discussion: """
            Problems are printed on stderr, one per line: FILE: POINTER: MESSAGE (GeoJSON), \
            FILE: row R, column NAME: MESSAGE (CSV), FILE: line L, column C: MESSAGE (not JSON).
            Exit codes: 0 ok, 1 bad input, 2 bad usage, 3 store unavailable.
            """,
        version: Partmap.version,
        subcommands: [Validate.self, Import.self, Get.self, Delete.self, Query.self, Export.self, Summarise.self, ClusterCommand.self, Publish.self, Serve.self]
    )
}

extension Partmap {
    /// The release `partmap --version` prints (semantic versioning).
    static let version = "0.9.0"
}

/// partmap's exit codes (README).
enum ExitStatus {
    static let badInput: Int32 = 1
    static let badUsage: Int32 = 2
    static let storeUnavailable: Int32 = 3
}
