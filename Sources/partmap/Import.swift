import ArgumentParser
import Foundation
import GeoJSON
import Participation
import Store

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add or replace projects from GeoJSON or CSV files, all in one transaction.",
        discussion: """
            Every file is checked first: any error means nothing is written, every problem is \
            listed, and the exit code is 1. Projects are replaced by id; the same id twice in one \
            import is an error. `updated` is set to today's date (UTC) on every project written.
            """)

    @Argument(help: "GeoJSON (.geojson, .json) or CSV (.csv) files.")
    var files: [String]

    @Flag(help: "Print what would be added, changed or unchanged, and write nothing.")
    var dryRun = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func run() throws {
        let atlas = try data.atlas()
        var all: [Project] = []
        var problems: [Problem] = []
        var firstFile: [String: String] = [:]
        for file in files {
            let read = ProjectFile.read(path: file, places: atlas)
            problems += read.problems
            for project in read.projects {
                if let first = firstFile[project.id] {
                    problems.append(Problem(file: file, location: .file, message: "expected each id once per import, found \"\(project.id)\" again (first in \(first))"))
                }
                firstFile[project.id] = firstFile[project.id] ?? file
            }
            all += read.projects
        }
        Problems.report(problems)
        if problems.contains(where: { !$0.isWarning }) { throw ExitCode(ExitStatus.badInput) }

        let store = try storeOptions.open(places: atlas)
        let summary = try withStore { try store.upsert(all, date: Self.today(), dryRun: dryRun) }
        print("\(dryRun ? "would be: " : "")\(summary)")
    }

    static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }
}
