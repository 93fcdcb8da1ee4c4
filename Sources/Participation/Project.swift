import GeoJSON
import Regions

/// A participation project: the record of docs/ARCHITECTURE.md, plus what the store derives for it.
public struct Project: Sendable, Hashable {
    public var id: String
    public var title: String
    public var organisation: String
    public var description: String?
    public var url: String?
    /// Shared by the records of one initiative at several sites.
    public var initiative: String?
    public var participationLevel: ParticipationLevel
    public var participantGroups: [ParticipantGroup]
    public var sector: Sector
    public var purposes: [Purpose]
    /// ISO 3166-1 alpha-2 codes; the first is the main site.
    public var countries: [String]
    public var city: String?
    public var startYear: Int?
    public var endYear: Int?
    public var locationPrecision: LocationPrecision
    public var visibility: Visibility
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
