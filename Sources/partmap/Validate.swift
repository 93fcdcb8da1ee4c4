import ArgumentParser
import Participation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check GeoJSON or CSV files of projects and list every problem.",
        discussion: "Exits 1 when any file has an error; warnings alone exit 0.")

    @Argument(help: "GeoJSON (.geojson, .json) or CSV (.csv) files.")
    var files: [String]

    @OptionGroup var data: DataOptions

    func run() throws {
        let places = try data.atlas()
        var failed = false
        for file in files {
            let (projects, problems) = ProjectFile.read(path: file, places: places)
            Problems.report(problems)
            let errors = problems.filter { !$0.isWarning }.count
            failed = failed || errors > 0
            if errors == 0 {
                print("\(file): \(projects.count) projects, \(problems.count) warnings")
            }
        }
        if failed { throw ExitCode(ExitStatus.badInput) }
    }
}
