import GeoJSON
import Regions

/// Safeguarding: survivor-led groups can be put at risk by a precise dot on a public map.
/// Every public output goes through `publicView`, and nothing public is computed from anything else.
extension Project {
    /// The position the public may see: never more precise than `locationPrecision`.
    /// `exact` as stored, `city` at the gazetteer's point (the country's, if the city is unknown),
    /// `country` at the country's point, `none` nowhere.
    /// - Throws: why the reference data cannot be read (see `Places`), naming the file.
    public func publicPosition(places: any Places) throws -> Position? {
        guard let country = countries.first else {
            return locationPrecision == .exact ? position : nil
        }
        switch locationPrecision {
        case .exact: return position
        case .city: return try city.flatMap { try places.cityPoint(named: $0, country: country) } ?? places.countryPoint(country)
        case .country: return try places.countryPoint(country)
        case .none: return nil
        }
    }

    /// The project as the public may see it, or nil when it is internal: its position replaced
    /// by the public one, its areas by those that position allows, its extra properties dropped.
    /// Consuming: a project the caller gives up becomes its view without a copy of its fields.
    /// - Throws: why the reference data cannot be read (see `Places`), naming the file.
    public consuming func publicView(places: any Places) throws -> Project? {
        guard visibility == .public else { return nil }
        var view = self
        view.position = try view.publicPosition(places: places)
        switch view.locationPrecision {
        case .exact: break
        case .city, .country: view.derived = view.mainCountryAreas(places: places)
        case .none: view.derived = nil
        }
        view.extra = JSONObject()
        return view
    }

    /// The areas of the main country: all that a record published at its city or country may say.
    func mainCountryAreas(places: any Places) -> RegionAssignment? {
        countries.first.flatMap(places.assignment(forCountry:))
    }
}
