import Foundation
import GEOSKit
import GeoJSON
import Participation
import Regions

/// The one reader of areas and filters, for the command line and the service alike: each value
/// is checked against the atlas and the taxonomy, and a bad one is a `SelectionError` that names
/// its parameter as the caller spells it.
///
/// Values come as text, every value of a parameter in order (a list parameter's values are
/// alternatives). An area parameter takes one value; at most one area is given.
public struct SelectionParser: Sendable {
    /// The reference data countries and regions are checked against.
    public let atlas: Atlas
    /// Whether `within` may name a GeoJSON file as well as give WKT (the command line, not the service).
    public let readsFiles: Bool
    /// The parameter as messages name it: `--bbox` on the command line, `bbox` in a query string.
    public let spell: @Sendable (SelectionParameter) -> String

    /// A parser over `atlas`, reading files for `within` when `readsFiles`, naming parameters by `spell`.
    public init(atlas: Atlas, readsFiles: Bool, spell: @escaping @Sendable (SelectionParameter) -> String) {
        (self.atlas, self.readsFiles, self.spell) = (atlas, readsFiles, spell)
    }

    /// The area the values give, nil for none: a box (W,S,E,N in degrees; west > east crosses the
    /// antimeridian), a circle (`near` LON,LAT with `radius-km`, great-circle km), a country
    /// (ISO 3166-1 alpha-2 or alpha-3 code or English name), a UN M49 region (name or code), or a
    /// valid polygon (`within`: WKT, or a GeoJSON file when `readsFiles`).
    /// - Parameter boxInDegrees: for a box given in another CRS, its four numbers as given (in
    ///   that CRS's axis order) to a box in degrees, or nil when they lie outside that CRS's world.
    /// - Throws: `SelectionError` for a malformed or unknown value, several areas, or a circle
    ///   without its centre or radius.
    public func area(_ values: [SelectionParameter: [String]], boxInDegrees: ((GivenBox) -> BoundingBox?)? = nil) throws(SelectionError) -> Area? {
        let given = [SelectionParameter.bbox, .within, .near, .country, .region].filter { values[$0]?.isEmpty == false }
        guard given.count <= 1 else { throw SelectionError(nil, expected: "one area", foundPlain: given.map(spell).joined(separator: " and ")) }
        let near = try one(.near, values), radius = try one(.radiusKm, values)
        if radius != nil && near == nil { throw SelectionError(spell(.radiusKm), expected: "\(spell(.near)) with it", foundPlain: "none") }
        if let text = try one(.bbox, values) { return .bbox(try box(text, inDegrees: boxInDegrees)) }
        if let near {
            let n = try numbers(near, count: 2, parameter: .near, expected: "LON,LAT")
            guard let radius else { throw SelectionError(spell(.near), expected: "\(spell(.radiusKm)) with it", foundPlain: "none") }
            guard let km = Double(radius.trimmingCharacters(in: .whitespaces)) else {
                throw SelectionError(spell(.radiusKm), expected: "a distance above 0", found: radius)
            }
            guard km > 0, km.isFinite else { throw SelectionError(spell(.radiusKm), expected: "a distance above 0", foundPlain: "\(km)") }
            return .circle(center: try position(n[0], n[1], .near), radiusKm: km)
        }
        if let text = try one(.country, values) {
            guard let code = atlas.countryCode(named: text) else {
                throw SelectionError(spell(.country), expected: "an ISO 3166-1 alpha-2 or alpha-3 code or an English country name", found: text,
                                     hint: countrySuggestion(text))
            }
            return .country(code)
        }
        if let text = try one(.region, values) {
            guard let area = atlas.m49Area(text) else {
                let typed = text.lowercased()
                let nearest = atlas.m49Areas.map(\.name).sorted {
                    NearestNames.distance($0.lowercased(), typed) < NearestNames.distance($1.lowercased(), typed)
                }
                throw SelectionError(spell(.region), expected: "an M49 region name or code", found: text,
                                     hint: "; nearest: " + nearest.prefix(3).joined(separator: ", "))
            }
            return .region(area)
        }
        if let text = try one(.within, values) { return .polygon(try polygon(text)) }
        return nil
    }

    /// The filters the values give (OR within a parameter, AND across): taxonomy terms as spelt
    /// in the record, years (`active-in`), an OGC API `datetime` instant or interval, and text.
    /// - Throws: `SelectionError` for a term, year or date-time that is not one.
    public func filter(_ values: [SelectionParameter: [String]]) throws(SelectionError) -> ProjectFilter {
        var filter = ProjectFilter()
        filter.levels = try terms(.level, values)
        filter.groups = try terms(.group, values)
        filter.sectors = try terms(.sector, values)
        filter.purposes = try terms(.purpose, values)
        for text in values[.activeIn] ?? [] {
            guard let year = Int(text) else { throw SelectionError(spell(.activeIn), expected: "a year", found: text) }
            filter.activeIn.append(year)
        }
        filter.text = values[.text] ?? []
        if let text = try one(.datetime, values) {
            (filter.activeFrom, filter.activeUntil) = try DateTimeInterval.years(text, parameter: spell(.datetime))
        }
        return filter
    }

    /// `count` comma-separated finite numbers (spaces around each allowed).
    /// - Throws: `SelectionError` naming `parameter`, with `expected` (e.g. `W,S,E,N`).
    public func numbers(_ text: String, count: Int, parameter: SelectionParameter, expected: String) throws(SelectionError) -> [Double] {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == count, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw SelectionError(spell(parameter), expected: "\(expected) (\(count) numbers)", found: text)
        }
        return numbers.map { $0! }
    }

    private func one(_ parameter: SelectionParameter, _ values: [SelectionParameter: [String]]) throws(SelectionError) -> String? {
        let given = values[parameter] ?? []
        guard given.count <= 1 else { throw SelectionError(spell(parameter), expected: "one value", foundPlain: "\(given.count)") }
        return given.first
    }

    private func terms<T: RawRepresentable<String> & CaseIterable & Hashable>(
        _ parameter: SelectionParameter, _ values: [SelectionParameter: [String]]
    ) throws(SelectionError) -> Set<T> {
        var found = Set<T>()
        for text in values[parameter] ?? [] {
            guard let term = T(rawValue: text) else {
                let names = T.allCases.map(\.rawValue)
                throw SelectionError(spell(parameter), expected: "one of " + names.joined(separator: ", "), found: text,
                                     hint: NearestNames.didYouMean(text, among: names))
            }
            found.insert(term)
        }
        return found
    }

    private func position(_ lon: Double, _ lat: Double, _ parameter: SelectionParameter) throws(SelectionError) -> Position {
        guard (-180 ... 180).contains(lon) else { throw SelectionError(spell(parameter), expected: "a longitude in -180..180", foundPlain: JSONNumber.format(lon)) }
        guard (-90 ... 90).contains(lat) else { throw SelectionError(spell(parameter), expected: "a latitude in -90..90", foundPlain: JSONNumber.format(lat)) }
        return Position(longitude: lon, latitude: lat)
    }

    private func box(_ text: String, inDegrees: ((GivenBox) -> BoundingBox?)?) throws(SelectionError) -> BoundingBox {
        var n = try numbers(text, count: 4, parameter: .bbox, expected: "W,S,E,N")
        if let inDegrees {
            let given = GivenBox(lowerFirst: n[0], lowerSecond: n[1], upperFirst: n[2], upperSecond: n[3])
            guard let degrees = inDegrees(given) else { throw SelectionError(spell(.bbox), expected: "a box within its CRS's world", found: text) }
            n = degrees.degrees
        }
        _ = try position(n[0], n[1], .bbox)
        _ = try position(n[2], n[3], .bbox)
        guard n[1] <= n[3] else {
            throw SelectionError(spell(.bbox), expected: "SOUTH <= NORTH", foundPlain: "\(JSONNumber.format(n[1])) > \(JSONNumber.format(n[3]))")
        }
        return BoundingBox(west: n[0], south: n[1], east: n[2], north: n[3])
    }

    /// `; did you mean "Kenya" (KE)?` for the countries whose alpha-3 code or name is nearest
    /// `text` (alpha-2 codes are too short to suggest from), or "".
    func countrySuggestion(_ text: String) -> String {
        let countries = atlas.countryNames
        // ISO 3166-1 reserves UK exceptionally, for the United Kingdom, whose code is GB.
        if text.uppercased() == "UK", let kingdom = countries.first(where: { $0.alpha2 == "GB" }) {
            return "; did you mean \"\(kingdom.name)\" (GB)?"
        }
        let near = Set(NearestNames.nearest(text, among: countries.flatMap { [$0.alpha3, $0.name] }.filter { !$0.isEmpty }))
        let named = countries.filter { near.contains($0.alpha3) || near.contains($0.name) }
        guard !named.isEmpty else { return "" }
        return "; did you mean " + named.map { "\"\($0.name)\" (\($0.alpha2))" }.joined(separator: " or ") + "?"
    }
}
