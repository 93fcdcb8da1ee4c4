import Foundation
import GeoJSON
import Regions

/// Checks the properties of one record, one rule at a time, collecting problems.
struct Checker {
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
        guard Self.isWebURL(text) else {
            fail(.property(name), "expected an absolute http or https URL, found \(Problem.quote(text))")
            return nil
        }
        return text
    }

    /// Whether `text` is an absolute http or https URL with a host.
    static func isWebURL(_ text: String) -> Bool {
        // Foundation would percent-encode a space; in a URL it is a copy-and-paste slip.
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text),
              let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host
        else { return false }
        return !host.isEmpty
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
