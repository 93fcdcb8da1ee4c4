import Foundation
import GeoJSON
import TestSupport
import Testing

@testable import Regions

/// The Atlas over the real Data/ folder, loaded once for the whole suite.
enum Fixture {
    static let dataDirectory = PackageRoot.dataDirectory
    static let atlas: Atlas = {
        do { return try Atlas(dataDirectory: dataDirectory) } catch {
            preconditionFailure("Data/ must load for these tests: \(error)")
        }
    }()
}

@Suite struct AtlasTests {
    let atlas = Fixture.atlas

    @Test func everyPolygonGetsItsRegions() throws {
        #expect(try atlas.boundaries.count == 241)
        for boundary in try atlas.boundaries where boundary.adm0 != "ATA" {
            #expect(boundary.assignment.region != nil, "\(boundary.adm0) has no M49 region")
            #expect(boundary.assignment.subregion != nil, "\(boundary.adm0) has no M49 sub-region")
        }
        // The M49 scheme puts Antarctica in no region; it is still a country.
        let antarctica = try atlas.boundaries.first { $0.adm0 == "ATA" }
        #expect(antarctica?.assignment.country == "AQ")
        #expect(antarctica?.assignment.region == nil)
    }

    @Test func polygonsWithoutAlpha3UseTheExtraTable() throws {
        let expected = [
            "KOS": "Southern Europe", "SOL": "Sub-Saharan Africa", "CYN": "Western Asia",
            "KAS": "Southern Asia", "ATC": "Australia and New Zealand", "IOA": "Australia and New Zealand",
        ]
        for (adm0, subregion) in expected {
            let boundary = try atlas.boundaries.first { $0.adm0 == adm0 }
            #expect(boundary?.assignment.subregion?.name == subregion, "\(adm0)")
        }
        #expect(try atlas.boundaries.first { $0.adm0 == "SOL" }?.assignment.intermediateRegion?.name == "Eastern Africa")
    }

    @Test func repairedPolygonsAreValid() throws {
        // India's ring crosses itself in the source; after MakeValid its area is still India's.
        let india = try #require(try atlas.boundaries.first { $0.adm0 == "IND" })
        #expect(!india.parts.isEmpty)
        #expect(try atlas.assign([Position(longitude: 77.209, latitude: 28.6139)])[0]?.country == "IN")
    }

    @Test(arguments: [
        ("Suva", "FJ", "FJ"), ("Apia", "WS", "WS"), ("Anadyr", "RU", "RU"),
        ("Nairobi", "KE", "KE"), ("London", "GB", "GB"), ("Rome", "IT", "IT"),
        ("San Marino", "SM", "SM"), ("Maseru", "LS", "LS"), ("Bogotá", "CO", "CO"),
    ])
    func citiesLandInTheirCountry(city: String, country: String, expected: String) throws {
        let point = try #require(try atlas.cityPoint(named: city, country: country), "\(city) is in the gazetteer")
        #expect(try atlas.assign([point])[0]?.country == expected)
    }

    @Test func theSmallestOfNestedPolygonsWins() throws {
        // Inside the 1:50m Vatican polygon, which lies wholly inside Italy's. (GeoNames' point for
        // Vatican City falls ~1 km east of that coarse polygon, in Italy.)
        #expect(try atlas.assign([Position(longitude: 12.434, latitude: 41.902)])[0]?.country == "VA")
    }

    @Test func theSeaBelongsToNoCountry() throws {
        let atlantic = Position(longitude: -30, latitude: 0)
        #expect(try atlas.assign([atlantic]) == [nil])
    }

    @Test func bothSidesOfTheAntimeridian() throws {
        let points = [
            Position(longitude: 179.9, latitude: 66.5), Position(longitude: -179.9, latitude: 66.5),
            Position(longitude: 180, latitude: 66.5), Position(longitude: -180, latitude: 66.5),
        ]
        #expect(try atlas.assign(points).map { $0?.country } == ["RU", "RU", "RU", "RU"])
    }

    @Test func codesAndPoints() throws {
        #expect(atlas.isCountryCode("GB"))
        #expect(atlas.isCountryCode("XK"))
        #expect(!atlas.isCountryCode("UK"))
        #expect(!atlas.isCountryCode("gb"))
        let kenya = try #require(try atlas.countryPoint("KE"))
        #expect(try atlas.assign([kenya])[0]?.country == "KE")
        // The one M49 row without a centroid (UM) has no polygon at 1:50m either: no point.
        #expect(try atlas.countryPoint("UM") == nil)
        // Kosovo has no centroid row of its own: a point on its polygon stands in.
        let kosovo = try #require(try atlas.countryPoint("XK"))
        #expect(try atlas.assign([kosovo])[0]?.country == "XK")
        #expect(atlas.assignment(forCountry: "KE")?.intermediateRegion == M49Area(code: "014", name: "Eastern Africa"))
        #expect(atlas.assignment(forCountry: "KE")?.region == M49Area(code: "002", name: "Africa"))
    }

    /// A published country point is a valid position in its own country, wherever the country
    /// has a polygon (the table puts Fiji's centroid at longitude 195, in open sea).
    @Test func countryPointsLieInTheirCountries() throws {
        let withPolygons = Set(try atlas.boundaries.compactMap(\.assignment.country))
        var checked = 0
        for code in atlas.countryCodes {
            guard let point = try atlas.countryPoint(code) else { continue }
            checked += 1
            #expect((-180 ... 180).contains(point.longitude) && (-90 ... 90).contains(point.latitude), "\(code)")
            if withPolygons.contains(code) {
                #expect(try atlas.assign([point])[0]?.country == code, "\(code) at \(point)")
            }
        }
        #expect(checked >= 240, "\(checked) of \(atlas.countryCodes.count) countries have a point")
        #expect(try #require(try atlas.countryPoint("FJ")).longitude > 170)
    }

    @Test func theMostPopulousCityOfANameWins() throws {
        let london = try #require(try atlas.cityPoint(named: "london", country: "GB"))
        #expect(abs(london.latitude - 51.5) < 0.1)
        let ontario = try #require(try atlas.cityPoint(named: "London", country: "CA"))
        #expect(abs(ontario.latitude - 42.98) < 0.1)
        #expect(try atlas.cityPoint(named: "Atlantis", country: "GB") == nil)
    }
}
