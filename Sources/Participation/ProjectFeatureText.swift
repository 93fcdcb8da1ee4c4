import GeoJSON

extension Project {
    /// Appends the project's feature as JSON text, straight from its fields: byte for byte what
    /// `GeoJSONWriter(precision: precision).write(feature(includeDerived: true, includeExtra: includeExtra))`
    /// writes, with `position` as its point (the project's own, or the same point moved to another
    /// CRS; nil writes a null geometry). `precision` is the most fraction digits a coordinate keeps
    /// (nil: every digit). No feature is built, so that a page of items or an export costs its
    /// bytes alone.
    public func writeFeature(position: Position?, precision: Int? = nil, includeExtra: Bool = false, into out: inout String) {
        func coordinate(_ x: Double) -> String {
            precision.map { JSONNumber.format(x, maxFractionDigits: $0) } ?? JSONNumber.format(x)
        }
        out += "{\"type\":\"Feature\",\"id\":"
        GeoJSONWriter.string(id, into: &out)
        out += ",\"geometry\":"
        if let position {
            out += "{\"type\":\"Point\",\"coordinates\":[" + coordinate(position.longitude) + "," + coordinate(position.latitude)
            if let altitude = position.altitude { out += "," + coordinate(altitude) }
            out += "]}"
        } else {
            out += "null"
        }
        // The members in `feature(includeDerived:)`'s order; the title is always there, and first.
        func key(_ name: String) {
            out += ",\""
            out += name
            out += "\":"
        }
        func string(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            GeoJSONWriter.string(value, into: &out)
        }
        func strings(_ name: String, _ values: [String]) {
            key(name)
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                GeoJSONWriter.string(value, into: &out)
            }
            out += "]"
        }
        func number(_ name: String, _ value: Int?) {
            guard let value else { return }
            key(name)
            out += JSONNumber.format(Double(value))
        }
        out += ",\"properties\":{\"title\":"
        GeoJSONWriter.string(title, into: &out)
        string("organisation", organisation)
        string("description", description)
        string("url", url)
        string("initiative", initiative)
        string("participationLevel", participationLevel.rawValue)
        strings("participantGroups", participantGroups.map(\.rawValue))
        string("sector", sector.rawValue)
        strings("purposes", purposes.map(\.rawValue))
        strings("countries", countries)
        string("city", city)
        number("startYear", startYear)
        number("endYear", endYear)
        string("locationPrecision", locationPrecision.rawValue)
        string("visibility", visibility.rawValue)
        strings("sources", sources)
        string("updated", updated)
        let derived = derivedProperties
        for (name, value) in derived { string(name, value) }
        if includeExtra, !extra.members.isEmpty { writeExtra(derived: derived, into: &out) }
        out += "}}"
    }

    /// Appends the extra properties `feature(includeExtra: true)` keeps, each after a comma: those
    /// whose name is not already written (as a record or derived property, or an earlier extra).
    private func writeExtra(derived: [(String, String)], into out: inout String) {
        var written = Set(ProjectReader.recordProperties.filter { name in
            switch name {
            case "description": description != nil
            case "url": url != nil
            case "initiative": initiative != nil
            case "city": city != nil
            case "startYear": startYear != nil
            case "endYear": endYear != nil
            case "updated": updated != nil
            default: true
            }
        })
        written.formUnion(derived.map(\.0))
        let writer = GeoJSONWriter()
        for member in extra where written.insert(member.key).inserted {
            out += ","
            GeoJSONWriter.string(member.key, into: &out)
            out += ":"
            out += writer.write(member.value)
        }
    }
}
