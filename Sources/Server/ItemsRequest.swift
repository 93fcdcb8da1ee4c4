import GeoJSON
import Hummingbird
import PROJKit
import Participation
import Regions
import Store

/// A request's query: the area and filters every route shares, with paging and CRS for items.
/// Every parameter is checked; one the route does not know is an error that names it.
struct ItemsRequest: Sendable {
    var query = ProjectQuery()
    var crs = CRS.crs84
    var limit = ItemsRequest.defaultLimit
    var html = false

    /// The largest page (OpenAPI's `maximum` for limit); larger limits are clamped to it.
    static let maxLimit = 10_000
    static let defaultLimit = 10

    static let areaAndFilters: Set<String> = [
        "bbox", "bbox-crs", "datetime", "level", "group", "sector", "purpose", "country", "region", "q", "near", "radius-km", "within", "f",
    ]
    static let items = areaAndFilters.union(["crs", "limit", "offset"])

    /// `routeOwn` names parameters the route reads itself (e.g. `zoom`, or `bbox` as a view):
    /// they are allowed, and not read as areas or filters here.
    init(_ parameters: QueryParameters, allowed: Set<String>, routeOwn: Set<String> = [], atlas: Atlas, includeInternal: Bool) throws(Problem) {
        try parameters.allowOnly(allowed.union(routeOwn))
        func one(_ name: String) throws(Problem) -> String? {
            guard !routeOwn.contains(name) else { return nil }
            let values = parameters.all(name)
            guard values.count <= 1 else { throw Problem(.badRequest, "query parameter \(name): expected one value, found \(values.count)") }
            return values.first
        }
        query.includeInternal = includeInternal
        if let f = try one("f") {
            guard f == "json" || f == "html" else { throw Problem.badParameter("f", expected: "json or html", found: String(f)) }
            html = f == "html"
        }
        if let value = try one("limit") {
            // A whole number too large for Int is still a limit above the maximum: clamped.
            let huge = !value.isEmpty && value.utf8.allSatisfy { (0x30 ... 0x39).contains($0) }
            guard let n = Int(value) ?? (huge ? Int.max : nil), n >= 1 else { throw Problem.badParameter("limit", expected: "a whole number of 1 or more", found: String(value)) }
            limit = min(n, Self.maxLimit)
        }
        if let value = try one("offset") {
            guard let n = Int(value), n >= 0 else { throw Problem.badParameter("offset", expected: "a whole number of 0 or more", found: String(value)) }
            query.offset = n
        }
        query.limit = allowed.contains("limit") ? limit : nil
        if let value = try one("crs") { crs = try ServedCRS.parse(value, parameter: "crs") }
        let bboxCRS = try one("bbox-crs").map { value throws(Problem) in try ServedCRS.parse(value, parameter: "bbox-crs") } ?? .crs84

        var values: [SelectionParameter: [String]] = [:]
        for parameter in SelectionParameter.allCases {
            let name = Self.name(parameter)
            guard allowed.contains(name), !routeOwn.contains(name) else { continue }
            let given = parameters.all(name)
            values[parameter] = Self.lists.contains(parameter) ? given.flatMap { $0.split(separator: ",").map(String.init) } : given
        }
        let boxInDegrees = try ServedCRS.boxInDegrees(bboxCRS)
        do {
            let parser = SelectionParser(atlas: atlas, readsFiles: false, spell: Self.name)
            query.area = try parser.area(values, boxInDegrees: boxInDegrees)
            query.filter = try parser.filter(values)
        } catch {
            throw Problem(error)
        }
    }

    /// The parameters whose values are comma-separated lists of alternatives.
    static let lists: Set<SelectionParameter> = [.level, .group, .sector, .purpose, .text]

    /// A parameter's name in the query string: OGC API's `q` for text, else Store's name.
    @Sendable static func name(_ parameter: SelectionParameter) -> String {
        parameter == .text ? "q" : parameter.rawValue
    }

    /// The query of a route that reads the items' areas and filters besides its own parameters
    /// (`routeOwn`), over the view `request`'s role may see.
    /// - Throws: `Problem` (400) for an unknown parameter or a bad value.
    static func shared(_ request: Request, routeOwn: Set<String>, service: ServiceState) throws(Problem) -> (QueryParameters, ItemsRequest) {
        let query = try service.query(request)
        let parsed = try ItemsRequest(query, allowed: areaAndFilters, routeOwn: routeOwn, atlas: service.atlas,
                                      includeInternal: service.role(request) != .anonymous)
        return (query, parsed)
    }
}

extension Problem {
    /// A bad area or filter as a 400: `query parameter NAME: expected …, found …`.
    init(_ error: SelectionError) {
        self.init(.badRequest, (error.parameter.map { "query parameter \($0): " } ?? "") + error.description)
    }
}
