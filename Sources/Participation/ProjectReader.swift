import Foundation
import GeoJSON
import Regions

/// Reads a record from a feature, checking every rule of the record (docs/ARCHITECTURE.md) and reporting
/// every problem at its field. Positions are not yet geocoded nor regions derived: see `Geocoder`.
public struct ProjectReader: Sendable {
    /// The years a `startYear` or `endYear` may take.
    public static let yearRange = 1900 ... 2100
    /// Properties the store derives; an input value for one is ignored.
    public static let derivedProperties = Set(Project.derivedPropertyNames)
    /// Every property of the record, in the order they are written.
    public static let recordProperties: [String] = [
        "title", "organisation", "description", "url", "initiative", "participationLevel", "participantGroups",
        "sector", "purposes", "countries", "city", "startYear", "endYear", "locationPrecision", "visibility",
        "sources", "updated",
    ]

    static let recordPropertySet = Set(recordProperties)

    /// What cities and countries are checked against (`city` must be a gazetteer city of the main country).
    public let places: any Places

    /// A reader checking records against `places`.
    public init(places: any Places) {
        self.places = places
    }

    /// What is wrong with the text of an id, if anything: the message.
    static func idProblem(_ text: String) -> String? {
        if text.isBlank { return "expected a non-empty id, found \(Problem.quote(text))" }
        if let excess = TextLimit.excess(text, limit: TextLimit.id) { return excess }
        // An id goes into URLs, CSV rows and database keys, where these break or vanish.
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "expected an id without control characters, found \(JSONValue.string(text).quoted)"
        }
        return nil
    }

    /// The record, or nil when there is an error; `problems` gets errors and warnings alike.
    public func read(_ feature: Feature, at locator: FieldLocator, problems: inout [Problem]) -> Project? {
        var check = Checker(properties: feature.properties ?? JSONObject(), locator: locator)
        let id: String?
        switch feature.id {
        case nil:
            check.fail(.record, "expected an \"id\" (a string or a number), found none")
            id = nil
        case let value?:
            let text = value.description
            if let problem = Self.idProblem(text) {
                check.fail(.id, problem)
                id = nil
            } else {
                id = text
            }
        }
        let title = check.text("title")
        let organisation = check.text("organisation")
        let description = check.text("description", required: false)
        let url = check.url("url")
        let initiative = check.text("initiative", required: false)
        let level: ParticipationLevel? = check.term("participationLevel")
        let groups: [ParticipantGroup]? = check.terms("participantGroups", atLeastOne: true)
        let sector: Sector? = check.term("sector")
        let purposes: [Purpose]? = check.terms("purposes", atLeastOne: false, required: false)
        let countries = check.countries(places)
        let city = check.text("city", required: false)
        let startYear = check.year("startYear")
        let endYear = check.year("endYear")
        if let startYear, let endYear, endYear < startYear {
            check.fail(.property("endYear"), "expected a year no earlier than startYear \(startYear), found \(endYear)")
        }
        let precision: LocationPrecision? = check.term("locationPrecision")
        let visibility: Visibility? = check.term("visibility")
        let sources = check.texts("sources")
        check.ignoreAndKeepOthers()

        var position: Position?
        switch feature.geometry {
        case nil: break
        case .point(let point)?: position = point
        case let other?: check.fail(.geometryType, "expected a Point or null geometry, found a \(other.typeName)")
        }
        if let countries, let city {
            if let main = countries.first {
                do {
                    if try places.cityPoint(named: city, country: main) == nil {
                        check.fail(.property("city"), "expected a city of \(main) in the gazetteer, found \(Problem.quote(city))")
                    }
                } catch {
                    check.fail(.property("city"), "expected a gazetteer to find \(Problem.quote(city)) in, found none (\(error))")
                }
            } else {
                check.fail(.property("city"), "expected countries with the city's country first, found none")
            }
        }
        if let precision, let countries {
            check.location(precision: precision, point: position, countries: countries)
        }

        problems += check.problems
        guard !check.failed, let id, let title, let organisation, let level, let groups, let sector,
              let purposes, let countries, let precision, let visibility, let sources
        else { return nil }
        return Project(
            id: id, title: title, organisation: organisation, description: description, url: url,
            initiative: initiative, participationLevel: level, participantGroups: groups, sector: sector,
            purposes: purposes, countries: countries, city: city, startYear: startYear, endYear: endYear,
            locationPrecision: precision, visibility: visibility, sources: sources, position: position,
            extra: check.extra)
    }
}
