import Foundation
import GeoJSON
import Participation
import Regions
import Store
import TestSupport
import Testing

let atlas: Atlas = {
    do { return try Atlas(dataDirectory: PackageRoot.dataDirectory) } catch {
        preconditionFailure("Data/ must load for these tests: \(error)")
    }
}()

/// 3,000 seeded projects of every precision and visibility, placed and derived as import does.
let projects: [Project] = {
    var generator = SplitMix64(seed: 42)
    let countries = ["KE", "GB", "FJ", "RU", "BR", "TH", "NZ", "US"]
    var projects = (0 ..< 3000).map { i -> Project in
        let precision = LocationPrecision.allCases[Int(generator.next() % 4)]
        let country = countries[Int(generator.next() % UInt64(countries.count))]
        let start = 2000 + Int(generator.next() % 25)
        return Project(
            id: String(format: "p%05d", (i * 7919) % 3000), title: "Project \(i)", organisation: i % 5 == 0 ? "Youth Voice Org" : "Org \(i)",
            participationLevel: ParticipationLevel.allCases[i % 4], participantGroups: [ParticipantGroup.allCases[i % 4]],
            sector: Sector.allCases[i % 5], purposes: [Purpose.allCases[i % 8], Purpose.allCases[(i + 3) % 8]],
            countries: precision == .none ? [] : [country], city: nil,
            startYear: i % 3 == 0 ? nil : start, endYear: i % 2 == 0 ? start + 2 : nil,
            locationPrecision: precision == .city ? .country : precision, visibility: i % 7 == 0 ? .internal : .public,
            sources: ["s"],
            position: precision == .none ? nil : Position(longitude: generator.uniform(-180, 180), latitude: generator.uniform(-85, 85)))
    }
    var problems: [Problem] = []
    let locators = projects.map { FieldLocator.feature(file: "t", pointer: "/features/\($0.id)") }
    do {
        try Geocoder(places: atlas).place(&projects, locators: locators, problems: &problems)
    } catch {
        preconditionFailure("Data/ must load for these tests: \(error)")
    }
    return projects
}()

/// A country's point from the atlas, which is loaded whole and so has nothing left to fail to read.
func countryPoint(_ code: String) -> Position? {
    do { return try atlas.countryPoint(code) } catch { preconditionFailure("Data/ must load for these tests: \(error)") }
}

/// Every query is checked against a plain loop over the projects written here, independently.
@Suite struct QueryScanTests {
    /// The public view, written out: internal projects never, positions as precision allows.
    func visible(_ includeInternal: Bool) -> [Project] {
        projects.compactMap { project in
            if includeInternal { return project }
            guard project.visibility == .public else { return nil }
            var view = project
            switch project.locationPrecision {
            case .exact: break
            case .city, .country: view.position = project.countries.first.flatMap(countryPoint)
            case .none: view.position = nil
            }
            view.extra = JSONObject()
            return view
        }
    }

    func ids(_ query: ProjectQuery) throws -> [String] {
        try query.scan(projects, places: atlas).projects.map(\.id)
    }

    func sortedIDs(_ projects: [Project]) -> [String] {
        projects.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    @Test(arguments: [false, true])
    func boxesIncludingOnesAcrossTheAntimeridian(includeInternal: Bool) throws {
        for (w, s, e, n) in [(-10.0, -10.0, 40.0, 60.0), (170, -60, -170, 60), (179.99, -90, -179.99, 90), (-180, -90, 180, 90)] {
            var query = ProjectQuery()
            query.includeInternal = includeInternal
            query.area = .bbox(BoundingBox(west: w, south: s, east: e, north: n))
            let expected = visible(includeInternal).filter { p in
                guard let q = p.position, q.latitude >= s, q.latitude <= n else { return false }
                return w <= e ? (q.longitude >= w && q.longitude <= e) : (q.longitude >= w || q.longitude <= e)
            }
            #expect(try ids(query) == sortedIDs(expected), "bbox \(w),\(s),\(e),\(n)")
        }
    }

    @Test func circlesUseGreatCircleKilometres() throws {
        let center = Position(longitude: 179, latitude: 60)
        var query = ProjectQuery()
        query.area = .circle(center: center, radiusKm: 2500)
        // Spherical law of cosines, an independent formula for the same distance.
        func km(_ a: Position, _ b: Position) -> Double {
            let r = Double.pi / 180
            let c = sin(a.latitude * r) * sin(b.latitude * r) + cos(a.latitude * r) * cos(b.latitude * r) * cos((b.longitude - a.longitude) * r)
            return 6371.0088 * acos(min(1, max(-1, c)))
        }
        let expected = visible(false).filter { $0.position.map { km(center, $0) <= 2500 } ?? false }
        #expect(!expected.isEmpty)
        #expect(try ids(query) == sortedIDs(expected))
    }

    @Test func countriesAndRegionsUseTheDerivedPlace() throws {
        var query = ProjectQuery()
        query.area = .country("KE")
        #expect(try ids(query) == sortedIDs(visible(false).filter { $0.position != nil && $0.derived?.country == "KE" }))
        let oceania = try #require(atlas.m49Area("Oceania"))
        query.area = .region(oceania)
        let expected = visible(false).filter { $0.position != nil && $0.derived?.region == oceania }
        #expect(!expected.isEmpty)
        #expect(try ids(query) == sortedIDs(expected))
    }

    @Test func polygonsIncludeTheirEdges() throws {
        var query = ProjectQuery()
        let ring = [(-20.0, -40.0), (60, -40), (60, 40), (-20, 40), (-20, -40)].map { Position(longitude: $0.0, latitude: $0.1) }
        query.area = .polygon(.polygon([ring]))
        let expected = visible(false).filter { p in
            guard let q = p.position else { return false }
            return q.longitude >= -20 && q.longitude <= 60 && q.latitude >= -40 && q.latitude <= 40
        }
        #expect(try ids(query) == sortedIDs(expected))
    }

    @Test func filtersAreORWithinAndANDAcross() throws {
        var query = ProjectQuery()
        query.filter.levels = [.led, .consultation]
        query.filter.purposes = [.research]
        query.filter.activeIn = [2010]
        query.filter.text = ["youth voice"]
        let expected = visible(false).filter { p in
            [.led, .consultation].contains(p.participationLevel) && p.purposes.contains(.research)
                && (p.startYear.map { $0 <= 2010 } ?? false) && (p.endYear.map { $0 >= 2010 } ?? true)
                && p.organisation.lowercased().contains("youth voice")
        }
        #expect(!expected.isEmpty)
        #expect(try ids(query) == sortedIDs(expected))
    }

    @Test func pagesAndSorting() throws {
        var query = ProjectQuery()
        query.limit = 10
        query.offset = 20
        let all = sortedIDs(visible(false))
        let result = try query.scan(projects, places: atlas)
        #expect(result.projects.map(\.id) == Array(all[20 ..< 30]))
        #expect(result.numberMatched == all.count)
        query.sort = .title
        let byTitle = visible(false).sorted { ($0.title.utf8.lexicographicallyPrecedes($1.title.utf8)) }.map(\.id)
        #expect(try ids(query) == Array(byTitle[20 ..< 30]))
    }

    /// Safeguarding: a tiny box around a stored position finds nothing the public may not see.
    @Test func tinyAreasRevealNoStoredPosition() throws {
        let hidden = projects.filter { $0.locationPrecision != .exact || $0.visibility == .internal }
        var checked = 0
        for project in hidden.prefix(150) {
            guard let stored = project.position else { continue }
            checked += 1
            var query = ProjectQuery()
            query.area = .bbox(BoundingBox(west: stored.longitude - 1e-6, south: stored.latitude - 1e-6, east: stored.longitude + 1e-6, north: stored.latitude + 1e-6))
            #expect(try !ids(query).contains(project.id), "\(project.id) found at its stored position")
            query.area = .circle(center: stored, radiusKm: 0.001)
            #expect(try !ids(query).contains(project.id))
            query.includeInternal = true
            #expect(try ids(query).contains(project.id), "the internal view finds it")
        }
        #expect(checked >= 100, "\(checked) stored positions tried")
    }
}
