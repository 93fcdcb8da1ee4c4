import GeoJSON
import Regions

/// A participation project: the record of docs/ARCHITECTURE.md, plus what the store derives for it.
public struct Project: Sendable, Hashable {
    /// The feature id: unique in a store; a numeric input id is kept as its decimal text.
    public var id: String
    /// The project's name; not empty.
    public var title: String
    /// The organisation that runs it; not empty.
    public var organisation: String
    /// What it does, in a few sentences.
    public var description: String?
    /// Its web page: an absolute http or https URL.
    public var url: String?
    /// Shared by the records of one initiative at several sites.
    public var initiative: String?
    /// How far participants shape the work (the Participation Model).
    public var participationLevel: ParticipationLevel
    /// Who takes part; at least one group.
    public var participantGroups: [ParticipantGroup]
    /// The kind of organisation that runs it.
    public var sector: Sector
    /// What it is for, in input order.
    public var purposes: [Purpose]
    /// ISO 3166-1 alpha-2 codes; the first is the main site.
    public var countries: [String]
    /// A city of the main country, as the gazetteer (GeoNames) names it.
    public var city: String?
    /// The year it started.
    public var startYear: Int?
    /// The year it ended; never before `startYear`.
    public var endYear: Int?
    /// The most precise location that may be published; `none` has no position.
    public var locationPrecision: LocationPrecision
    /// Whether it appears in public outputs (`public`) or only to token holders (`internal`).
    public var visibility: Visibility
    /// Where the facts come from; at least one.
    public var sources: [String]
    /// The date of the last write (YYYY-MM-DD), set by the store.
    public var updated: String?

    /// The stored position: as given, or geocoded from city or country. Never published as such:
    /// see `publicView`.
    public var position: Position?
    /// Country and M49 areas, derived on import.
    public var derived: RegionAssignment?
    /// Properties outside the record: kept in the store, never published.
    public var extra: JSONObject

    /// A record from its fields; `updated`, `derived` and `extra` are usually left for the store and the geocoder to set.
    public init(
        id: String, title: String, organisation: String, description: String? = nil, url: String? = nil,
        initiative: String? = nil, participationLevel: ParticipationLevel, participantGroups: [ParticipantGroup],
        sector: Sector, purposes: [Purpose] = [], countries: [String] = [], city: String? = nil,
        startYear: Int? = nil, endYear: Int? = nil, locationPrecision: LocationPrecision,
        visibility: Visibility, sources: [String], updated: String? = nil, position: Position? = nil,
        derived: RegionAssignment? = nil, extra: JSONObject = JSONObject()
    ) {
        self.id = id
        self.title = title
        self.organisation = organisation
        self.description = description
        self.url = url
        self.initiative = initiative
        self.participationLevel = participationLevel
        self.participantGroups = participantGroups
        self.sector = sector
        self.purposes = purposes
        self.countries = countries
        self.city = city
        self.startYear = startYear
        self.endYear = endYear
        self.locationPrecision = locationPrecision
        self.visibility = visibility
        self.sources = sources
        self.updated = updated
        self.position = position
        self.derived = derived
        self.extra = extra
    }
}
