import GeoJSON
import Regions

/// A record as a GeoJSON feature: the record's properties in a fixed order (the record table of docs/ARCHITECTURE.md),
/// absent ones left out, then (optionally) the derived ones, then (optionally) the extra ones.
/// Derived areas are flat strings, each M49 name with its code beside it (`region: "Africa"`,
/// `regionCode: "002"`): QGIS, GDAL and CSV columns handle strings, and filter on them, far
/// better than nested objects.
extension Project {
    /// The record as a GeoJSON Feature (see the extension): its point in CRS84 degrees or a null
    /// geometry, its properties in the fixed order, the derived ones when `includeDerived`,
    /// and the extra input properties when `includeExtra` (never in a public output).
    public func feature(includeDerived: Bool = true, includeExtra: Bool = false) -> Feature {
        var properties = JSONObject()
        properties["title"] = .string(title)
        properties["organisation"] = .string(organisation)
        properties["description"] = description.map(JSONValue.string)
        properties["url"] = url.map(JSONValue.string)
        properties["initiative"] = initiative.map(JSONValue.string)
        properties["participationLevel"] = .string(participationLevel.rawValue)
        properties["participantGroups"] = .array(participantGroups.map { .string($0.rawValue) })
        properties["sector"] = .string(sector.rawValue)
        properties["purposes"] = .array(purposes.map { .string($0.rawValue) })
        properties["countries"] = .array(countries.map(JSONValue.string))
        properties["city"] = city.map(JSONValue.string)
        properties["startYear"] = startYear.map { .number(Double($0)) }
        properties["endYear"] = endYear.map { .number(Double($0)) }
        properties["locationPrecision"] = .string(locationPrecision.rawValue)
        properties["visibility"] = .string(visibility.rawValue)
        properties["sources"] = .array(sources.map(JSONValue.string))
        properties["updated"] = updated.map(JSONValue.string)
        if includeDerived {
            for (name, value) in derivedProperties { properties[name] = .string(value) }
        }
        if includeExtra {
            for member in extra where properties[member.key] == nil { properties[member.key] = member.value }
        }
        return Feature(id: .string(id), geometry: position.map(Geometry.point), properties: properties)
    }

    /// The derived areas read back from properties `derivedProperties` wrote.
    public static func derived(from properties: JSONObject) -> RegionAssignment? {
        func text(_ name: String) -> String? {
            if case .string(let value)? = properties[name] { value } else { nil }
        }
        func area(_ name: String) -> M49Area? {
            guard let areaName = text(name), let code = text(name + "Code") else { return nil }
            return M49Area(code: code, name: areaName)
        }
        let assignment = RegionAssignment(
            country: text("country"), region: area("region"), subregion: area("subregion"),
            intermediateRegion: area("intermediateRegion"))
        return assignment == RegionAssignment(country: nil, region: nil, subregion: nil, intermediateRegion: nil) ? nil : assignment
    }

    /// The names of the derived properties, in their written order.
    public static let derivedPropertyNames = [
        "country", "region", "regionCode", "subregion", "subregionCode", "intermediateRegion", "intermediateRegionCode",
    ]

    /// The derived properties by name, in their written order; absent ones left out.
    public var derivedProperties: [(String, String)] {
        guard let derived else { return [] }
        var result: [(String, String)] = []
        if let country = derived.country { result.append(("country", country)) }
        for (name, area) in [("region", derived.region), ("subregion", derived.subregion),
                             ("intermediateRegion", derived.intermediateRegion)] {
            if let area { result += [(name, area.name), (name + "Code", area.code)] }
        }
        return result
    }
}
