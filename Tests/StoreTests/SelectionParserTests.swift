import Store
import Testing

/// One parser, two spellings: the command line's flags and the service's query parameters get
/// the same verdict on the same text, each naming parameters its own way in every message.
@Suite struct SelectionParserTests {
    static let flags = SelectionParser(atlas: atlas, readsFiles: true) { "--" + $0.rawValue }
    static let query = SelectionParser(atlas: atlas, readsFiles: false) { $0 == .text ? "q" : $0.rawValue }

    static func error(_ parser: SelectionParser, _ values: [SelectionParameter: [String]]) -> SelectionError? {
        do {
            _ = try parser.area(values)
            _ = try parser.filter(values)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        // (values, parameter, expected, found): a circle needs both halves (README's AREA).
        ([SelectionParameter.near: ["36.8,-1.3"]], "near", "radius-km with it", "none"),
        ([.radiusKm: ["5"]], "radius-km", "near with it", "none"),
        ([.country: ["KE"], .region: ["Africa"]], nil, "one area", "country and region"),
        ([.bbox: ["0,0,10,95"]], "bbox", "a latitude in -90..90", "95"),
        ([.bbox: ["0,5,10,-5"]], "bbox", "SOUTH <= NORTH", "5 > -5"),
        ([.level: ["lead"]], "level", "one of consultation, collaboration, coProduction, led", "\"lead\""),
        ([.datetime: ["2025/2020"]], "datetime", "an interval whose start is not after its end", "\"2025/2020\""),
    ] as [([SelectionParameter: [String]], String?, String, String)])
    func bothSpellingsGetOneVerdict(values: [SelectionParameter: [String]], parameter: String?, expected: String, found: String) throws {
        let flagged = try #require(Self.error(Self.flags, values))
        let queried = try #require(Self.error(Self.query, values))
        #expect(queried.parameter == parameter && queried.expected == expected && queried.found == found, "\(queried)")
        #expect(flagged.parameter == parameter.map { "--" + $0 }, "\(flagged)")
        #expect(flagged.expected == expected.replacingOccurrences(of: "radius-km", with: "--radius-km")
            .replacingOccurrences(of: "near with", with: "--near with")
            .replacingOccurrences(of: "country and", with: "--country and"), "\(flagged)")
        #expect(flagged.found == found.replacingOccurrences(of: "country and region", with: "--country and --region"), "\(flagged)")
    }

    /// ISO 3166-1 reserves UK for the United Kingdom, whose code is GB: the suggestion says so.
    @Test func aReservedCodeSuggestsItsCountry() throws {
        let error = try #require(Self.error(Self.query, [.country: ["UK"]]))
        #expect(error.parameter == "country" && error.found == "\"UK\"")
        #expect(error.hint == "; did you mean \"United Kingdom of Great Britain and Northern Ireland\" (GB)?")
    }
}
