import Foundation
import GeoJSON
import Participation
import Regions

/// A project as every backend stores it: the record as its GeoJSON feature (derived areas and
/// extra properties included, `updated` apart), the same record in the compact binary form reads
/// decode (`Project.compactRecord()`), and the columns the indexes and filters use.
public struct StoredRecord: Sendable {
    /// The project's id.
    public var id: String
    /// The record as one line of GeoJSON (`GeoJSONWriter`), derived and extra properties
    /// included, `updated` left out: an upsert compares it to find what changed.
    public var feature: String
    /// The record as `Project.compactRecord()` writes it, `updated` apart: what reads decode.
    public var compact: [UInt8]
    /// `public` or `internal`.
    public var visibility: String
    /// The country and M49 areas derived from the stored position.
    public var derived: RegionAssignment?
    /// The stored position in degrees; nil for an unmapped project.
    public var position: Position?
    /// Where the public may see it: nil for internal and unmapped projects.
    public var publicPosition: Position?
    /// What summaries count by, in `FacetCount.columns` order: the public view's country, region,
    /// sub-region and intermediate region (alpha-2 and M49 codes), level, sector, groups,
    /// purposes, initiative.
    public var facetColumns: [String?]

    /// The stored form of `project`, its public view made against `places`.
    /// - Throws: why the reference data cannot be read (see `Places`), naming the file.
    public init(project: Project, places: any Places) throws {
        id = project.id
        var record = project
        record.updated = nil
        // The text `GeoJSONWriter` writes of `record.feature(includeDerived: true, includeExtra: true)`.
        var text = ""
        record.writeFeature(position: record.position, includeExtra: true, into: &text)
        feature = text
        compact = record.compactRecord()
        visibility = project.visibility.rawValue
        derived = project.derived
        position = project.position
        let view = try project.publicView(places: places)
        publicPosition = view?.position
        facetColumns = Self.areaColumns(view?.derived) + [
            project.participationLevel.rawValue, project.sector.rawValue,
            FacetCount.column(project.participantGroups.map(\.rawValue)), FacetCount.column(project.purposes.map(\.rawValue)),
            project.initiative,
        ]
    }

    /// The areas the public view of a project shows (`Project.publicView`), as the columns
    /// `FacetCount.publicAreaColumns` name: nil for internal projects and where it shows none.
    /// - Throws: why the reference data cannot be read (see `Places`), naming the file.
    public static func publicAreaColumns(_ project: Project, places: any Places) throws -> [String?] {
        areaColumns(try project.publicView(places: places)?.derived)
    }

    private static func areaColumns(_ areas: RegionAssignment?) -> [String?] {
        [areas?.country, areas?.region?.code, areas?.subregion?.code, areas?.intermediateRegion?.code]
    }

    /// A stored feature back to its project, with the date as stored: for migrations, which fill
    /// the compact records of older stores.
    /// - Throws: `StoreError` when the text is not a feature partmap wrote.
    public static func project(id: String, feature text: String, updated: String, store: String) throws(StoreError) -> Project {
        guard let value = try? JSONParser.parse(text), var project = Project(stored: value) else {
            throw StoreError(store: store, reason: "project \(id) cannot be read back: its stored feature is not one partmap wrote")
        }
        project.updated = updated
        return project
    }

    /// A stored compact record (`Project.compactRecord()`) back to its project, with the date as
    /// stored; `id` names it in the error.
    /// - Throws: `StoreError` when the bytes are not a record partmap wrote.
    public static func project(id: String, record bytes: UnsafeRawBufferPointer, updated: String, store: String) throws(StoreError) -> Project {
        guard var project = Project(compactRecord: bytes) else {
            throw StoreError(store: store, reason: "project \(id) cannot be read back: its stored record is not one partmap wrote")
        }
        project.updated = updated
        return project
    }

    /// Boxes that hold every point of the area (two where it crosses the antimeridian); none for
    /// areas given by place, which the derived columns answer.
    public static func searchBoxes(_ area: Area) -> [BoundingBox] {
        switch area {
        case .bbox(let box):
            return box.crossesAntimeridian
                ? [BoundingBox(west: box.west, south: box.south, east: 180, north: box.north),
                   BoundingBox(west: -180, south: box.south, east: box.east, north: box.north)]
                : [box]
        case .circle(let center, let radius):
            let degrees = radius / GreatCircle.earthRadiusKm * 180 / .pi
            let south = max(-90, center.latitude - degrees), north = min(90, center.latitude + degrees)
            // Near a pole, or wider than the world, the circle spans every longitude.
            let widest = max(abs(south), abs(north))
            guard widest < 89.9 else { return [BoundingBox(west: -180, south: south, east: 180, north: north)] }
            let spread = degrees / cos(widest * .pi / 180)
            guard spread < 180 else { return [BoundingBox(west: -180, south: south, east: 180, north: north)] }
            var west = center.longitude - spread, east = center.longitude + spread
            if west < -180 { west += 360 }
            if east > 180 { east -= 360 }
            return searchBoxes(.bbox(BoundingBox(west: west, south: south, east: east, north: north)))
        case .polygon(let geometry):
            guard let box = geometry.bounds else { return [] }
            return [box]
        case .country, .region:
            return []
        }
    }
}

/// Counts what an upsert does, record by record, from what was stored under the same id.
extension UpsertSummary {
    /// Counts `record` as added (no stored feature), unchanged (the same feature text) or changed.
    public mutating func count(_ record: StoredRecord, existing: String?) {
        switch existing {
        case nil: added += 1
        case record.feature?: unchanged += 1
        default: changed += 1
        }
    }
}

extension Geometry {
    /// The longitude/latitude box of every position.
    var bounds: BoundingBox? {
        var positions: [Position] = []
        func collect(_ geometry: Geometry) {
            switch geometry {
            case .point(let p): positions.append(p)
            case .multiPoint(let ps), .lineString(let ps): positions += ps
            case .multiLineString(let lines), .polygon(let lines): positions += lines.joined()
            case .multiPolygon(let polygons): positions += polygons.joined().joined()
            case .geometryCollection(let members): members.forEach(collect)
            }
        }
        collect(self)
        guard let first = positions.first else { return nil }
        return positions.dropFirst().reduce(BoundingBox(west: first.longitude, south: first.latitude, east: first.longitude, north: first.latitude)) { box, p in
            BoundingBox(west: min(box.west, p.longitude), south: min(box.south, p.latitude),
                        east: max(box.east, p.longitude), north: max(box.north, p.latitude))
        }
    }
}
