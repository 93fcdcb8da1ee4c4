import GeoJSON

/// Projects as aligned columns for a terminal: id, title, country, level, precision.
public enum ProjectTable {
    /// One line per project after a header line, columns two spaces apart, no trailing spaces.
    /// Control characters in cells are escaped (`\n`, `\u0007`) so that each project stays on its
    /// line. Time and memory are linear in the text written, however long a cell.
    public static func text(_ projects: [Project]) -> String {
        let rows = [["id", "title", "country", "level", "precision"]] + projects.map {
            [$0.id, $0.title, $0.derived?.country ?? "", $0.participationLevel.rawValue, $0.locationPrecision.rawValue]
                .map(Problem.escapingControls)
        }
        let counts = rows.map { $0.map(\.count) }
        let widths = rows[0].indices.map { column in counts.map { $0[column] }.max() ?? 0 }
        var text = ""
        for (row, count) in zip(rows, counts) {
            var line = ""
            for column in row.indices {
                if column > 0 { line += "  " }
                line += row[column]
                line += String(repeating: " ", count: widths[column] - count[column])
            }
            while line.last?.isWhitespace == true { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
