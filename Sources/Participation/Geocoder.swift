import GeoJSON
import Regions

/// Places records: a record without a point gets its city's or country's point, and every
/// record gets its country and M49 areas. One `assign` call for a whole batch of records.
public struct Geocoder {
    public let places: any Places

    public init(places: any Places) {
        self.places = places
    }

    /// Geocodes and derives in place; `locators[i]` says where record i came from.
    public func place(_ projects: inout [Project], locators: [FieldLocator], problems: inout [Problem]) -> Bool {
        var failed = false
        var pointIndices: [Int] = []
        for i in projects.indices {
            let project = projects[i]
            guard project.locationPrecision != .none else { continue }
            if project.position == nil, let main = project.countries.first {
                projects[i].position = project.city.flatMap { places.cityPoint(named: $0, country: main) }
                    ?? places.countryPoint(main)
                if projects[i].position == nil {
                    problems.append(locators[i].error(
                        .element("countries", 0), "expected a country with a known point to place the project by, found \"\(main)\"; give a Point"))
                    failed = true
                    continue
                }
            }
            // A record published at its city or country takes that country's areas: the public
            // point lies there. Only `exact` points are placed by where they fall.
            if project.locationPrecision == .exact {
                pointIndices.append(i)
            } else if let main = project.countries.first {
                projects[i].derived = places.assignment(forCountry: main)
            }
        }
        let assignments = places.assign(pointIndices.map { projects[$0].position! })
        for (i, assignment) in zip(pointIndices, assignments) {
            projects[i].derived = assignment
            let declared = projects[i].countries
            guard let assignment else {
                // A point at sea is fine for a project that names no country (an online one).
                if !declared.isEmpty {
                    problems.append(locators[i].warning(
                        .geometry, "the point falls in no country, not in [\(declared.joined(separator: ", "))]"))
                }
                continue
            }
            if let country = assignment.country, !declared.isEmpty, !declared.contains(country) {
                problems.append(locators[i].warning(
                    .geometry, "the point falls in \(country), which is not among the countries [\(declared.joined(separator: ", "))]"))
            }
        }
        return !failed
    }
}
