import GEOSKit
import GeoJSON
import Participation
import Regions

/// The order of results: CONTRACT.md's `--sort`.
public enum SortKey: String, CaseIterable, Sendable {
    case id, title, updated
}

/// An area, filters and a page: what every store answers, and what a scan of a file answers
/// the same way (the reference the stores are tested against).
public struct ProjectQuery: Sendable, Hashable {
    public var area: Area?
    public var filter = ProjectFilter()
    public var limit: Int?
    public var offset = 0
    public var sort = SortKey.id
    /// Internal projects at their stored positions too; otherwise the public view only.
    public var includeInternal = false

    public init() {}

    public struct Result: Sendable {
        /// The page, each project as the query's view shows it.
        public var projects: [Project]
        /// How many matched before paging.
        public var numberMatched: Int
    }

    /// Answers the query by scanning `projects`. Areas and filters are matched on the view the
    /// caller may see: public positions and regions unless internal projects are included.
    public func scan(_ projects: [Project], places: any Places) throws -> Result {
        let views = includeInternal ? projects : projects.compactMap { $0.publicView(places: places) }
        let inArea = try AreaMatcher.filter(views, by: area)
        let matched = inArea.filter(filter.matches)
        // Indices are sorted, not records: moving a record costs a retain and release per field.
        let order = matched.indices.sorted { sort.areInOrder(matched[$0], matched[$1]) }
        let page = order.dropFirst(offset).prefix(limit ?? Int.max).map { matched[$0] }
        return Result(projects: page, numberMatched: matched.count)
    }
}

extension SortKey {
    /// Byte order of UTF-8, the same in every store; ties are broken by id.
    func areInOrder(_ a: Project, _ b: Project) -> Bool {
        func bytes(_ x: String, _ y: String) -> Bool? {
            x == y ? nil : x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        switch self {
        case .id: break
        case .title: if let order = bytes(a.title, b.title) { return order }
        case .updated: if let order = bytes(a.updated ?? "", b.updated ?? "") { return order }
        }
        return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }
}

/// Which projects lie in an area, by their (already chosen) view's position and regions.
enum AreaMatcher {
    static func filter(_ projects: [Project], by area: Area?) throws -> [Project] {
        guard let area else { return projects }
        switch area {
        case .bbox(let box):
            return projects.filter { $0.position.map(box.contains) ?? false }
        case .circle(let center, let radius):
            return projects.filter { $0.position.map { GreatCircle.distanceKm(center, $0) <= radius } ?? false }
        case .country(let code):
            return projects.filter { $0.position != nil && $0.derived?.country == code }
        case .region(let m49):
            return projects.filter { project in
                guard project.position != nil, let derived = project.derived else { return false }
                return [derived.region, derived.subregion, derived.intermediateRegion].contains(m49)
            }
        case .polygon(let geometry):
            let located = projects.filter { $0.position != nil }
            let inside = try ContextPool.shared.withContext { context in
                try context.geometry(from: geometry).prepared().covers(
                    x: located.map { $0.position!.longitude }, y: located.map { $0.position!.latitude })
            }
            return zip(located, inside).filter(\.1).map(\.0)
        }
    }
}
