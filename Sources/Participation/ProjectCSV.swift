import GeoJSON

/// Records as CSV rows: columns named as the properties, `lon` and `lat` for the
/// point, lists joined with `;` (`|` in a file whose separator is `;`), enums spelled as in JSON.
public enum ProjectCSV {
    static let listColumns: Set<String> = ["participantGroups", "purposes", "countries", "sources"]
    static let integerColumns: Set<String> = ["startYear", "endYear"]
    /// Other names of the coordinate columns, in any case, as GIS tools and spreadsheets write them.
    static let aliases: [String: String] = [
        "lon": "lon", "lng": "lon", "long": "lon", "longitude": "lon", "x": "lon",
        "lat": "lat", "latitude": "lat", "y": "lat",
    ]
    /// Columns partmap writes but sets itself on import: read back, they are skipped without a
    /// warning, so that partmap's own CSV imports as it was written.
    static let writtenNotRead = Set(["updated"] + Project.derivedPropertyNames)

    /// The column a header names: a coordinate alias becomes `lon` or `lat`.
    static func column(_ name: String) -> String {
        aliases[name.lowercased()] ?? name
    }

    /// The column order of written files.
    public static func header(includeDerived: Bool) -> [String] {
        ["id"] + ProjectReader.recordProperties + ["lon", "lat"] + (includeDerived ? Project.derivedPropertyNames : [])
    }

    /// The project's CSV fields under `header`'s columns: `lon` and `lat` in degrees, lists
    /// joined with `;`, derived areas as flat strings, an absent value as an empty field.
    public static func row(_ project: Project, header: [String]) -> [String] {
        let feature = project.feature(includeDerived: true)
        let properties = feature.properties ?? JSONObject()
        return header.map { column in
            switch column {
            case "id": return project.id
            case "lon": return project.position.map { JSONNumber.format($0.longitude) } ?? ""
            case "lat": return project.position.map { JSONNumber.format($0.latitude) } ?? ""
            default:
                switch properties[column] {
                case .string(let text)?: return text
                case .number(let number)?: return JSONNumber.format(number)
                case .array(let items)?: return items.compactMap { if case .string(let s) = $0 { s } else { nil } }.joined(separator: ";")
                default: return ""
                }
            }
        }
    }

    /// The records of a parsed table, each with where it came from. A row with another number of
    /// fields than the header, or an id seen before, is reported and skipped.
    static func records(
        in table: CSVTable, file: String, reader: ProjectReader, problems: inout [Problem]
    ) -> [(Project, FieldLocator)] {
        var records: [(Project, FieldLocator)] = []
        var firstRowOfID: [String: Int] = [:]
        let header = table.header.map(column)
        var seen = Set<String>()
        for (name, written) in zip(header, table.header) where !seen.insert(name).inserted {
            problems.append(Problem(file: file, location: .row(0, column: written),
                                    message: "expected one column for \(Problem.quote(name)), found another one named \(Problem.quote(written))"))
        }
        guard seen.count == header.count else { return [] }
        let listSeparator: Character = table.delimiter == ";" ? "|" : ";"
        let idColumn = header.firstIndex(of: "id")
        for (index, row) in table.rows.enumerated() {
            let locator = FieldLocator.row(file: file, row: index + 1)
            guard row.count == table.header.count else {
                let column = table.header[min(row.count, table.header.count - 1)]
                problems.append(Problem(file: file, location: .row(index + 1, column: column),
                                        message: "expected \(table.header.count) fields as in the header, found \(row.count)"))
                continue
            }
            if let idColumn, !row[idColumn].isBlank {
                let id = row[idColumn]
                if let first = firstRowOfID[id] {
                    problems.append(locator.error(.id, "expected a unique id, found \(Problem.quote(id)) again (first at row \(first))"))
                    continue
                }
                firstRowOfID[id] = index + 1
            }
            if let feature = feature(row: row, header: header, listSeparator: listSeparator, locator: locator, problems: &problems),
               let project = reader.read(feature, at: locator, problems: &problems)
            {
                records.append((project, locator))
            }
        }
        return records
    }

    /// A data row as a feature, so that CSV and GeoJSON go through the same validation.
    /// A blank cell is absent; others are taken as written, except that list items, years and
    /// coordinates may have spaces around them. Problems with lon and lat are reported here.
    static func feature(
        row: [String], header: [String], listSeparator: Character = ";", locator: FieldLocator, problems: inout [Problem]
    ) -> Feature? {
        var properties = JSONObject()
        var id: FeatureID?
        var lon: String?, lat: String?
        for (column, cell) in zip(header, row) where !cell.isBlank {
            switch column {
            case "id": id = .string(cell)
            case "lon": lon = cell.trimmed
            case "lat": lat = cell.trimmed
            case _ where writtenNotRead.contains(column): continue
            case _ where listColumns.contains(column):
                let items = cell.split(separator: listSeparator, omittingEmptySubsequences: false).map { JSONValue.string($0.trimmed) }
                properties[column] = .array(items)
            case _ where integerColumns.contains(column):
                properties[column] = Int(cell.trimmed).map { .number(Double($0)) } ?? .string(cell)
            default:
                properties[column] = .string(cell)
            }
        }
        var feature = Feature(id: id, properties: properties)
        switch (lon, lat) {
        case (nil, nil):
            return feature
        case let (lon?, lat?):
            let x = Double(lon), y = Double(lat)
            var valid = true
            if !(x.map { (-180 ... 180).contains($0) } ?? false) {
                problems.append(locator.error(.property("lon"), "expected a longitude in -180..180, found \(Problem.quote(lon))"))
                valid = false
            }
            if !(y.map { (-90 ... 90).contains($0) } ?? false) {
                problems.append(locator.error(.property("lat"), "expected a latitude in -90..90, found \(Problem.quote(lat))"))
                valid = false
            }
            guard valid, let x, let y else { return nil }
            feature.geometry = .point(Position(longitude: x, latitude: y))
            return feature
        case (nil, _?):
            problems.append(locator.error(.property("lon"), "expected a longitude with the latitude, found none"))
            return nil
        case (_?, nil):
            problems.append(locator.error(.property("lat"), "expected a latitude with the longitude, found none"))
            return nil
        }
    }
}
