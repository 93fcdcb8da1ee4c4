import GeoJSON

/// One country or territory of the UN M49 table, with its published point.
public struct M49Country: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 code, upper case.
    public var alpha2: String
    /// ISO 3166-1 alpha-3 code, upper case.
    public var alpha3: String
    /// The country's English name in the table.
    public var name: String
    /// The country's region, sub-region and intermediate region.
    public var assignment: RegionAssignment
    /// The table's centroid; nil for the one row without one (UM).
    public var point: Position?
}

/// The UN M49 classification of Data/m49-regions.csv, plus Data/m49-extra.csv for the boundary
/// polygons that have no ISO 3166 alpha-3 code (Kosovo, Somaliland, …), keyed by Natural Earth's adm0_a3.
struct M49Table: Sendable {
    /// Rows with an alpha-2 code, keyed by it.
    let byAlpha2: [String: M49Country]
    /// The same rows keyed by alpha-3.
    let byAlpha3: [String: M49Country]
    /// M49 areas of the polygons without alpha-3, keyed by adm0_a3.
    let extraByAdm0: [String: M49Country]

    init(regionsPath: String, extraPath: String) throws {
        let table = try DelimitedText(path: regionsPath, separator: ",")
        let c = try table.columns(
            ["iso2", "iso3", "name", "region_code", "region", "subregion_code", "subregion",
             "intermediate_code", "intermediate_region", "lat", "lon"], file: regionsPath)
        var byAlpha2: [String: M49Country] = [:]
        var byAlpha3: [String: M49Country] = [:]
        for row in table.rows where !row[c[0]].isEmpty {
            var point: Position?
            if let lat = Double(row[c[9]]), let lon = Double(row[c[10]]) {
                point = Position(longitude: lon, latitude: lat)
            }
            let country = M49Country(
                alpha2: row[c[0]], alpha3: row[c[1]], name: row[c[2]],
                assignment: Self.assignment(country: row[c[0]], fields: row, columns: Array(c[3...8])),
                point: point)
            byAlpha2[country.alpha2] = country
            byAlpha3[country.alpha3] = country
        }

        let extra = try DelimitedText(path: extraPath, separator: ",")
        let e = try extra.columns(
            ["adm0_a3", "iso2", "name", "region_code", "region", "subregion_code", "subregion",
             "intermediate_code", "intermediate_region"], file: extraPath)
        var extraByAdm0: [String: M49Country] = [:]
        for row in extra.rows {
            let alpha2 = row[e[1]]
            let country = M49Country(
                alpha2: alpha2, alpha3: "", name: row[e[2]],
                assignment: Self.assignment(country: alpha2.isEmpty ? nil : alpha2, fields: row, columns: Array(e[3...8])),
                point: nil)
            extraByAdm0[row[e[0]]] = country
            // A territory with a code of its own (Kosovo, XK) is a country users can name.
            if !alpha2.isEmpty, byAlpha2[alpha2] == nil { byAlpha2[alpha2] = country }
        }
        self.byAlpha2 = byAlpha2
        self.byAlpha3 = byAlpha3
        self.extraByAdm0 = extraByAdm0
    }

    /// Builds an assignment from six columns: region code and name, sub-region, intermediate region.
    private static func assignment(country: String?, fields: [String], columns: [Int]) -> RegionAssignment {
        func area(_ code: Int, _ name: Int) -> M49Area? {
            let code = fields[columns[code]], name = fields[columns[name]]
            guard !code.isEmpty, !name.isEmpty else { return nil }
            return M49Area(code: Self.threeDigits(code), name: name)
        }
        return RegionAssignment(
            country: country, region: area(0, 1), subregion: area(2, 3), intermediateRegion: area(4, 5))
    }

    /// M49 codes are written with three digits ("002" for Africa); the table drops the leading zeros.
    static func threeDigits(_ code: String) -> String {
        code.count >= 3 ? code : String(repeating: "0", count: 3 - code.count) + code
    }
}
