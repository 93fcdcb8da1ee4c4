/// The Participation Model: how far children, young people and survivors shape the work.
public enum ParticipationLevel: String, CaseIterable, Sendable, Hashable {
    case consultation, collaboration, coProduction, led
}

/// Who takes part in a project.
public enum ParticipantGroup: String, CaseIterable, Sendable, Hashable {
    case children, youngPeople, adultSurvivors, parentsCarers
}

/// The kind of organisation that runs a project.
public enum Sector: String, CaseIterable, Sendable, Hashable {
    case government, privateSector, civilSociety, intergovernmental, academia
}

/// What a project is for.
public enum Purpose: String, CaseIterable, Sendable, Hashable {
    case research, policy, advocacy, programmeDesign, governance, campaign, technologyDesign, supportServices
}

/// The most precise location that may be published, from most to least precise.
public enum LocationPrecision: String, CaseIterable, Sendable, Hashable {
    case exact, city, country, none
}

/// Whether a project may appear in public outputs.
public enum Visibility: String, CaseIterable, Sendable, Hashable {
    case `public`, `internal`
}
