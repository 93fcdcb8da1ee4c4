/// What a summary counts projects by, kept as columns so that a store can count with one
/// GROUP BY instead of reading every record.
public enum ProjectFacet: String, Sendable, Hashable, CaseIterable {
    /// Areas, with what decides which areas the view shows: precision, main country, mapped.
    case places
    case level, groups, sector, purposes
    /// The initiative, or the project itself when it names none.
    case member
}

/// One combination of facet values (nil where not asked for) and how many projects of the view
/// have it.
public struct FacetCount: Sendable, Hashable {
    /// The areas derived from the stored position, as M49 and ISO codes.
    public var country: String?, region: String?, subregion: String?, intermediate: String?
    public var precision: String?, mainCountry: String?
    /// Whether the view has a position for it (the public position, in the public view).
    public var mapped: Bool
    public var level: String?, sector: String?
    public var groups: [String], purposes: [String]
    public var member: String?
    public var count: Int

    public init(country: String?, region: String?, subregion: String?, intermediate: String?, precision: String?, mainCountry: String?,
                mapped: Bool, level: String?, sector: String?, groups: String?, purposes: String?, member: String?, count: Int) {
        (self.country, self.region, self.subregion, self.intermediate) = (country, region, subregion, intermediate)
        (self.precision, self.mainCountry, self.mapped, self.level, self.sector) = (precision, mainCountry, mapped, level, sector)
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

    /// The SELECT both stores run: every facet column (NULL where not asked for) and the count,
    /// grouped. `mapped` is the SQL that says whether the view has a position.
    public static func sql(_ facets: Set<ProjectFacet>, includeInternal: Bool, mapped: String) -> String {
        func pick(_ facet: ProjectFacet, _ expression: String) -> String { facets.contains(facet) ? expression : "NULL" }
        let columns = [
            pick(.places, "country"), pick(.places, "region"), pick(.places, "subregion"), pick(.places, "intermediate"),
            pick(.places, "precision"), pick(.places, "main_country"), facets.contains(.places) ? mapped : "1 = 1",
            pick(.level, "level"), pick(.sector, "sector"), pick(.groups, "groups"), pick(.purposes, "purposes"),
            pick(.member, "COALESCE(initiative, 'project:' || id)"),
        ]
        return "SELECT \(columns.joined(separator: ", ")), count(*) FROM project"
            + (includeInternal ? "" : " WHERE visibility = 'public'")
            + " GROUP BY " + (1 ... columns.count).map(String.init).joined(separator: ", ")
    }

    /// The facet columns of migration v2, in `StoredRecord.facetColumns` order.
    public static let columns = ["precision", "main_country", "level", "sector", "groups", "purposes", "initiative"]
}
