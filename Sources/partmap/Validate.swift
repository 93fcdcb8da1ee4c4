import ArgumentParser
import Participation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check GeoJSON or CSV files of projects and list every problem.",
        discussion: """
            Exits 1 when any file has an error; warnings alone exit 0. Texts have a maximum length, \
            counted in Unicode scalars: \(TextLimit.summary).
            """)

    @Argument(help: "GeoJSON (.geojson, .json) or CSV (.csv) files.")
    var files: [String]

    @OptionGroup var csv: CSVOptions
    @OptionGroup var data: DataOptions

    func run() throws {
        let delimiter = try csv.scalar()
        let places = try data.atlas()
        var failed = false
        for file in files {
            // Counted as they stream past: a large file is never held as records.
            var count = 0
            let problems = ProjectFile.read(path: file, places: places, delimiter: delimiter) { count += $0.count }
            Problems.report(problems)
            let errors = problems.filter { !$0.isWarning }.count
            failed = failed || errors > 0
            if errors == 0 {
                print("\(file): \(count) projects, \(problems.count) warnings")
            }
        }
        if failed { throw ExitCode(ExitStatus.badInput) }
    }
}
