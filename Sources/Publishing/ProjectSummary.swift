import Participation
import Regions
import Store

/// Summaries of records: each counted where the public sees it.
extension Summary {
    /// Projects the view does not map (precision `none`).
    public static let noLocation = SummaryValue.place(code: nil, name: "No location")
    /// Projects the view maps outside every country (a point at sea, no country within reach).
    public static let noCountry = SummaryValue.place(code: nil, name: "No country")

    /// Summarises projects as the caller may see them: `views` are already the public view
    /// (or, for internal use, the projects as stored), as a query returns them.
    public init(views: [Project], keys: [SummaryKey], count: SummaryCount, allRegions: Bool = false, atlas: Atlas) {
        self.init(placed: views.map { SummaryItem(project: $0, atlas: atlas) }, keys: keys, count: count, allRegions: allRegions, atlas: atlas)
    }

    /// Summarises a store's counts by facet (`ProjectStore.facetCounts`), each row under the areas
    /// the view shows: exactly as `init(views:…)` over the same projects.
    public init(facetCounts: [FacetCount], keys: [SummaryKey], count: SummaryCount, allRegions: Bool = false, atlas: Atlas) {
        self.init(placed: facetCounts.map { SummaryItem(facets: $0, atlas: atlas) }, keys: keys, count: count, allRegions: allRegions, atlas: atlas)
    }

    /// Summarises what `query` selects in `store`: the whole view (no area, no filter) from the
    /// store's counts by facet, without reading a record; anything narrower from the matching views.
    /// Both give the same summary for the same projects.
    /// - Throws: what the store throws when it cannot be read.
    public static func of(
        _ query: ProjectQuery, in store: any ProjectStore, keys: [SummaryKey], count: SummaryCount, allRegions: Bool = false, atlas: Atlas
    ) async throws -> Summary {
        if query.area == nil && query.filter == ProjectFilter() {
            let counts = try await store.facetCounts(facets(keys: keys, count: count), includeInternal: query.includeInternal)
            return Summary(facetCounts: counts, keys: keys, count: count, allRegions: allRegions, atlas: atlas)
        }
        return Summary(views: try await store.query(query).projects, keys: keys, count: count, allRegions: allRegions, atlas: atlas)
    }

    /// Items already placed by the view, with every region and term when `allRegions`, in the atlas' and taxonomy's order.
    private init(placed items: [SummaryItem], keys: [SummaryKey], count: SummaryCount, allRegions: Bool, atlas: Atlas) {
        self.init(items: items, keys: keys, count: count, allValues: allRegions ? Self.allValues(keys: keys, atlas: atlas) : nil, order: Self.order)
    }

    /// The facets a summary by `keys` needs a store to group by.
    public static func facets(keys: [SummaryKey], count: SummaryCount) -> Set<ProjectFacet> {
        var facets: Set<ProjectFacet> = count == .initiatives ? [.member] : []
        for key in keys {
            switch key {
            case .region: facets.insert(.region)
            case .subregion: facets.insert(.subregion)
            case .intermediate: facets.insert(.intermediate)
            case .country: facets.insert(.country)
            case .level: facets.insert(.level)
            case .group: facets.insert(.groups)
            case .sector: facets.insert(.sector)
            case .purpose: facets.insert(.purposes)
            }
        }
        return facets
    }

    /// Places by code (the stand-ins last), terms in the taxonomy's order.
    static func order(_ key: SummaryKey, _ a: SummaryValue, _ b: SummaryValue) -> Bool {
        if a.isPlace {
            return (a.code == nil ? 1 : 0, a.code ?? "", a.name) < (b.code == nil ? 1 : 0, b.code ?? "", b.name)
        }
        let terms = allTerms(key)
        return (terms.firstIndex(of: a.name) ?? terms.count, a.name) < (terms.firstIndex(of: b.name) ?? terms.count, b.name)
    }

    static func allTerms(_ key: SummaryKey) -> [String] {
        switch key {
        case .level: ParticipationLevel.allCases.map(\.rawValue)
        case .group: ParticipantGroup.allCases.map(\.rawValue)
        case .sector: Sector.allCases.map(\.rawValue)
        case .purpose: Purpose.allCases.map(\.rawValue)
        case .region, .subregion, .intermediate, .country: []
        }
    }

    /// Every value of each key, for rows with a count of 0.
    static func allValues(keys: [SummaryKey], atlas: Atlas) -> [SummaryKey: [SummaryValue]] {
        var values: [SummaryKey: [SummaryValue]] = [:]
        let countries = atlas.countryCodes.compactMap { code in atlas.assignment(forCountry: code) }
        for key in keys {
            switch key {
            case .region, .subregion, .intermediate, .country:
                var set = Set(countries.map { SummaryItem.value(key, $0, atlas: atlas) })
                set.insert(noLocation)
                set.insert(noCountry)
                values[key] = Array(set)
            case .level, .group, .sector, .purpose:
                values[key] = allTerms(key).map(SummaryValue.term)
            }
        }
        return values
    }
}

extension SummaryItem {
    /// A store's row, under the areas the view shows (the store keeps them as the view gives
    /// them); one the view does not map counts under "No location", and one it maps outside every
    /// country under "No country", as in `init(project:)`.
    init(facets row: FacetCount, atlas: Atlas) {
        // Only the asked-for areas are filled; the others are never read.
        let outside = !row.mapped ? Summary.noLocation : Summary.noCountry
        let assignment = !row.mapped || row.unplaced ? nil : RegionAssignment(
            country: row.country, region: row.region.flatMap(atlas.m49Area), subregion: row.subregion.flatMap(atlas.m49Area),
            intermediateRegion: row.intermediate.flatMap(atlas.m49Area))
        var values: [SummaryKey: [SummaryValue]] = [
            .level: row.level.map { [.term($0)] } ?? [],
            .group: row.groups.map(SummaryValue.term),
            .sector: row.sector.map { [.term($0)] } ?? [],
            .purpose: row.purposes.map(SummaryValue.term),
        ]
        for key in [SummaryKey.region, .subregion, .intermediate, .country] {
            values[key] = [assignment.map { Self.value(key, $0, atlas: atlas) } ?? outside]
        }
        self.init(initiative: row.member ?? "", values: values, weight: row.count)
    }

    init(project: Project, atlas: Atlas) {
        var values: [SummaryKey: [SummaryValue]] = [
            .level: [.term(project.participationLevel.rawValue)],
            .group: project.participantGroups.map { .term($0.rawValue) },
            .sector: [.term(project.sector.rawValue)],
            .purpose: project.purposes.map { .term($0.rawValue) },
        ]
        for key in [SummaryKey.region, .subregion, .intermediate, .country] {
            // A project that is not mapped has no region: it counts under "No location"; one mapped
            // outside every country, under "No country".
            values[key] = [project.position == nil ? Summary.noLocation : project.derived.map { Self.value(key, $0, atlas: atlas) } ?? Summary.noCountry]
        }
        self.init(initiative: project.initiative ?? "project:" + project.id, values: values)
    }

    static func value(_ key: SummaryKey, _ assignment: RegionAssignment, atlas: Atlas) -> SummaryValue {
        let area: M49Area?
        switch key {
        case .region: area = assignment.region
        case .subregion: area = assignment.subregion
        case .intermediate: area = assignment.intermediateRegion
        default:
            return assignment.country.map { .place(code: $0, name: atlas.countryName($0) ?? $0) } ?? Summary.noCountry
        }
        return area.map { .place(code: $0.code, name: $0.name) }
            ?? .place(code: nil, name: "No \(key == .intermediate ? "intermediate region" : key.rawValue)")
    }
}
