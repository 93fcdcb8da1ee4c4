import ArgumentParser
import Foundation
import GeoJSON
import Regions

/// Where the reference data lives: boundaries, the M49 table and the gazetteer.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The reference data folder (env PARTMAP_DATA).", valueName: "DIR"))
    var data: String = ProcessInfo.processInfo.environment["PARTMAP_DATA"] ?? "Data"

    /// Loads the Atlas, all of it or (`loadingNow` false) only its M49 table until more is asked
    /// for; missing or broken reference data is bad input naming the file.
    func atlas(loadingNow: Bool = true) throws -> Atlas {
        do {
            return try Atlas(dataDirectory: data, loadingNow: loadingNow)
        } catch {
            FileStandardError.write("\(error)\n")
            throw ExitCode(ExitStatus.badInput)
        }
    }

    /// Reads the rest of an atlas made with `loadingNow` false; broken reference data is bad input naming the file.
    func load(_ atlas: Atlas) throws {
        do {
            try atlas.load()
        } catch {
            FileStandardError.write("\(error)\n")
            throw ExitCode(ExitStatus.badInput)
        }
    }
}

enum Problems {
    /// Every problem on stderr, one per line, in the contract's format.
    static func report(_ problems: [Problem]) {
        guard !problems.isEmpty else { return }
        FileStandardError.write(problems.map(\.description).joined(separator: "\n") + "\n")
    }
}
