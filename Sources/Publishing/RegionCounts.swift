import GeoJSON
import Participation
import Regions

/// How many public projects each country has, per participation level: for the choropleth
/// file and the tiles' regions layer. Projects without a public position count nowhere.
public struct RegionCounts: Sendable {
    /// Country code → count per level, in the taxonomy's order.
    public private(set) var byCountry: [String: [Int]] = [:]
    /// How many projects were counted in all.
    public private(set) var total = 0

    /// Counts the mapped projects of `views` (public views) by their country and level.
    public init(views: [Project]) {
        for project in views where project.position != nil {
            guard let country = project.derived?.country else { continue }
            var counts = byCountry[country, default: [Int](repeating: 0, count: ParticipationLevel.allCases.count)]
            counts[ParticipationLevel.allCases.firstIndex(of: project.participationLevel)!] += 1
            byCountry[country] = counts
            total += 1
        }
    }

    /// How many projects the country has (0 for nil or a country with none).
    public func count(_ country: String?) -> Int { country.flatMap { byCountry[$0] }?.reduce(0, +) ?? 0 }

    /// The counts per level of a country, in the taxonomy's order (zeros where it has none).
    func levelCounts(_ country: String?) -> [Int] {
        country.flatMap { byCountry[$0] } ?? [Int](repeating: 0, count: ParticipationLevel.allCases.count)
    }

    /// The country's counts per level as a JSON object, `{"consultation": 0, …}` in the taxonomy's order.
    public func levels(_ country: String?) -> JSONValue {
        .object(JSONObject(ChoroplethArea.flatLevels(levelCounts(country))))
    }

    /// Every country polygon with its count, share and counts per level (as the object `levels`
    /// and as one flat field per level).
    public func choropleth(boundaries: [CountryBoundary]) -> FeatureCollection {
        Choropleth.collection(boundaries: boundaries) { code in
            let n = self.count(code)
            return [
                ("count", .number(Double(n))),
                ("share", .number(total == 0 ? 0 : (Double(n) / Double(total) * 1e6).rounded() / 1e6)),
                ("levels", levels(code)),
            ] + ChoroplethArea.flatLevels(levelCounts(code))
        }
    }
}
