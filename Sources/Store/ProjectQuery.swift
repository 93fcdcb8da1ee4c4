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
    /// - Throws: why the reference data cannot be read (see `Places`); GEOS's error for a polygon.
    public func scan(_ projects: [Project], places: any Places) throws -> Result {
        var scanner = QueryScanner(self, places: places, expected: projects.count)
        for project in projects { try scanner.add(project) }
        return try scanner.result()
    }
}

extension SortKey {
    /// Whether `a` comes before `b`: by the key, then by id, each in UTF-8 byte order, the same
    /// in every store.
    func precedes(_ a: Project, _ b: Project) -> Bool {
        let order: Int32
        switch self {
        case .id: order = 0
        case .title: order = Self.byteOrder(a.title, b.title)
        case .updated: order = Self.byteOrder(a.updated ?? "", b.updated ?? "")
        }
        return order != 0 ? order < 0 : Self.byteOrder(a.id, b.id) < 0
    }

    /// Puts projects in this order, in place: the first 8 bytes of each sort key are sorted as
    /// numbers (full keys compared only where those tie), then the records are swapped into
    /// place, cycle by cycle, so that no record is copied.
    func order(_ projects: inout [Project]) {
        var source = projects.indices.map { i in
            (head: Self.head(self == .id ? projects[i].id : self == .title ? projects[i].title : projects[i].updated ?? ""), index: i)
        }
        source.sort { a, b in a.head != b.head ? a.head < b.head : precedes(projects[a.index], projects[b.index]) }
        // Position i takes the record at source[i]: each cycle of the permutation is walked once.
        for start in source.indices where source[start].index != start {
            var current = start
            while source[current].index != start {
                let next = source[current].index
                projects.swapAt(current, next)
                source[current].index = current
                current = next
            }
            source[current].index = current
        }
    }

    /// The first 8 UTF-8 bytes of `text`, big-endian, zero-padded: where two heads differ, their
    /// order is the texts' byte order (a zero of padding sorts a text before its longer ones).
    private static func head(_ text: String) -> UInt64 {
        var text = text, head: UInt64 = 0
        text.withUTF8 { bytes in
            for i in 0 ..< 8 { head = head << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
        }
        return head
    }

    /// How `a`'s UTF-8 bytes compare with `b`'s: negative when they come first (memcmp, then the
    /// shorter first), zero when equal. Compared in place where the strings hold their bytes
    /// contiguously, as stored strings do.
    static func byteOrder(_ a: String, _ b: String) -> Int32 {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let order = memcmp(p, q, common)
                    if order != 0 { return order }
                }
                return x.count == y.count ? 0 : x.count < y.count ? -1 : 1
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
