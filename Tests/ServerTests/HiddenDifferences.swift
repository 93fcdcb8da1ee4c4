import Foundation
import GeoJSON
import Participation
import TestSupport

/// Two sets of projects whose public views are equal and which differ in everything the public
/// may not see: the stored positions of city- and country-precision projects (variant 0 keeps
/// the geocoded points, variant 1 moves them anywhere in the world, often into other countries),
/// their internal projects (other ids, numbers, positions and precisions), and extra properties.
/// `none` precision has no stored position to differ in (a null geometry is the rule).
enum HiddenDifferences {
    static let places: [(country: String, city: String?)] = [
        ("KE", "Nairobi"), ("GB", "London"), ("BR", nil), ("FJ", nil), ("RU", nil), ("TH", "Bangkok"), ("NZ", nil), ("US", nil),
        ("PE", "Lima"), ("PH", "Manila"),
    ]

    /// The curated projects and 240 generated ones, public, with the variant's hidden data, and
    /// the variant's internal projects; placed and derived as an import does.
    static func projects(variant: Int) throws -> [Project] {
        let curated = ProjectFile.read(path: PackageRoot.dataDirectory + "/projects.geojson", places: atlas)
        guard curated.projects.count == 20, curated.problems.allSatisfy(\.isWarning) else {
            throw ReferenceError("the curated file should read as 20 projects: \(curated.problems)")
        }
        var shared = SplitMix64(seed: 7), hidden = SplitMix64(seed: 100 + UInt64(variant))
        var projects = curated.projects.map { project -> Project in
            var project = project
            if variant == 1, project.locationPrecision == .city || project.locationPrecision == .country {
                project.position = Position(longitude: hidden.uniform(-180, 180), latitude: hidden.uniform(-80, 80))
            }
            return project
        }
        for i in 0 ..< 240 {
            let place = places[i % places.count]
            var precision = LocationPrecision.allCases[i % 4]
            if precision == .city && place.city == nil { precision = .country }
            let exact = Position(longitude: shared.uniform(-180, 180), latitude: shared.uniform(-80, 80))
            var position: Position? = precision == .exact ? exact : nil
            if variant == 1, precision == .city || precision == .country {
                position = Position(longitude: hidden.uniform(-180, 180), latitude: hidden.uniform(-80, 80))
            }
            projects.append(project(id: String(format: "g%04d", i), index: i, precision: precision, place: place, position: position,
                                    visibility: .public))
        }
        for k in 0 ..< (20 + 15 * variant) {
            let place = places[(k * 3 + variant) % places.count]
            let precision = LocationPrecision.allCases[(k + variant) % 4]
            let position = precision == .none ? nil : Position(longitude: hidden.uniform(-180, 180), latitude: hidden.uniform(-80, 80))
            projects.append(project(id: String(format: "g%04d-secret-%d", k * 11, variant), index: k, precision: precision,
                                    place: precision == .city ? (place.country, place.city ?? "Nairobi") : place, position: position,
                                    visibility: .internal))
        }
        if variant == 1 {
            for i in projects.indices {
                projects[i].extra = JSONObject([("contact", .string("safe-house-\(i)@example.org")), ("notes", .string("do not publish"))])
            }
        }
        var problems: [Problem] = []
        let locators = projects.map { FieldLocator.feature(file: "fixture", pointer: "/features/\($0.id)") }
        try Geocoder(places: atlas).place(&projects, locators: locators, problems: &problems)
        guard problems.allSatisfy(\.isWarning) else { throw ReferenceError("the fixture should place: \(problems)") }
        return projects
    }

    static func project(id: String, index i: Int, precision: LocationPrecision, place: (country: String, city: String?),
                        position: Position?, visibility: Visibility) -> Project {
        let start = 2000 + i % 25
        return Project(
            id: id, title: "Project \(i) \(i % 3 == 0 ? "Youth Voice" : "Survivor Panel")", organisation: "Org \(i % 17)",
            description: i % 2 == 0 ? "Young people shape policy, ΟΔΗΓΟΣ \(i)" : nil, initiative: i % 5 == 0 ? "initiative-\(i % 3)" : nil,
            participationLevel: ParticipationLevel.allCases[i % 4], participantGroups: [ParticipantGroup.allCases[i % 4]],
            sector: Sector.allCases[i % 5], purposes: [Purpose.allCases[i % 8], Purpose.allCases[(i + 3) % 8]],
            countries: precision == .none ? [] : [place.country], city: precision == .city ? place.city : nil,
            startYear: i % 3 == 0 ? nil : start, endYear: i % 2 == 0 ? start + 2 : nil,
            locationPrecision: precision, visibility: visibility, sources: ["fixture"], position: position)
    }

    /// Where something hidden lies in either variant: the probes an attacker would aim at.
    static func hiddenPositions() throws -> [Position] {
        var positions: [Position] = []
        for variant in 0 ... 1 {
            for project in try projects(variant: variant) where project.visibility == .internal || project.locationPrecision != .exact {
                if let p = project.position { positions.append(p) }
            }
        }
        return positions
    }
}
