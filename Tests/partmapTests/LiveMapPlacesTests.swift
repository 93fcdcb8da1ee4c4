import Foundation
import TestSupport
import Testing

/// The live map's place filter offers what the published one does: regions, sub-regions,
/// intermediate regions and countries by name, and filtering by a country asks the server for it.
@Suite(.timeLimit(.minutes(10))) struct LiveMapPlacesTests {
    @Test(arguments: ServeCommandTests.Backend.allCases)
    func theLiveMapOffersSubRegionsAndCountries(backend: ServeCommandTests.Backend) throws {
        let base = try ServeCommandTests.service(backend).base
        func dom(_ query: String) throws -> String {
            let run = try command("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--window-size=1280,900",
                                              "--dump-dom", "\(base)/map?\(query)"])
            #expect(run.status == 0, "chromium: \(run.stderr.suffix(400))")
            return run.stdout
        }
        let page = try dom("zoom=2&lat=20&lon=0")
        for label in ["Regions", "Sub-regions", "Intermediate regions", "Countries"] {
            #expect(page.contains("<optgroup label=\"\(label)\">"), "\(label)")
        }
        // Nairobi's projects: Kenya by name, in Sub-Saharan Africa (M49 202) and Eastern Africa (014).
        #expect(page.contains("<option value=\"KE\">Kenya</option>"))
        #expect(page.contains("<option value=\"m202\">Sub-Saharan Africa</option>") && page.contains("<option value=\"m014\">Eastern Africa</option>"))
        let kenya = try dom("zoom=2&lat=20&lon=0&place=KE")
        func markers(_ dom: String, _ kind: String) -> Int { dom.components(separatedBy: "leaflet-marker-icon \(kind)").count - 1 }
        #expect(markers(kenya, "pm-cluster") == 1 && markers(kenya, "pm-project") == 0, "Nairobi's cluster alone")
    }
}
