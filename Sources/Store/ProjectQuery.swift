import Foundation
import GEOSKit
import GeoJSON
import Participation
import Regions

/// The order of results: the command line's `--sort`.
public enum SortKey: String, CaseIterable, Sendable {
    case id, title, updated
}

/// An area, filters and a page: what every store answers, and what a scan of a file answers
/// the same way (the reference the stores are tested against).
public struct ProjectQuery: Sendable, Hashable {
    /// The area the view's positions and regions must fall in; nil for anywhere.
    public var area: Area?
    /// The filters; empty for none.
    public var filter = ProjectFilter()
    /// The page size; nil for no limit.
    public var limit: Int?
    /// How many of the matching projects to skip, in `sort` order.
    public var offset = 0
    /// The order of results (`id` by UTF-8 bytes unless told otherwise).
    public var sort = SortKey.id
    /// Internal projects at their stored positions too; otherwise the public view only.
    public var includeInternal = false

    /// The public view, everywhere, in id order, with no limit.
    public init() {}

    /// A page of results and how many matched.
    public struct Result: Sendable {
        /// The page, each project as the query's view shows it.
        public var projects: [Project]
        /// How many matched before paging.
        public var numberMatched: Int
    }

    /// Answers the query by scanning `projects`. Areas and filters are matched on the view the
    /// caller may see: public positions and regions unless internal projects are included.
    public func scan(_ projects: [Project], places: any Places) throws -> Result {
        var matched: [Project] = []
        if case .polygon? = area {
            // A polygon tests every position in one GEOS batch.
            let views = includeInternal ? projects : try projects.compactMap { try $0.publicView(places: places) }
            matched = try AreaMatcher.filter(views, by: area).filter(filter.matches)
        } else {
            // One pass, each view made once and kept only if it matches: no array of views.
            let inArea = AreaMatcher.test(area)
            for project in projects {
                guard let view = includeInternal ? project : try project.publicView(places: places), inArea(view), filter.matches(view)
                else { continue }
                matched.append(view)
            }
        }
        // Keys and indices are sorted, not records: copying a record costs a retain and release
        // per field.
        let keys = matched.map { (sort.key($0), $0.id) }
        let order = keys.indices.sorted { SortKey.precedes(keys[$0], keys[$1]) }
        let page = order.dropFirst(offset).prefix(limit ?? Int.max).map { matched[$0] }
        return Result(projects: page, numberMatched: matched.count)
    }
}

extension SortKey {
    /// What a project sorts by before its id.
    func key(_ project: Project) -> String {
        switch self {
        case .id: ""
        case .title: project.title
        case .updated: project.updated ?? ""
        }
    }

    /// Byte order of UTF-8, the same in every store; ties are broken by id.
    static func precedes(_ a: (key: String, id: String), _ b: (key: String, id: String)) -> Bool {
        a.key == b.key ? bytesPrecede(a.id, b.id) : bytesPrecede(a.key, b.key)
    }

    /// Whether `a`'s UTF-8 bytes come before `b`'s (memcmp, then the shorter first), compared in
    /// place where the strings hold their bytes contiguously, as stored strings do.
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                guard common > 0, let p = x.baseAddress, let q = y.baseAddress else { return x.count < y.count }
                let order = memcmp(p, q, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }
}

/// Which projects lie in an area, by their (already chosen) view's position and regions.
enum AreaMatcher {
    /// Whether one view lies in the area, for every area but a polygon (`filter` batches those);
    /// no area holds every project.
    static func test(_ area: Area?) -> (Project) -> Bool {
        switch area {
        case nil, .polygon?:
            return { _ in true }
        case .bbox(let box)?:
            return { $0.position.map(box.contains) ?? false }
        case .circle(let center, let radius)?:
            return { $0.position.map { GreatCircle.distanceKm(center, $0) <= radius } ?? false }
        case .country(let code)?:
            return { $0.position != nil && $0.derived?.country == code }
        case .region(let m49)?:
            return { project in
                guard project.position != nil, let derived = project.derived else { return false }
                return [derived.region, derived.subregion, derived.intermediateRegion].contains(m49)
            }
        }
    }

    static func filter(_ projects: [Project], by area: Area?) throws -> [Project] {
        guard case .polygon(let geometry)? = area else { return projects.filter(test(area)) }
        let located = projects.filter { $0.position != nil }
        let inside = try ContextPool.shared.withContext { context in
            try context.geometry(from: geometry).prepared().covers(
                x: located.map { $0.position!.longitude }, y: located.map { $0.position!.latitude })
        }
        return zip(located, inside).filter(\.1).map(\.0)
    }
}
