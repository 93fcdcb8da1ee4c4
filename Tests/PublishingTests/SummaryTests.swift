import GeoJSON
import Testing

@testable import Publishing

@Suite struct SummaryTests {
    static let africa = SummaryValue.place(code: "002", name: "Africa")
    static let europe = SummaryValue.place(code: "150", name: "Europe")
    static let nowhere = SummaryValue.place(code: nil, name: "No location")

    static func item(_ initiative: String, _ region: SummaryValue, _ level: String, groups: [String] = ["children"]) -> SummaryItem {
        SummaryItem(initiative: initiative, values: [
            .region: [region], .level: [.term(level)], .group: groups.map(SummaryValue.term),
        ])
    }

    static let items = [
        item("a", africa, "led"), item("a", africa, "led"), item("b", europe, "consultation"),
        item("c", nowhere, "led", groups: ["children", "adultSurvivors"]),
    ]

    static func byName(_ key: SummaryKey, _ a: SummaryValue, _ b: SummaryValue) -> Bool {
        (a.code ?? "~", a.name) < (b.code ?? "~", b.name)
    }

    @Test func countsEqualABruteForceCount() {
        let summary = Summary(items: Self.items, keys: [.region, .level], count: .projects, order: Self.byName)
        #expect(summary.total == 4)
        for row in summary.rows {
            let brute = Self.items.filter { $0.values[.region] == [row.values[0]] && $0.values[.level] == [row.values[1]] }
            #expect(row.count == brute.count)
        }
        #expect(summary.rows.map(\.count).reduce(0, +) == 4)
        #expect(summary.rows.map(\.values[0].name) == ["Africa", "Europe", "No location"])
    }

    @Test func initiativesCountOncePerInitiative() {
        let summary = Summary(items: Self.items, keys: [.region], count: .initiatives, order: Self.byName)
        #expect(summary.total == 3)
        #expect(summary.rows.first?.count == 1)
    }

    @Test func listValuesCountInEachOfTheirRows() {
        let summary = Summary(items: Self.items, keys: [.group], count: .projects, order: Self.byName)
        #expect(summary.rows.map { "\($0.values[0].name)=\($0.count)" } == ["adultSurvivors=1", "children=4"])
    }

    @Test func allValuesAddZeroRows() {
        let summary = Summary(
            items: Self.items, keys: [.region], count: .projects,
            allValues: [.region: [Self.africa, Self.europe, .place(code: "019", name: "Americas"), Self.nowhere]],
            order: Self.byName)
        #expect(summary.rows.map(\.count) == [2, 0, 1, 1])
    }

    @Test func writesTheContractJSON() {
        let summary = Summary(items: Self.items, keys: [.region, .level], count: .projects, order: Self.byName)
        guard case .object(let json) = summary.json, case .array(let rows) = json["rows"] else {
            Issue.record("expected an object with rows")
            return
        }
        #expect(json.keys == ["by", "count", "total", "rows"])
        #expect(rows.first == .object(JSONObject([
            ("region", .object(JSONObject([("code", .string("002")), ("name", .string("Africa"))]))),
            ("level", .string("led")), ("count", .number(2)), ("share", .number(0.5)),
        ])))
        guard case .object(let last) = rows.last else { return }
        #expect(last["region"] == .object(JSONObject([("code", .null), ("name", .string("No location"))])))
    }

    @Test func writesCSVAndTable() {
        let summary = Summary(items: Self.items, keys: [.region, .level], count: .projects, order: Self.byName)
        #expect(summary.csv == """
            region_code,region,level,count,share
            002,Africa,led,2,0.5
            150,Europe,consultation,1,0.25
            ,No location,led,1,0.25

            """)
        #expect(summary.table == """
            region       level         count  share
            -----------  ------------  -----  -----
            Africa       led               2  50.0%
            Europe       consultation      1  25.0%
            No location  led               1  25.0%
            -----------  ------------  -----  -----
            total                          4

            """)
    }
}
