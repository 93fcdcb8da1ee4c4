import GeoJSON

/// The GeoNames cities of Data/cities15000.tsv, looked up by name and country.
struct Gazetteer: Sendable {
    struct City: Sendable {
        var name: String
        var position: Position
        var population: Int
    }

    /// The most populous city of each (country, lower-cased name).
    private let cities: [String: City]

    init(path: String) throws {
        let table = try DelimitedText(path: path, separator: "\t")
        let c = try table.columns(["name", "country", "lat", "lon", "population"], file: path)
        var cities: [String: City] = [:]
        cities.reserveCapacity(table.rows.count)
        for (index, row) in table.rows.enumerated() {
            guard let lat = Double(row[c[2]]), let lon = Double(row[c[3]]), let population = Int(row[c[4]]) else {
                throw RegionsError.malformed(file: path, line: index + 2, reason: "expected numbers in lat, lon and population")
            }
            let city = City(name: row[c[0]], position: Position(longitude: lon, latitude: lat), population: population)
            let key = Self.key(name: city.name, country: row[c[1]])
            if let known = cities[key], known.population >= population { continue }
            cities[key] = city
        }
        self.cities = cities
    }

    func city(named name: String, country: String) -> City? {
        cities[Self.key(name: name, country: country)]
    }

    private static func key(name: String, country: String) -> String {
        country.uppercased() + "|" + name.lowercased()
    }
}
