import Participation
import Regions

/// The taxonomy in words, for the HTML pages: the same names and one-line meanings as the web
/// map's filters and popups (`WebMap.script`), so a level reads the same everywhere.
enum HTMLTerms {
    /// A Participation Model level's name and its one-line meaning.
    static func level(_ level: ParticipationLevel) -> (name: String, meaning: String) {
        switch level {
        case .consultation: ("Consultation", "Participants are asked for their views; others make the decisions.")
        case .collaboration: ("Collaboration", "Participants work alongside the organisation and share some decisions.")
        case .coProduction: ("Co-production", "Participants share power and decisions from start to finish.")
        case .led: ("Led by participants", "Participants lead the work; the organisation supports them.")
        }
    }

    static func group(_ group: ParticipantGroup) -> String {
        switch group {
        case .children: "Children"
        case .youngPeople: "Young people"
        case .adultSurvivors: "Adult survivors"
        case .parentsCarers: "Parents and carers"
        }
    }

    static func sector(_ sector: Sector) -> String {
        switch sector {
        case .government: "Government"
        case .privateSector: "Private sector"
        case .civilSociety: "Civil society"
        case .intergovernmental: "Intergovernmental"
        case .academia: "Academia"
        }
    }

    static func purpose(_ purpose: Purpose) -> String {
        switch purpose {
        case .research: "Research"
        case .policy: "Policy"
        case .advocacy: "Advocacy"
        case .programmeDesign: "Programme design"
        case .governance: "Governance"
        case .campaign: "Campaign"
        case .technologyDesign: "Technology design"
        case .supportServices: "Support services"
        }
    }

    /// How precisely the public outputs place a project (its `locationPrecision`).
    static func precision(_ precision: LocationPrecision) -> String {
        switch precision {
        case .exact: "Exact location"
        case .city: "At its city"
        case .country: "At its country"
        case .none: "Not on the map (worldwide, online or not published)"
        }
    }

    /// A country's English name from the atlas, else its ISO 3166-1 alpha-2 code.
    static func country(_ code: String, atlas: Atlas) -> String { atlas.countryName(code) ?? code }

    /// Years as a range: "2019–2022", "2019 onwards", "until 2022", or nil with neither.
    static func years(start: Int?, end: Int?) -> String? {
        switch (start, end) {
        case let (s?, e?): s == e ? String(s) : "\(s)–\(e)"
        case let (s?, nil): "\(s) onwards"
        case let (nil, e?): "until \(e)"
        case (nil, nil): nil
        }
    }
}
