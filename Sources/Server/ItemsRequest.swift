import Foundation
import GEOSKit
import GeoJSON
import Hummingbird
import Participation
import Regions
import Store

/// The coordinate reference systems the service speaks (OGC API – Features Part 2), by URI.
public enum ServiceCRS: String, Sendable, CaseIterable {
    case crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    case epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
    case epsg3857 = "http://www.opengis.net/def/crs/EPSG/0/3857"

    static func parse(_ value: String, parameter: String) throws(Problem) -> ServiceCRS {
        guard let crs = ServiceCRS(rawValue: String(value)) else {
            throw Problem.badParameter(parameter, expected: "one of " + allCases.map(\.rawValue).joined(separator: ", "), found: String(value))
        }
        return crs
    }
}

/// A request's query: the area and filters every route shares, with paging and CRS for items.
/// Every parameter is checked; one the route does not know is an error that names it.
struct ItemsRequest: Sendable {
    var query = ProjectQuery()
    var crs = ServiceCRS.crs84
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
        func list(_ name: String) -> [String] {
            parameters.all(name).flatMap { $0.split(separator: ",").map(String.init) }
        }
        func numbers(_ name: String, _ value: String, count: Int, expected: String) throws(Problem) -> [Double] {
            let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
            guard parts.count == count, parts.allSatisfy({ $0?.isFinite == true }) else {
                throw Problem.badParameter(name, expected: expected, found: String(value))
            }
            return parts.map { $0! }
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
        if let value = try one("crs") { crs = try ServiceCRS.parse(value, parameter: "crs") }
        let bboxCRS = try one("bbox-crs").map { v throws(Problem) in try ServiceCRS.parse(v, parameter: "bbox-crs") } ?? .crs84

        var areas: [String] = []
        if let value = try one("bbox") {
            areas.append("bbox")
            var n = try numbers("bbox", value, count: 4, expected: "four numbers, minimum then maximum corner")
            switch bboxCRS {
            case .crs84: break
            case .epsg4326: n = [n[1], n[0], n[3], n[2]]  // latitude first
            case .epsg3857:
                let (west, south) = WebMercator.degrees(x: n[0], y: n[1]), (east, north) = WebMercator.degrees(x: n[2], y: n[3])
                n = [west, south, east, north]
            }
            guard (-180 ... 180).contains(n[0]), (-180 ... 180).contains(n[2]), (-90 ... 90).contains(n[1]), (-90 ... 90).contains(n[3]), n[1] <= n[3] else {
                throw Problem.badParameter("bbox", expected: "a box within the world with south <= north in \(bboxCRS.rawValue)", found: String(value))
            }
            query.area = .bbox(BoundingBox(west: n[0], south: n[1], east: n[2], north: n[3]))
        }
        if let value = try one("near") {
            areas.append("near")
            let n = try numbers("near", value, count: 2, expected: "LON,LAT")
            guard let r = try one("radius-km"), let radius = Double(r), radius > 0, radius.isFinite else {
                throw Problem.badParameter("radius-km", expected: "a distance above 0 with near", found: parameters["radius-km"] ?? "")
            }
            guard (-180 ... 180).contains(n[0]), (-90 ... 90).contains(n[1]) else {
                throw Problem.badParameter("near", expected: "a longitude in -180..180 and a latitude in -90..90", found: String(value))
            }
            query.area = .circle(center: Position(longitude: n[0], latitude: n[1]), radiusKm: radius)
        } else if parameters["radius-km"] != nil {
            throw Problem(.badRequest, "query parameter radius-km: expected near with it, found none")
        }
        if let value = try one("country") {
            areas.append("country")
            guard atlas.isCountryCode(String(value)) else { throw Problem.badParameter("country", expected: "an ISO 3166-1 alpha-2 code", found: String(value)) }
            query.area = .country(String(value))
        }
        if let value = try one("region") {
            areas.append("region")
            guard let area = atlas.m49Area(String(value)) else { throw Problem.badParameter("region", expected: "a UN M49 region name or code", found: String(value)) }
            query.area = .region(area)
        }
        if let value = try one("within") {
            areas.append("within")
            query.area = .polygon(try Self.polygon(String(value)))
        }
        guard areas.count <= 1 else { throw Problem(.badRequest, "expected one area, found \(areas.joined(separator: " and "))") }

        func terms<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(Problem) -> Set<T> where T.RawValue == String {
            var found = Set<T>()
            for value in list(name) {
                guard let term = T(rawValue: value) else {
                    throw Problem.badParameter(name, expected: "one of " + T.allCases.map(\.rawValue).joined(separator: ", "), found: value)
                }
                found.insert(term)
            }
            return found
        }
        query.filter.levels = try terms("level", ParticipationLevel.self)
        query.filter.groups = try terms("group", ParticipantGroup.self)
        query.filter.sectors = try terms("sector", Sector.self)
        query.filter.purposes = try terms("purpose", Purpose.self)
        query.filter.text = list("q")
        if let value = try one("datetime") {
            (query.filter.activeFrom, query.filter.activeUntil) = try DateTimeParameter.years(value)
        }
    }

    static func polygon(_ wkt: String) throws(Problem) -> Geometry {
        do {
            return try ContextPool.shared.withContext { context in
                let shape = try context.geometry(wkt: wkt)
                guard shape.typeName == "Polygon" || shape.typeName == "MultiPolygon", try shape.isValid else {
                    throw Problem.badParameter("within", expected: "a valid WKT Polygon or MultiPolygon", found: wkt)
                }
                return try shape.geoJSON
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem.badParameter("within", expected: "a WKT Polygon or MultiPolygon", found: wkt)
        }
    }
}
