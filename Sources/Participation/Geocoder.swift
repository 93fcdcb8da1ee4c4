import GeoJSON
import Regions

/// Places records: a record without a point gets its city's or country's point, and every mapped
/// record gets its country and M49 areas. The points given in the input are located in one
/// `assign` call for the whole batch.
public struct Geocoder {
    /// The gazetteer, country points and boundaries the records are placed against.
    public let places: any Places

    /// A geocoder over `places` (an `Atlas` in every command).
    public init(places: any Places) {
        self.places = places
    }

    /// Geocodes and derives in place; `locators[i]` says where record i came from. A record whose
    /// country has no point to place it by is an error. An `exact` record always has its point
    /// (`ProjectReader` requires one).
    /// - Throws: why the reference data cannot be read (see `Places`), naming the file; the
    ///   projects are then left as they were.
    public func place(_ projects: inout [Project], locators: [FieldLocator], problems: inout [Problem]) throws {
        var placed = projects, found: [Problem] = []
        try place(into: &placed, locators: locators, problems: &found)
        projects = placed
        problems += found
    }

    /// `place(_:locators:problems:)` where the records lie, for a caller that drops them when it
    /// throws: part of them may then be placed.
    func place(into projects: inout [Project], locators: [FieldLocator], problems: inout [Problem]) throws {
        var given: [Int] = []
        // Fields are read where the record lies: a copy of each record would count every reference in it.
        for i in projects.indices where projects[i].locationPrecision != .none {
            let precision = projects[i].locationPrecision
            if projects[i].position != nil {
                given.append(i)
            } else if let main = projects[i].countries.first {
                projects[i].position = try projects[i].city.flatMap { try places.cityPoint(named: $0, country: main) }
                    ?? places.countryPoint(main)
                if projects[i].position == nil {
                    problems.append(locators[i].error(
                        .element("countries", 0),
                        "expected a country with a known point to place the project by, found \(Problem.quote(main)); give a Point"))
                }
            }
            // Only a given `exact` point is placed by where it falls; everything else takes its main
            // country's areas, so that the areas never say more than the public point does.
            if precision != .exact {
                projects[i].derived = projects[i].mainCountryAreas(places: places)
            }
        }
        guard !given.isEmpty else { return }
        let assignments = try places.assign(given.map { projects[$0].position! })
        for (i, assignment) in zip(given, assignments) {
            if projects[i].locationPrecision == .exact { projects[i].derived = assignment }
            if let warning = mismatch(assignment, declared: projects[i].countries) {
                problems.append(locators[i].warning(.geometry, warning))
            }
        }
    }

    /// A given point that lies outside the record's countries is most often a typo or swapped
    /// coordinates: worth a look, not a rejection (a project may sit just across a border).
    private func mismatch(_ assignment: RegionAssignment?, declared: [String]) -> String? {
        let list = "[" + declared.joined(separator: ", ") + "]"
        // A point at sea is fine for a project that names no country (an online one).
        guard let assignment else { return declared.isEmpty ? nil : "the point falls in no country, not in \(list)" }
        guard let country = assignment.country, !declared.isEmpty, !declared.contains(country) else { return nil }
        return "the point falls in \(country), which is not among the countries \(list)"
    }
}
