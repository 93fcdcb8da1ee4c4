import GeoJSON

/// RFC 4180 text: a header row, then records; fields may be quoted, with doubled quotes and
/// line breaks inside. A byte-order mark and CRLF or LF line ends are accepted, and the separator
/// may be `,`, `;` or a tab, as spreadsheets write them.
public struct CSVTable: Sendable {
    /// The header row's column names, in order.
    public var header: [String]
    /// The data rows, each its fields as written (unquoted), in order; a row may have more or fewer fields than the header.
    public var rows: [[String]]
    /// The field separator the text was read with (or is written with).
    public var delimiter: Unicode.Scalar

    /// The separators a file may use, in order of preference when the header does not decide.
    public static let delimiters: [Unicode.Scalar] = [",", ";", "\t"]

    /// A table from its header and rows, written or read with `delimiter`.
    public init(header: [String], rows: [[String]], delimiter: Unicode.Scalar = ",") {
        self.header = header
        self.rows = rows
        self.delimiter = delimiter
    }

    /// The separator of the header line: the candidate that splits it into the most fields
    /// outside quotes (`,` on a tie, or when there is none).
    public static func detectDelimiter(_ text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [:]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if delimiters.contains(scalar) { counts[scalar, default: 0] += 1 }
        }
        var best = delimiters[0]
        for candidate in delimiters.dropFirst() where counts[candidate, default: 0] > counts[best, default: 0] { best = candidate }
        return best
    }

    /// Parses the text. Rows are kept as they are, however many fields they have: checking them
    /// against the header is the caller's, so that every row's problems can be listed in order.
    /// The problems (an unterminated quote, no header, a column named twice) name the file and
    /// the row (the header is row 0, data rows count from 1); with any of them there is no table.
    /// Empty columns at the end of the header (and the empty fields under them) and rows of blank
    /// fields are dropped, as spreadsheets leave them. `delimiter` nil detects it from the header.
    public static func parse(_ text: String, file: String, delimiter: Unicode.Scalar? = nil) -> (table: CSVTable?, problems: [Problem]) {
        let delimiter = delimiter ?? detectDelimiter(text)
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
            case delimiter:
                record.append(field)
                field = ""
                fieldStarted = false
            case "\r", "\n":
                if scalar == "\r" {
                    let following = next()
                    if following != "\n" { pending = following }
                }
                // A blank line is no record (spreadsheets leave them at the end); `""` is one.
                if fieldStarted || !record.isEmpty {
                    record.append(field)
                    records.append(record)
                }
                record = []
                field = ""
                fieldStarted = false
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if quoted {
            // The quote opened field `record.count` of record `records.count` and ran to the end.
            let header = records.first ?? record
            let column = header.indices.contains(record.count) ? header[record.count] : "\(record.count + 1)"
            return (nil, [Problem(file: file, location: .row(records.count, column: column),
                                  message: "expected a closing quote, found the end of the file")])
        }
        if fieldStarted || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        guard var header = records.first else {
            return (nil, [Problem(file: file, location: .file, message: "expected a header row, found an empty file")])
        }
        while header.count > 1, header.last?.isBlank == true { header.removeLast() }
        var seen = Set<String>()
        let twice = header.filter { !seen.insert($0).inserted }
        guard twice.isEmpty else {
            return (nil, twice.map {
                Problem(file: file, location: .row(0, column: $0), message: "expected each column once, found \(Problem.quote($0)) twice")
            })
        }
        var rows: [[String]] = []
        for var row in records.dropFirst() where !row.allSatisfy(\.isBlank) {
            if row.count > header.count, row[header.count...].allSatisfy(\.isBlank) { row.removeLast(row.count - header.count) }
            rows.append(row)
        }
        return (CSVTable(header: header, rows: rows, delimiter: delimiter), [])
    }

    /// The table as RFC 4180 text with LF line ends.
    public var text: String {
        ([header] + rows).map(line).joined()
    }

    func line(_ fields: [String]) -> String {
        // A lone empty field would make a blank line, which readers skip.
        if fields == [""] { return "\"\"\n" }
        return fields.map(quote).joined(separator: String(Character(delimiter))) + "\n"
    }

    /// Quoted when a reader would otherwise split it or (spaces at either end) trim it.
    func quote(_ field: String) -> String {
        let separator = Character(delimiter)
        let needsQuotes = field.contains { $0 == separator || $0 == "\"" || $0.isNewline }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
