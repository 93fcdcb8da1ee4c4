import GeoJSON
import Regions

extension Project {
    /// A feature `feature(includeDerived: true, includeExtra: true)` wrote, read back in one pass
    /// over its properties without the checks an input gets: it was valid when it was written,
    /// and a store reads many. Nil if it is not such a feature.
    public init?(stored value: JSONValue) {
        guard case .object(let feature) = value, case .string(let id)? = feature["id"],
              case .object(let properties)? = feature["properties"]
        else { return nil }
        var title: String?, organisation: String?, level: ParticipationLevel?, sector: Sector?
        var precision: LocationPrecision?, visibility: Visibility?
        var record = Project(id: id, title: "", organisation: "", participationLevel: .consultation, participantGroups: [],
                             sector: .civilSociety, locationPrecision: .none, visibility: .internal, sources: [])
        var areas: [String: String] = [:]
        for (key, value) in properties.members {
            switch (key, value) {
            case ("title", .string(let text)): title = text
            case ("organisation", .string(let text)): organisation = text
            case ("description", .string(let text)): record.description = text
            case ("url", .string(let text)): record.url = text
            case ("initiative", .string(let text)): record.initiative = text
            case ("participationLevel", .string(let text)): level = ParticipationLevel(rawValue: text)
            case ("participantGroups", .array(let items)): record.participantGroups = items.compactMap { $0.text.flatMap(ParticipantGroup.init) }
            case ("sector", .string(let text)): sector = Sector(rawValue: text)
            case ("purposes", .array(let items)): record.purposes = items.compactMap { $0.text.flatMap(Purpose.init) }
            case ("countries", .array(let items)): record.countries = items.compactMap(\.text)
            case ("city", .string(let text)): record.city = text
            case ("startYear", .number(let year)): record.startYear = Int(exactly: year)
            case ("endYear", .number(let year)): record.endYear = Int(exactly: year)
            case ("locationPrecision", .string(let text)): precision = LocationPrecision(rawValue: text)
            case ("visibility", .string(let text)): visibility = Visibility(rawValue: text)
            case ("sources", .array(let items)): record.sources = items.compactMap(\.text)
            case ("updated", .string(let text)): record.updated = text
            case (_, .string(let text)) where Self.derivedPropertyNames.contains(key): areas[key] = text
            default: record.extra[key] = value
            }
        }
        guard let title, let organisation, let level, let sector, let precision, let visibility else { return nil }
        (record.title, record.organisation, record.participationLevel, record.sector) = (title, organisation, level, sector)
        (record.locationPrecision, record.visibility) = (precision, visibility)
        if case .object(let geometry)? = feature["geometry"], case .array(let coordinates)? = geometry["coordinates"],
           coordinates.count >= 2, case .number(let longitude) = coordinates[0], case .number(let latitude) = coordinates[1]
        {
            record.position = Position(longitude: longitude, latitude: latitude)
        }
        func area(_ name: String) -> M49Area? {
            guard let areaName = areas[name], let code = areas[name + "Code"] else { return nil }
            return M49Area(code: code, name: areaName)
        }
        if !areas.isEmpty {
            record.derived = RegionAssignment(
                country: areas["country"], region: area("region"), subregion: area("subregion"),
                intermediateRegion: area("intermediateRegion"))
        }
        self = record
    }
}

extension JSONValue {
    fileprivate var text: String? {
        if case .string(let text) = self { text } else { nil }
    }
}
