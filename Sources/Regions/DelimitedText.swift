import Foundation

/// Reads the small, trusted reference tables of Data/: a header line, then one record per line.
/// Fields may be quoted (`"a, b"`) with doubled quotes inside; records never span lines.
struct DelimitedText {
    let header: [String]
    let rows: [[String]]

    init(path: String, separator: Character) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RegionsError.unreadable(file: path, reason: "no such file, or not readable")
        }
        let separator = separator.asciiValue!
        var lines = data.split(separator: UInt8(ascii: "\n")).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }.filter { !$0.isEmpty }
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

    private static func fields(of line: Data, separator: UInt8) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var previousWasQuote = false
        for byte in line {
            if quoted {
                if byte == UInt8(ascii: "\"") { quoted = false; previousWasQuote = true } else { field.append(byte) }
                continue
            }
            if byte == UInt8(ascii: "\"") {
                // A doubled quote inside a quoted field stands for one quote.
                if previousWasQuote { field.append(byte) }
                quoted = true
            } else if byte == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
            previousWasQuote = false
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
