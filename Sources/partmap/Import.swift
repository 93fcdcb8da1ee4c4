import ArgumentParser
import Foundation
import GeoJSON
import Participation
import Store

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add or replace projects from GeoJSON or CSV files, all in one transaction.",
        discussion: """
            Every file is checked: any error means nothing is written, every problem is listed, \
            and the exit code is 1. Projects are replaced by id; the same id twice in one import \
            is an error. `updated` is set to today's date (UTC) on every project written. Files \
            are read in batches inside the transaction, so a large import is never all in memory. \
            A progress line goes to stderr for large files when it is a terminal.
            """)

    @Argument(help: "GeoJSON (.geojson, .json) or CSV (.csv) files.")
    var files: [String]

    @Flag(help: "Print what would be added, changed or unchanged, and write nothing.")
    var dryRun = false

    @OptionGroup var csv: CSVOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func run() async throws {
        let delimiter = try csv.scalar()
        let atlas = try data.atlas()
        let files = self.files
        let outcome = ImportOutcome()
        // Reads and checks every file inside the store's transaction; any error throws, which
        // rolls the transaction back.
        let source: BatchSource = { emit in
            var problems: [Problem] = []
            var duplicates: [Problem] = []
            var firstFile: [String: String] = [:]
            defer { outcome.problems = problems }
            for file in files {
                let progress = ProgressBar(label: file)
                problems += try ProjectFile.read(path: file, places: atlas, delimiter: delimiter, progress: progress.update) { batch in
                    for project in batch {
                        if let first = firstFile[project.id] {
                            duplicates.append(Problem(
                                file: file, location: .file,
                                message: "expected each id once per import, found \"\(project.id)\" again (first in \(first))"))
                        } else {
                            firstFile[project.id] = file
                        }
                    }
                    try emit(batch)
                }
                progress.finish()
                problems += duplicates
                duplicates.removeAll()
            }
            if problems.contains(where: { !$0.isWarning }) { throw InputRejected() }
        }
        do {
            let summary = try await storeOptions.with(places: atlas, creating: true) { store in
                try await store.upsert(date: UpdatedDate.today(), dryRun: dryRun, from: source)
            }
            Problems.report(outcome.problems)
            print("\(dryRun ? "would be: " : "")\(summary)")
        } catch is InputRejected {
            Problems.report(outcome.problems)
            throw ExitCode(ExitStatus.badInput)
        }
    }
}

/// The input had errors: the import is abandoned and rolled back.
private struct InputRejected: Error {}

/// The problems an import's source found, handed back from the thread it ran on.
private final class ImportOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Problem] = []

    var problems: [Problem] {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
