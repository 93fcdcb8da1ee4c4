import GeoJSON

/// What a summary groups by (`--by KEY`).
public enum SummaryKey: String, CaseIterable, Sendable {
    case region, subregion, intermediate, country, level, group, sector, purpose
}

/// What a summary counts.
public enum SummaryCount: String, CaseIterable, Sendable {
    case projects, initiatives
}

/// One value of a key: a code and name for places, the enum spelling otherwise.
public struct SummaryValue: Sendable, Hashable {
    /// nil for the stand-ins "No location", "No country" and "No intermediate region".
    public var code: String?
    /// The place's name (`Africa`, `No location`) or the term's spelling (`led`).
    public var name: String
    /// Places are written as {"code", "name"} objects; other keys as their name alone.
    public var isPlace: Bool

    /// A place: an M49 area or a country, by code and name.
    public static func place(code: String?, name: String) -> SummaryValue {
        SummaryValue(code: code, name: name, isPlace: true)
    }

    /// A taxonomy term, by its JSON spelling.
    public static func term(_ name: String) -> SummaryValue {
        SummaryValue(code: nil, name: name, isPlace: false)
    }
}

/// The facts of one project a summary needs, already in its public view.
public struct SummaryItem: Sendable {
    /// Counted once per distinct value: projects whose `initiative` is nil count as their own.
    public var initiative: String
    /// The values of each key; several for list properties (groups, purposes).
    public var values: [SummaryKey: [SummaryValue]]
    /// How many projects it stands for: a store's grouped count, or 1.
    public var weight: Int

    /// An item from its initiative, its values per key, and how many projects it stands for.
    public init(initiative: String, values: [SummaryKey: [SummaryValue]], weight: Int = 1) {
        self.initiative = initiative
        self.values = values
        self.weight = weight
    }
}

/// Counts per combination of key values, with totals and shares.
public struct Summary: Sendable {
    /// One combination of values, one per key in `keys` order, with its count and share.
    public struct Row: Sendable, Hashable {
        /// The values, in `keys` order.
        public var values: [SummaryValue]
        /// How many projects (or initiatives) have them.
        public var count: Int
        /// `count` over `total`, from 0 to 1.
        public var share: Double
    }

    /// What the rows are grouped by, in order.
    public var keys: [SummaryKey]
    /// What is counted: projects or initiatives.
    public var count: SummaryCount
    /// How many projects (or initiatives) were counted in all.
    public var total: Int
    /// The combinations, in order.
    public var rows: [Row]

    /// - Parameters:
    ///   - allValues: for `--all-regions`, every value each key can take, so that empty
    ///     combinations appear with a count of 0; nil to list only combinations that occur.
    ///   - order: how values of one key sort (e.g. M49 codes, the taxonomy's order).
    public init(
        items: [SummaryItem], keys: [SummaryKey], count: SummaryCount,
        allValues: [SummaryKey: [SummaryValue]]? = nil,
        order: (SummaryKey, SummaryValue, SummaryValue) -> Bool
    ) {
        // Projects are counted by weight; an initiative once however many sites it has.
        var projects: [[SummaryValue]: Int] = [:], members: [[SummaryValue]: Set<String>] = [:]
        var everyone = Set<String>(), projectTotal = 0
        for item in items {
            everyone.insert(item.initiative)
            projectTotal += item.weight
            for combination in Set(Self.combinations(keys.map { item.values[$0] ?? [] })) {
                if count == .projects { projects[combination, default: 0] += item.weight } else { members[combination, default: []].insert(item.initiative) }
            }
        }
        var counts = count == .projects ? projects : members.mapValues(\.count)
        if let allValues {
            for combination in Self.combinations(keys.map { allValues[$0] ?? [] }) where counts[combination] == nil {
                counts[combination] = 0
            }
        }
        let total = count == .projects ? projectTotal : everyone.count
        self.keys = keys
        self.count = count
        self.total = total
        self.rows = counts.map { values, n in
            Row(values: values, count: n, share: total == 0 ? 0 : Double(n) / Double(total))
        }.sorted { a, b in
            for (key, (x, y)) in zip(keys, zip(a.values, b.values)) where x != y {
                return order(key, x, y)
            }
            return false
        }
    }

    /// Every choice of one value per key.
    private static func combinations(_ lists: [[SummaryValue]]) -> [[SummaryValue]] {
        lists.reduce([[]]) { partial, list in
            partial.flatMap { prefix in list.map { prefix + [$0] } }
        }
    }
}
