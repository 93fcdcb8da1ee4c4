import GeoJSON

/// RFC 4180 text: a header row, then records; fields may be quoted, with doubled quotes and
/// line breaks inside. A byte-order mark and CRLF or LF line ends are accepted.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Parses the text; the problems name the file, the data row (from 1) and the column.
    public static func parse(_ text: String, file: String) -> (CSVTable?, [Problem]) {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var fieldStarted = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    let following = next()
                    if following == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = following }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where !fieldStarted:
                quoted = true
                fieldStarted = true
            case ",":
                record.append(field)
                field = ""
                fieldStarted = false
            case "\r", "\n":
                if scalar == "\r" {
                    let following = next()
                    if following != "\n" { pending = following }
                }
                record.append(field)
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
                field = ""
                fieldStarted = false
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if quoted {
            let header = records.first ?? record
            let column = header.indices.contains(record.count) ? header[record.count] : "?"
            return (nil, [Problem(file: file, location: .row(max(records.count, 1), column: column),
                                  message: "expected a closing quote, found the end of the file")])
        }
        if fieldStarted || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        guard let header = records.first else {
            return (nil, [Problem(file: file, location: .row(0, column: "?"), message: "expected a header row, found an empty file")])
        }
        var problems: [Problem] = []
        let rows = Array(records.dropFirst())
        for (index, row) in rows.enumerated() where row.count != header.count {
            let column = header.indices.contains(row.count) ? header[row.count] : header.last ?? "?"
            problems.append(Problem(file: file, location: .row(index + 1, column: column),
                                    message: "expected \(header.count) fields as in the header, found \(row.count)"))
        }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            problems.append(Problem(file: file, location: .row(0, column: name), message: "expected each column once, found \"\(name)\" twice"))
        }
        return problems.isEmpty ? (CSVTable(header: header, rows: rows), []) : (nil, problems)
    }

    /// The table as RFC 4180 text with LF line ends.
    public var text: String {
        ([header] + rows).map { $0.map(Self.quote).joined(separator: ",") + "\n" }.joined()
    }

    static func quote(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}
