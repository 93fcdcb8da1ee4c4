/// The taxonomy in words, one table for every reader: the server's HTML pages and the web map
/// (whose data.js carries these labels as its `labels` object), so a level reads the same
/// everywhere. English, sentence case; a level's meaning is one sentence.
extension ParticipationLevel {
    /// The level's name, as a filter option, a popup row and a legend entry show it.
    public var label: String {
        switch self {
        case .consultation: "Consultation"
        case .collaboration: "Collaboration"
        case .coProduction: "Co-production"
        case .led: "Led by participants"
        }
    }

    /// What the level means, in one sentence.
    public var meaning: String {
        switch self {
        case .consultation: "Participants are asked for their views; others make the decisions."
        case .collaboration: "Participants work alongside the organisation and share some decisions."
        case .coProduction: "Participants share power and decisions from start to finish."
        case .led: "Participants lead the work; the organisation supports them."
        }
    }
}

extension ParticipantGroup {
    /// The group's name in words.
    public var label: String {
        switch self {
        case .children: "Children"
        case .youngPeople: "Young people"
        case .adultSurvivors: "Adult survivors"
        case .parentsCarers: "Parents and carers"
        }
    }
}

extension Sector {
    /// The sector's name in words.
    public var label: String {
        switch self {
        case .government: "Government"
        case .privateSector: "Private sector"
        case .civilSociety: "Civil society"
        case .intergovernmental: "Intergovernmental"
        case .academia: "Academia"
        }
    }
}

extension Purpose {
    /// The purpose's name in words.
    public var label: String {
        switch self {
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
}

extension LocationPrecision {
    /// How precisely the public outputs place a project with this precision.
    public var label: String {
        switch self {
        case .exact: "Exact location"
        case .city: "At its city"
        case .country: "At its country"
        case .none: "Not on the map (worldwide, online or not published)"
        }
    }
}
