import Foundation

/// Reads the small, trusted reference tables of Data/: a header line, then one record per line.
/// Fields may be quoted (`"a, b"`) with doubled quotes inside; records never span lines.
struct DelimitedText {
    let header: [String]
    let rows: [[String]]

    init(path: String, separator: Character) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RegionsError.unreadable(file: path, reason: "\(error.localizedDescription)")
        }
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw RegionsError.malformed(file: path, line: 1, reason: "expected a header line, found none") }
        header = Self.fields(of: lines.removeFirst(), separator: separator)
        var rows: [[String]] = []
        rows.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let fields = Self.fields(of: line, separator: separator)
            guard fields.count == header.count else {
                throw RegionsError.malformed(
                    file: path, line: index + 2,
                    reason: "expected \(header.count) fields, found \(fields.count)")
            }
            rows.append(fields)
        }
        self.rows = rows
    }

    /// The position of each named column, or an error naming the first that is missing.
    func columns(_ names: [String], file: String) throws -> [Int] {
        try names.map { name in
            guard let index = header.firstIndex(of: name) else {
                throw RegionsError.malformed(file: file, line: 1, reason: "expected a column \"\(name)\", found \(header)")
            }
            return index
        }
    }

    private static func fields(of line: String, separator: Character) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if quoted {
                if character != "\"" {
                    field.append(character)
                } else if index < characters.count, characters[index] == "\"" {
                    field.append("\"")  // a doubled quote stands for one
                    index += 1
                } else {
                    quoted = false
                }
            } else if character == "\"" {
                quoted = true
            } else if character == separator {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
