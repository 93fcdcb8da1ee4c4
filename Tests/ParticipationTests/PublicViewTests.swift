import GeoJSON
import Participation
import Testing

/// Safeguarding: no public view is more precise than the record's locationPrecision.
@Suite struct PublicViewTests {
    static let stored = Position(longitude: 36.9, latitude: -1.31)  // a street in Nairobi

    static func project(_ precision: LocationPrecision, city: String? = "Nairobi", visibility: Visibility = .public) -> Project {
        Project(
            id: "p", title: "T", organisation: "O", participationLevel: .led, participantGroups: [.adultSurvivors],
            sector: .civilSociety, countries: ["KE"], city: city, locationPrecision: precision, visibility: visibility,
            sources: ["s"], position: stored, extra: JSONObject([("contact", .string("ann@example.org"))]))
    }

    @Test func exactIsPublishedAsStored() {
        #expect(Self.project(.exact).publicView(places: atlas)?.position == Self.stored)
    }

    @Test func cityIsPublishedAtTheGazetteerPoint() {
        let view = Self.project(.city).publicView(places: atlas)
        #expect(view?.position == atlas.cityPoint(named: "Nairobi", country: "KE"))
        #expect(view?.position != Self.stored)
    }

    @Test func cityWithoutACityFallsBackToTheCountry() {
        #expect(Self.project(.city, city: nil).publicView(places: atlas)?.position == atlas.countryPoint("KE"))
    }

    @Test func countryIsPublishedAtTheCountryPoint() {
        #expect(Self.project(.country).publicView(places: atlas)?.position == atlas.countryPoint("KE"))
    }

    @Test func noneIsNotMapped() {
        let view = Self.project(.none).publicView(places: atlas)
        #expect(view != nil)
        #expect(view?.position == nil)
        #expect(view?.feature().geometry == nil)
    }

    @Test func internalProjectsHaveNoPublicView() {
        #expect(Self.project(.exact, visibility: .internal).publicView(places: atlas) == nil)
    }

    @Test(arguments: LocationPrecision.allCases)
    func extraPropertiesAreNeverPublished(precision: LocationPrecision) throws {
        let view = try #require(Self.project(precision).publicView(places: atlas))
        let written = GeoJSONWriter().write(view.feature(includeExtra: true))
        #expect(!written.contains("contact"))
        #expect(!written.contains("ann@example.org"))
        if precision != .exact { #expect(!written.contains("36.9")) }
    }
}
