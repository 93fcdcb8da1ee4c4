import Foundation
import Participation

/// The command line's FILTERS (README): each may repeat; values of one flag are alternatives (OR), flags
/// combine (AND). An empty filter matches everything.
public struct ProjectFilter: Sendable, Hashable {
    /// Participation levels to keep (any of them); empty keeps all.
    public var levels: Set<ParticipationLevel> = []
    /// Participant groups to keep: a project with any of them.
    public var groups: Set<ParticipantGroup> = []
    /// Sectors to keep.
    public var sectors: Set<Sector> = []
    /// Purposes to keep: a project with any of them.
    public var purposes: Set<Purpose> = []
    /// Years the project must be active in: started by then, and not ended before.
    public var activeIn: [Int] = []
    /// An interval of years the project must be active at some time in (OGC API's `datetime`):
    /// started by `activeUntil` and not ended before `activeFrom`; nil ends are open.
    public var activeFrom: Int?
    /// The end of the `datetime` interval, in years (see `activeFrom`).
    public var activeUntil: Int?
    /// Substrings of title, organisation or description, compared case-folded (see `folded`).
    public var text: [String] = []

    /// The empty filter: it matches every project.
    public init() {}

    /// Whether the project passes every flag given (OR within a flag, AND across flags).
    public func matches(_ project: Project) -> Bool {
        (levels.isEmpty || levels.contains(project.participationLevel))
            && (groups.isEmpty || project.participantGroups.contains(where: groups.contains))
            && (sectors.isEmpty || sectors.contains(project.sector))
            && (purposes.isEmpty || project.purposes.contains(where: purposes.contains))
            && (activeIn.isEmpty || activeIn.contains { Self.isActive(project, in: $0) })
            && (activeFrom == nil && activeUntil == nil || Self.isActive(project, from: activeFrom, until: activeUntil))
            && (text.isEmpty || text.contains { Self.mentions(project, $0) })
    }

    /// A project without a start year is not known to be active in any year.
    static func isActive(_ project: Project, in year: Int) -> Bool {
        guard let start = project.startYear, start <= year else { return false }
        return project.endYear.map { $0 >= year } ?? true
    }

    /// Active at some time in the years `from`…`until` (either end open when nil).
    static func isActive(_ project: Project, from: Int?, until: Int?) -> Bool {
        guard let start = project.startYear else { return false }
        return start <= (until ?? Int.max) && (project.endYear ?? Int.max) >= (from ?? Int.min)
    }

    static func mentions(_ project: Project, _ text: String) -> Bool {
        let needle = folded(text)
        return [project.title, project.organisation, project.description ?? ""].contains {
            folded($0).contains(needle)
        }
    }

    /// Unicode full case folding (CaseFolding.txt, as Python's `str.casefold`: "ς" and "Σ" both
    /// become "σ", "ß" becomes "ss"), then NFC, so that case and composition never hide a match.
    static func folded(_ text: String) -> String {
        text.folding(options: .caseInsensitive, locale: nil).precomposedStringWithCanonicalMapping
    }
}
