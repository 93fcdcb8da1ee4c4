import ArgumentParser
import Foundation
import GeoJSON
import Regions

/// Where the reference data lives: boundaries, the M49 table and the gazetteer.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The reference data folder. Without it: PARTMAP_DATA, else the installed share folder "
            + "(<bin>/../share/partmap, as make install puts it), else ./Data (a checkout).",
        valueName: "DIR"))
    var data: String?

    /// The folder to read: `--data`, else `PARTMAP_DATA`, else the first of the installed share
    /// folder and ./Data that holds the M49 table.
    /// - Throws: a one-line message naming every place looked in and the flag, when none holds it.
    func directory(environment: [String: String] = ProcessInfo.processInfo.environment) throws(DataNotFound) -> String {
        if let data { return data }
        if let folder = environment["PARTMAP_DATA"], !folder.isEmpty { return folder }
        let candidates = [Self.installedFolder, "./Data"].compactMap { $0 }
        for folder in candidates where FileManager.default.fileExists(atPath: folder + "/" + Atlas.m49File) {
            return folder
        }
        throw DataNotFound(looked: candidates)
    }

    /// `<bin>/../share/partmap` of the running binary, symbolic links resolved; nil where the
    /// binary's path cannot be learnt.
    static var installedFolder: String? {
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
        return binary.map(shareFolder(of:))
    }

    static func shareFolder(of binary: String) -> String {
        URL(fileURLWithPath: binary).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/partmap").path
    }

    /// Loads the Atlas, all of it or (`loadingNow` false) only its M49 table until more is asked
    /// for; missing or broken reference data is bad input naming the file.
    func atlas(loadingNow: Bool = true) throws -> Atlas {
        do {
            return try Atlas(dataDirectory: try directory(), loadingNow: loadingNow)
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

/// No reference data in any of the places partmap looks.
struct DataNotFound: Error, CustomStringConvertible {
    let looked: [String]

    var description: String {
        "partmap: no reference data (\(Atlas.m49File) and its companions) in "
            + looked.map { "\"\($0)\"" }.joined(separator: " or ")
            + ", nor a PARTMAP_DATA folder: give one with --data DIR (or set PARTMAP_DATA), or run make install"
    }
}

enum Problems {
    /// Every problem on stderr, one per line, in the contract's format.
    static func report(_ problems: [Problem]) {
        guard !problems.isEmpty else { return }
        FileStandardError.write(problems.map(\.description).joined(separator: "\n") + "\n")
    }
}
