import GeoJSON

/// Records as CSV rows (CONTRACT.md): columns named as the properties, `lon` and `lat` for the
/// point, lists joined with `;`, enums spelled as in JSON.
public enum ProjectCSV {
    static let listColumns: Set<String> = ["participantGroups", "purposes", "countries", "sources"]
    static let integerColumns: Set<String> = ["startYear", "endYear"]
    static let derivedColumns = [
        "country", "region", "regionCode", "subregion", "subregionCode", "intermediateRegion", "intermediateRegionCode",
    ]

    /// The column order of written files.
    public static func header(includeDerived: Bool) -> [String] {
        ["id"] + ProjectReader.recordProperties + ["lon", "lat"] + (includeDerived ? derivedColumns : [])
    }

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

    /// A data row as a feature, so that CSV and GeoJSON go through the same validation.
    /// Empty cells are absent; problems with lon and lat are reported here.
    static func feature(row: [String], header: [String], locator: FieldLocator, problems: inout [Problem]) -> Feature? {
        var feature = Feature(properties: JSONObject())
        var lon: String?, lat: String?
        for (column, cell) in zip(header, row) {
            let cell = cell.trimmed
            guard !cell.isEmpty else { continue }
            switch column {
            case "id": feature.id = .string(cell)
            case "lon": lon = cell
            case "lat": lat = cell
            case _ where listColumns.contains(column):
                let items = cell.split(separator: ";", omittingEmptySubsequences: false)
                    .map { JSONValue.string($0.trimmed) }
                feature.properties?[column] = .array(items)
            case _ where integerColumns.contains(column):
                feature.properties?[column] = Int(cell).map { .number(Double($0)) } ?? .string(cell)
            default:
                feature.properties?[column] = .string(cell)
            }
        }
        switch (lon, lat) {
        case (nil, nil):
            return feature
        case let (lon?, lat?):
            let x = Double(lon), y = Double(lat)
            var valid = true
            if !(x.map { (-180 ... 180).contains($0) } ?? false) {
                problems.append(locator.error(.property("lon"), "expected a longitude in -180..180, found \"\(lon)\""))
                valid = false
            }
            if !(y.map { (-90 ... 90).contains($0) } ?? false) {
                problems.append(locator.error(.property("lat"), "expected a latitude in -90..90, found \"\(lat)\""))
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
