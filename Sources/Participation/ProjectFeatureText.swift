import GeoJSON

extension Project {
    /// Appends the project's feature as JSON text, straight from its fields: byte for byte what
    /// `GeoJSONWriter().write(feature(includeDerived: true))` writes, with `position` as its point
    /// (the project's own, or the same point moved to another CRS; nil writes a null geometry).
    /// No feature or JSON value is built, so that a page of items costs its bytes alone.
    public func writeFeature(position: Position?, into out: inout String) {
        out += "{\"type\":\"Feature\",\"id\":"
        GeoJSONWriter.string(id, into: &out)
        out += ",\"geometry\":"
        if let position {
            out += "{\"type\":\"Point\",\"coordinates\":[" + JSONNumber.format(position.longitude) + "," + JSONNumber.format(position.latitude)
            if let altitude = position.altitude { out += "," + JSONNumber.format(altitude) }
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
        for (name, value) in derivedProperties { string(name, value) }
        out += "}}"
    }
}
