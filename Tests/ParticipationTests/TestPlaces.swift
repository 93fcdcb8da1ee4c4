import Foundation
import GeoJSON
import Regions

/// A few real countries and cities, so that the record's rules are tested apart from Data/.
/// Countries are located by rough bounding boxes (the smallest containing box wins, as the
/// smallest polygon does in `Atlas`); `assign` calls are counted, to check they are batched.
final class TestPlaces: Places, @unchecked Sendable {
    struct Country {
        var point: Position?
        var box: (west: Double, south: Double, east: Double, north: Double)
        var areas: RegionAssignment
    }

    struct City {
        var name: String
        var country: String
        var point: Position
        var population: Int
    }

    static let europe = M49Area(code: "150", name: "Europe")
    static let northernEurope = M49Area(code: "154", name: "Northern Europe")
    static let westernEurope = M49Area(code: "155", name: "Western Europe")
    static let africa = M49Area(code: "002", name: "Africa")
    static let subSaharanAfrica = M49Area(code: "202", name: "Sub-Saharan Africa")
    static let asia = M49Area(code: "142", name: "Asia")

    static func country(
        _ code: String, _ lon: Double?, _ lat: Double?, box: (Double, Double, Double, Double),
        _ region: M49Area?, _ subregion: M49Area?, _ intermediate: M49Area? = nil
    ) -> (String, Country) {
        let point = lon.flatMap { lon in lat.map { Position(longitude: lon, latitude: $0) } }
        let areas = RegionAssignment(country: code, region: region, subregion: subregion, intermediateRegion: intermediate)
        return (code, Country(point: point, box: box, areas: areas))
    }

    let countries: [String: Country] = Dictionary(uniqueKeysWithValues: [
        country("GB", -2.10, 53.76, box: (-8.7, 49.8, 1.8, 60.9), europe, northernEurope),
        country("IE", -8.15, 53.17, box: (-10.7, 51.4, -6.0, 55.4), europe, northernEurope),
        country("FR", 2.35, 46.70, box: (-5.2, 42.3, 8.2, 51.1), europe, westernEurope),
        country("DE", 10.38, 51.08, box: (5.9, 47.3, 15.0, 55.1), europe, westernEurope),
        country("GH", -1.21, 7.96, box: (-3.3, 4.7, 1.2, 11.2), africa, subSaharanAfrica, M49Area(code: "011", name: "Western Africa")),
        country("NG", 8.11, 9.59, box: (2.7, 4.3, 14.7, 13.9), africa, subSaharanAfrica, M49Area(code: "011", name: "Western Africa")),
        country("KE", 37.86, 0.53, box: (33.9, -4.7, 41.9, 5.0), africa, subSaharanAfrica, M49Area(code: "014", name: "Eastern Africa")),
        country("AE", 54.35, 23.91, box: (51.5, 22.6, 56.4, 26.1), asia, M49Area(code: "145", name: "Western Asia")),
        country("NP", 83.93, 28.25, box: (80.0, 26.3, 88.2, 30.5), asia, M49Area(code: "034", name: "Southern Asia")),
        country("TH", 101.02, 15.16, box: (97.3, 5.6, 105.6, 20.5), asia, M49Area(code: "035", name: "South-eastern Asia")),
        country("PH", 121.77, 12.88, box: (116.9, 4.6, 126.6, 21.1), asia, M49Area(code: "035", name: "South-eastern Asia")),
        // A known code without a point to place a project by.
        country("AQ", nil, nil, box: (-180, -90, 180, -60), nil, nil),
    ])

    let cities = [
        City(name: "London", country: "GB", point: Position(longitude: -0.12574, latitude: 51.50853), population: 8_961_989),
        // Two of a name: the most populous is the one a record is placed at.
        City(name: "Newport", country: "GB", point: Position(longitude: -2.99835, latitude: 51.58774), population: 161_506),
        City(name: "Newport", country: "GB", point: Position(longitude: -1.29124, latitude: 50.70146), population: 24_884),
        City(name: "Dublin", country: "IE", point: Position(longitude: -6.24889, latitude: 53.33306), population: 1_024_027),
        City(name: "Paris", country: "FR", point: Position(longitude: 2.3488, latitude: 48.85341), population: 2_138_551),
        City(name: "Accra", country: "GH", point: Position(longitude: -0.1969, latitude: 5.55602), population: 1_963_264),
        City(name: "Lagos", country: "NG", point: Position(longitude: 3.39467, latitude: 6.45407), population: 15_388_000),
        City(name: "Nairobi", country: "KE", point: Position(longitude: 36.81667, latitude: -1.28333), population: 4_397_073),
        City(name: "Abu Dhabi", country: "AE", point: Position(longitude: 54.39696, latitude: 24.45118), population: 1_807_000),
        City(name: "Kathmandu", country: "NP", point: Position(longitude: 85.3206, latitude: 27.70169), population: 1_442_271),
        City(name: "Bangkok", country: "TH", point: Position(longitude: 100.50144, latitude: 13.75398), population: 5_104_476),
        City(name: "Manila", country: "PH", point: Position(longitude: 120.9822, latitude: 14.6042), population: 1_600_000),
    ]

    private let lock = NSLock()
    private var batches: [Int] = []

    /// The size of each `assign` call so far.
    var assignCalls: [Int] {
        lock.withLock { batches }
    }

    func isCountryCode(_ code: String) -> Bool {
        countries[code] != nil
    }

    func countryPoint(_ code: String) -> Position? {
        countries[code]?.point
    }

    func cityPoint(named name: String, country code: String) -> Position? {
        cities.filter { $0.country == code && $0.name.lowercased() == name.lowercased() }
            .max { $0.population < $1.population }?.point
    }

    func assignment(forCountry code: String) -> RegionAssignment? {
        countries[code]?.areas
    }

    func assign(_ positions: [Position]) -> [RegionAssignment?] {
        lock.withLock { batches.append(positions.count) }
        return positions.map { position in
            countries.values
                .filter { $0.box.west <= position.longitude && position.longitude <= $0.box.east
                    && $0.box.south <= position.latitude && position.latitude <= $0.box.north }
                .min { area($0.box) < area($1.box) }?.areas
        }
    }

    private func area(_ box: (west: Double, south: Double, east: Double, north: Double)) -> Double {
        (box.east - box.west) * (box.north - box.south)
    }
}
