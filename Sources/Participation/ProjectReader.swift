import Foundation
import GeoJSON
import Regions

/// Reads a record from a feature, checking every rule of the record (docs/ARCHITECTURE.md) and reporting
/// every problem at its field. Positions are not yet geocoded nor regions derived: see `Geocoder`.
public struct ProjectReader: Sendable {
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

    public let places: any Places

    public init(places: any Places) {
        self.places = places
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
            if text.isBlank {
                check.fail(.id, "expected a non-empty id, found \(Problem.quote(text))")
                id = nil
            } else if let excess = TextLimit.excess(text, limit: TextLimit.id) {
                check.fail(.id, excess)
                id = nil
            } else if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                // An id goes into URLs, CSV rows and database keys, where these break or vanish.
                check.fail(.id, "expected an id without control characters, found \(JSONValue.string(text).quoted)")
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
                if places.cityPoint(named: city, country: main) == nil {
                    check.fail(.property("city"), "expected a city of \(main) in the gazetteer, found \(Problem.quote(city))")
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

/// Checks the properties of one record, one rule at a time, collecting problems.
private struct Checker {
    let properties: JSONObject
    let locator: FieldLocator
    var problems: [Problem] = []
    var failed = false
    var extra = JSONObject()

    init(properties: JSONObject, locator: FieldLocator) {
        self.properties = properties
        self.locator = locator
    }

    mutating func fail(_ field: Field, _ message: String) {
        problems.append(locator.error(field, message))
        failed = true
    }

    /// The value of a property, or nil (with a problem when it is required) if absent.
    /// A JSON null counts as absent.
    private mutating func value(_ name: String, required: Bool) -> JSONValue? {
        switch properties[name] {
        case nil:
            if required { fail(.missing(name), "expected a \"\(name)\" property, found none") }
            return nil
        case .null?:
            if required { fail(.property(name), "expected a value for \"\(name)\", found null") }
            return nil
        case let value?:
            return value
        }
    }

    /// A repeated list entry is harmless (it is kept once), so it is a warning, not an error.
    private mutating func warnTwice(_ item: JSONValue, at field: Field) {
        problems.append(locator.warning(field, "\(item.quoted) is listed twice; counted once"))
    }

    mutating func text(_ name: String, required: Bool = true) -> String? {
        guard let value = value(name, required: required) else { return nil }
        guard case .string(let text) = value else {
            fail(.property(name), "expected a string, found \(value.kind)")
            return nil
        }
        guard !text.isBlank else {
            fail(.property(name), "expected a non-empty string, found \(Problem.quote(text))")
            return nil
        }
        if let limit = TextLimit.byProperty[name], let excess = TextLimit.excess(text, limit: limit) {
            fail(.property(name), excess)
            return nil
        }
        return text
    }

    mutating func texts(_ name: String) -> [String]? {
        guard let items = list(name, required: true) else { return nil }
        var texts: [String] = []
        var valid = !items.isEmpty
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, !text.isBlank else {
                fail(.element(name, index), "expected a non-empty string, found \(item.quoted)")
                valid = false
                continue
            }
            if let limit = TextLimit.byProperty[name], let excess = TextLimit.excess(text, limit: limit) {
                fail(.element(name, index), excess)
                valid = false
                continue
            }
            if texts.contains(text) {
                warnTwice(item, at: .element(name, index))
            } else {
                texts.append(text)
            }
        }
        if items.isEmpty { fail(.property(name), "expected at least one entry, found none") }
        return valid ? texts : nil
    }

    private mutating func list(_ name: String, required: Bool) -> [JSONValue]? {
        guard let value = value(name, required: required) else { return required ? nil : [] }
        guard case .array(let items) = value else {
            fail(.property(name), "expected an array, found \(value.kind)")
            return nil
        }
        return items
    }

    mutating func term<T: RawRepresentable<String> & CaseIterable>(_ name: String) -> T? {
        guard let value = value(name, required: true) else { return nil }
        return term(value, at: .property(name))
    }

    private mutating func term<T: RawRepresentable<String> & CaseIterable>(_ value: JSONValue, at field: Field) -> T? {
        if case .string(let text) = value, let term = T(rawValue: text) { return term }
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        fail(field, "expected one of \(allowed), found \(value.quoted)")
        return nil
    }

    mutating func terms<T: RawRepresentable<String> & CaseIterable & Equatable>(
        _ name: String, atLeastOne: Bool, required: Bool = true
    ) -> [T]? {
        guard let items = list(name, required: required) else { return nil }
        var terms: [T] = []
        var valid = true
        for (index, item) in items.enumerated() {
            guard let term: T = term(item, at: .element(name, index)) else {
                valid = false
                continue
            }
            if terms.contains(term) {
                warnTwice(item, at: .element(name, index))
            } else {
                terms.append(term)
            }
        }
        if atLeastOne && items.isEmpty {
            fail(.property(name), "expected at least one entry, found none")
            valid = false
        }
        return valid ? terms : nil
    }

    mutating func url(_ name: String) -> String? {
        guard let text = text(name, required: false) else { return nil }
        // Foundation would percent-encode a space; in a URL it is a copy-and-paste slip.
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text),
              let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty
        else {
            fail(.property(name), "expected an absolute http or https URL, found \(Problem.quote(text))")
            return nil
        }
        return text
    }

    mutating func year(_ name: String) -> Int? {
        guard let value = value(name, required: false) else { return nil }
        guard case .number(let number) = value, number == number.rounded(), ProjectReader.yearRange.contains(Int(exactly: number) ?? -1) else {
            fail(.property(name), "expected a year (an integer in \(ProjectReader.yearRange.lowerBound)..\(ProjectReader.yearRange.upperBound)), found \(value.quoted)")
            return nil
        }
        return Int(number)
    }

    mutating func countries(_ places: any Places) -> [String]? {
        guard let items = list("countries", required: false) else { return nil }
        var codes: [String] = []
        var valid = true
        for (index, item) in items.enumerated() {
            guard case .string(let code) = item, places.isCountryCode(code) else {
                valid = false
                var message = "expected an ISO 3166-1 alpha-2 country code, found \(item.quoted)"
                if case .string(let code) = item {
                    if places.isCountryCode(code.uppercased()) {
                        message += " (did you mean \"\(code.uppercased())\"?)"
                    } else if code.uppercased() == "UK" {
                        message += " (the United Kingdom is \"GB\")"
                    }
                }
                fail(.element("countries", index), message)
                continue
            }
            if codes.contains(code) {
                warnTwice(item, at: .element("countries", index))
            } else {
                codes.append(code)
            }
        }
        return valid ? codes : nil
    }

    /// The geometry must agree with the precision: `none` is never mapped; anything else needs
    /// a Point or countries to geocode from.
    mutating func location(precision: LocationPrecision, point: Position?, countries: [String]) {
        switch precision {
        case .none:
            if point != nil {
                fail(.geometry, "expected a null geometry for locationPrecision \"none\", found a Point")
            }
        case .exact:
            // A geocoded point is a city's or a country's: published as "exact", it would claim a
            // precision nobody gave.
            if point == nil { fail(.geometry, "expected a Point for locationPrecision \"exact\", found null") }
        case .city:
            // A city of the wrong type or unknown to the gazetteer is reported as such.
            if isAbsent("city") { fail(.missing("city"), "expected a city for locationPrecision \"city\", found none") }
        case .country:
            if countries.isEmpty {
                fail(isAbsent("countries") ? .missing("countries") : .property("countries"),
                     "expected at least one country for locationPrecision \"country\", found none")
            }
        }
    }

    private func isAbsent(_ name: String) -> Bool {
        properties[name] == nil || properties[name] == .null
    }

    /// Derived and store-set properties are ignored with a warning; unknown ones are kept, unpublished.
    mutating func ignoreAndKeepOthers() {
        for (name, value) in properties {
            if name == "updated" {
                problems.append(locator.warning(.property(name), "\"updated\" is set by the store; the input value is ignored"))
            } else if ProjectReader.recordPropertySet.contains(name) {
                continue
            } else if ProjectReader.derivedProperties.contains(name) {
                problems.append(locator.warning(.property(name), "\(Problem.quote(name)) is derived on import; the input value is ignored"))
            } else {
                problems.append(locator.warning(.property(name), "unknown property \(Problem.quote(name)) is kept but never published"))
                extra[name] = value
            }
        }
    }
}
