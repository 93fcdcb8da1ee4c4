/// What a summary counts projects by, kept as columns so that a store can count with one
/// GROUP BY instead of reading every record.
public enum ProjectFacet: String, Sendable, Hashable, CaseIterable {
    /// Areas: those the view shows (for the public view, written from `Project.publicView`).
    case country, region, subregion, intermediate
    case level, groups, sector, purposes
    /// The initiative, or the project itself when it names none.
    case member

    static let areas: Set<ProjectFacet> = [.country, .region, .subregion, .intermediate]
}

/// One combination of facet values (nil where not asked for) and how many projects of the view
/// have it.
public struct FacetCount: Sendable, Hashable {
    /// The areas the view shows, as ISO 3166-1 alpha-2 and M49 codes: in the public view those
    /// of `Project.publicView`, with all projects those derived from the stored position.
    public var country: String?, region: String?, subregion: String?, intermediate: String?
    /// The view shows no area at all.
    public var unplaced: Bool
    /// Whether the view has a position for it (the public position, in the public view).
    public var mapped: Bool
    /// The participation level and the sector (their JSON spelling), nil where not asked for.
    public var level: String?, sector: String?
    /// The participant groups and purposes, each distinct value once.
    public var groups: [String], purposes: [String]
    /// The initiative, or the project's own id when it names none (for counts of initiatives).
    public var member: String?
    /// How many projects of the view have this combination.
    public var count: Int

    /// A count from a store's row: `groups` and `purposes` as their `;`-joined columns.
    public init(country: String?, region: String?, subregion: String?, intermediate: String?, unplaced: Bool, mapped: Bool,
                level: String?, sector: String?, groups: String?, purposes: String?, member: String?, count: Int) {
        (self.country, self.region, self.subregion, self.intermediate) = (country, region, subregion, intermediate)
        (self.unplaced, self.mapped) = (unplaced, mapped)
        (self.level, self.sector) = (level, sector)
        self.groups = Self.list(groups)
        self.purposes = Self.list(purposes)
        (self.member, self.count) = (member, count)
    }

    /// A list column: distinct values joined by ";".
    static func list(_ column: String?) -> [String] {
        guard let column, !column.isEmpty else { return [] }
        return column.split(separator: ";").map(String.init)
    }

    static func column(_ values: [String]) -> String {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }.joined(separator: ";")
    }

    /// The SELECT both stores run: the asked-for facets (NULL or false for the others) and the
    /// count, grouped, over as few columns as the keys need. `mapped` is the SQL that says
    /// whether the view has a position.
    public static func sql(_ facets: Set<ProjectFacet>, includeInternal: Bool, mapped: String) -> String {
        func pick(_ facet: ProjectFacet, _ expression: String) -> String { facets.contains(facet) ? expression : "NULL" }
        let placing = !facets.isDisjoint(with: ProjectFacet.areas)
        let areas = includeInternal ? ["country", "region", "subregion", "intermediate"] : publicAreaColumns
        let columns = [
            pick(.country, areas[0]), pick(.region, areas[1]), pick(.subregion, areas[2]), pick(.intermediate, areas[3]),
            placing ? "(" + areas.map { "\($0) IS NULL" }.joined(separator: " AND ") + ")" : "false",
            placing ? mapped : "true",
            pick(.level, "level"), pick(.sector, "sector"), pick(.groups, "groups"), pick(.purposes, "purposes"),
            pick(.member, "COALESCE(initiative, 'project:' || id)"),
        ]
        // Only the columns that vary are grouped on: a constant in the key makes every row's sort
        // key longer (in SQLite it doubled the time of a summary by two keys), and groups nothing.
        // With none, all are, so that an empty view still gives no row rather than a count of 0.
        let varying = columns.indices.filter { !["NULL", "false", "true"].contains(columns[$0]) }
        return "SELECT \(columns.joined(separator: ", ")), count(*) FROM project"
            + (includeInternal ? "" : " WHERE visibility = 'public'")
            + " GROUP BY " + (varying.isEmpty ? Array(columns.indices) : varying).map { String($0 + 1) }.joined(separator: ", ")
    }

    /// The areas of the public view, as columns: country, region, sub-region, intermediate region.
    public static let publicAreaColumns = ["public_country", "public_region", "public_subregion", "public_intermediate"]

    /// The facet columns, in `StoredRecord.facetColumns` order.
    public static let columns = publicAreaColumns + ["level", "sector", "groups", "purposes", "initiative"]
}
