import GeoJSON
import Participation
import Testing

/// Safeguarding: no public view is more precise than the record's locationPrecision.
@Suite struct PublicViewTests {
    static let stored = Position(longitude: 36.9, latitude: -1.31)  // a street in Nairobi

    @Test func exactIsPublishedAsStored() throws {
        #expect(try project(.exact).publicView(places: testPlaces)?.position == Self.stored)
        #expect(try project(.exact).publicPosition(places: testPlaces) == Self.stored)
    }

    @Test func exactWithoutCountriesIsPublishedAsStored() throws {
        #expect(try project(.exact, countries: [], city: nil).publicPosition(places: testPlaces) == Self.stored)
    }

    @Test func cityIsPublishedAtTheGazetteerPoint() throws {
        let nairobi = testPlaces.cityPoint(named: "Nairobi", country: "KE")
        #expect(nairobi != nil)
        #expect(try project(.city).publicView(places: testPlaces)?.position == nairobi)
        #expect(try project(.city).publicPosition(places: testPlaces) == nairobi)
    }

    @Test func cityWithoutAKnownCityFallsBackToTheCountry() throws {
        #expect(try project(.city, city: nil).publicPosition(places: testPlaces) == testPlaces.countryPoint("KE"))
        #expect(try project(.city, city: "Atlantis").publicPosition(places: testPlaces) == testPlaces.countryPoint("KE"))
    }

    @Test func countryIsPublishedAtTheCountryPoint() throws {
        #expect(try project(.country).publicView(places: testPlaces)?.position == testPlaces.countryPoint("KE"))
    }

    @Test func noneIsNotMapped() throws {
        let view = try #require(try project(.none).publicView(places: testPlaces))
        #expect(view.position == nil)
        #expect(view.derived == nil)
        #expect(view.feature().geometry == nil)
    }

    /// Without a country there is nothing less precise to show: not mapped at all.
    @Test(arguments: [LocationPrecision.city, .country])
    func lessPreciseWithoutCountriesIsNotMapped(precision: LocationPrecision) throws {
        #expect(try project(precision, countries: [], city: nil).publicPosition(places: testPlaces) == nil)
    }

    @Test(arguments: LocationPrecision.allCases)
    func internalProjectsHaveNoPublicView(precision: LocationPrecision) throws {
        #expect(try project(precision, visibility: .internal).publicView(places: testPlaces) == nil)
    }

    /// Areas derived from a stored point (say, before the precision was lowered) say no more than
    /// the main country in the public view.
    @Test(arguments: [LocationPrecision.city, .country])
    func publicAreasAreTheMainCountrys(precision: LocationPrecision) throws {
        var record = project(precision, countries: ["GB", "IE"], city: "London")
        record.derived = testPlaces.assignment(forCountry: "IE")
        #expect(try record.publicView(places: testPlaces)?.derived == testPlaces.assignment(forCountry: "GB"))
    }

    @Test(arguments: LocationPrecision.allCases)
    func theViewKeepsEveryRecordField(precision: LocationPrecision) throws {
        let record = project(precision)
        var view = try #require(try record.publicView(places: testPlaces))
        view.position = record.position
        view.derived = record.derived
        view.extra = record.extra
        #expect(view == record)
    }

    @Test(arguments: LocationPrecision.allCases)
    func extraPropertiesAndStoredPointsAreNeverPublished(precision: LocationPrecision) throws {
        let view = try #require(try project(precision).publicView(places: testPlaces))
        #expect(view.extra.isEmpty)
        let written = GeoJSONWriter().write(view.feature(includeDerived: true, includeExtra: true))
        #expect(!written.contains("contact"))
        #expect(!written.contains("ann@example.org"))
        let stored = GeoJSONWriter().write(project(precision).feature(includeDerived: true, includeExtra: true))
        #expect(stored.contains("\"contact\"") && stored.contains("ann@example.org"), "the stored record holds them")
        #expect(written.contains("36.9") == (precision == .exact))
    }

    @Test(arguments: LocationPrecision.allCases)
    func thePublicFeatureHasOnlyRecordAndDerivedProperties(precision: LocationPrecision) throws {
        let view = try #require(try project(precision).publicView(places: testPlaces))
        let names = try #require(view.feature(includeDerived: true, includeExtra: true).properties).keys
        let allowed = recordTable + ["country", "region", "regionCode", "subregion", "subregionCode",
                                                        "intermediateRegion", "intermediateRegionCode"]
        #expect(names.allSatisfy(allowed.contains), "\(names)")
        #expect(names.contains("title") && names.contains("locationPrecision"), "the record's own properties are there")
    }
}
