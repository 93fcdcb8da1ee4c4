import ArgumentParser
import GeoJSON
import Participation

/// `--delimiter C`: the separator of CSV input, for the commands that read files.
struct CSVOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The separator of CSV files: ',', ';' or 'tab' (default: the one that splits the header line into most fields).",
        valueName: "C"))
    var delimiter: String?

    /// The separator, or nil to detect it.
    /// - Throws: `ValidationError` (exit 2) naming the value when it is none of the three.
    func scalar() throws -> Unicode.Scalar? {
        guard let delimiter else { return nil }
        switch delimiter {
        case ",", ";": return delimiter.unicodeScalars.first
        case "tab", "\\t", "\t": return "\t"
        default: throw ValidationError("--delimiter: expected one of ',', ';', tab, found \(Problem.quote(delimiter))")
        }
    }
}
