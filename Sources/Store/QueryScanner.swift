import Participation
import Regions

/// Answers a `ProjectQuery` from candidates handed over one at a time, as a store reads them:
/// each candidate becomes the view the query may see (the public view unless internal projects
/// are included) and is kept only when it matches, so that no array of candidates or of views
/// is made beside the answer. `ProjectQuery.scan` is this over an array.
public struct QueryScanner {
    private let query: ProjectQuery
    private let places: any Places
    private let inArea: (Project) -> Bool
    /// The views kept so far: for a polygon every view with a position (the polygon and the
    /// filters are applied in one batch at the end), else only those that match.
    private var kept: [Project] = []
    /// Whether `kept` is already in the query's order, so that the answer needs no sort.
    private var ordered = true

    /// A scanner for `query`, with room for `expected` candidates.
    public init(_ query: ProjectQuery, places: any Places, expected: Int = 0) {
        self.query = query
        self.places = places
        inArea = AreaMatcher.test(query.area)
        kept.reserveCapacity(expected)
    }

    /// Takes one candidate: its view is kept when it may match.
    /// - Throws: why the reference data cannot be read (see `Places`), for a public view.
    public mutating func add(_ project: consuming Project) throws {
        guard let view = query.includeInternal ? project : try project.publicView(places: places) else { return }
        if case .polygon? = query.area {
            guard view.position != nil else { return }
        } else {
            guard inArea(view), query.filter.matches(view) else { return }
        }
        // Compared in place: `kept.last` would copy the record, a retain per field.
        if ordered, !kept.isEmpty { ordered = query.sort.precedes(kept[kept.count - 1], view) }
        kept.append(view)
    }

    /// The page the query asks for, in its order, and how many matched.
    /// - Throws: GEOS's error for a polygon it cannot read.
    public consuming func result() throws -> ProjectQuery.Result {
        // Taken, not shared, so that paging it below edits it in place instead of copying it.
        var matched: [Project] = []
        swap(&matched, &kept)
        if case .polygon? = query.area {
            matched = try AreaMatcher.filter(matched, by: query.area).filter(query.filter.matches)
        }
        if !ordered { query.sort.order(&matched) }
        let count = matched.count
        let start = min(max(0, query.offset), count), end = min(count, start + max(0, min(query.limit ?? count, count)))
        matched.removeSubrange(end...)
        matched.removeSubrange(..<start)
        return ProjectQuery.Result(projects: matched, numberMatched: count)
    }
}
