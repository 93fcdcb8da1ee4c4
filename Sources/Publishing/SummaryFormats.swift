import GeoJSON
import Participation
import Regions
import Store

/// The summary as JSON (`by`, `count`, `total`, `rows`), CSV and a text table.
extension Summary {
    /// Shares are fractions of the total, to four decimals.
    static func rounded(_ share: Double) -> Double {
        (share * 10_000).rounded() / 10_000
    }

    /// `{"by": [...], "count": "projects", "total": N, "rows": [{"region": {"code", "name"}, "level": "led", "count": 3, "share": 0.12}, ...]}`
    public var json: JSONValue {
        .object(JSONObject([
            ("by", .array(keys.map { .string($0.rawValue) })),
            ("count", .string(count.rawValue)),
            ("total", .number(Double(total))),
            ("rows", .array(rows.map { row in
                var members: [(key: String, value: JSONValue)] = zip(keys, row.values).map { key, value in
                    (key.rawValue, Self.json(value))
                }
                members.append(("count", .number(Double(row.count))))
                members.append(("share", .number(Self.rounded(row.share))))
                return .object(JSONObject(members))
            })),
        ]))
    }

    private static func json(_ value: SummaryValue) -> JSONValue {
        guard value.isPlace else { return .string(value.name) }
        return .object(JSONObject([("code", value.code.map(JSONValue.string) ?? .null), ("name", .string(value.name))]))
    }

    /// Columns: for a place key, `KEY_code` and `KEY` (its name); for other keys, `KEY`; then count and share.
    public var csv: String {
        var header: [String] = []
        for key in keys {
            if Self.isPlace(key) { header.append(key.rawValue + "_code") }
            header.append(key.rawValue)
        }
        let rows = rows.map { row in
            var fields: [String] = []
            for value in row.values {
                if value.isPlace { fields.append(value.code ?? "") }
                fields.append(value.name)
            }
            return fields + [String(row.count), JSONNumber.format(Self.rounded(row.share))]
        }
        return CSVTable(header: header + ["count", "share"], rows: rows).text
    }

    static func isPlace(_ key: SummaryKey) -> Bool {
        switch key {
        case .region, .subregion, .intermediate, .country: true
        case .level, .group, .sector, .purpose: false
        }
    }

    /// Aligned columns for a terminal, names only, shares as percentages, and a total line.
    public var table: String {
        let header = keys.map(\.rawValue) + ["count", "share"]
        let body = rows.map { row in
            row.values.map(\.name) + [String(row.count), Self.percent(row.share)]
        }
        let footer = ["total"] + Array(repeating: "", count: max(keys.count - 1, 0)) + [String(total), ""]
        let all = [header] + body + [footer]
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        let numeric = Set([keys.count, keys.count + 1])
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + body.map(line) + [rule, line(footer)]).joined(separator: "\n") + "\n"
    }

    private static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}

extension Summary {
    /// A choropleth: every country boundary of `area` (every one without) as a feature with its
    /// country's count and share (0 where there is none), from a summary by country; with
    /// `levels`, a summary by country and level, also the counts per level, as the object
    /// `levels` and as one flat field per level (`consultation`, …, `led`).
    public func choropleth(boundaries: [CountryBoundary], levels: Summary? = nil, area: Area? = nil) -> FeatureCollection {
        var counts: [String: Row] = [:]
        for row in rows { if let code = row.values.first?.code { counts[code] = row } }
        var perLevel: [String: [Int]] = [:]
        for row in levels?.rows ?? [] {
            guard row.values.count == 2, let code = row.values[0].code,
                  let level = ParticipationLevel.allCases.firstIndex(where: { $0.rawValue == row.values[1].name }) else { continue }
            perLevel[code, default: [Int](repeating: 0, count: ParticipationLevel.allCases.count)][level] += row.count
        }
        return Choropleth.collection(boundaries: boundaries.filter(ChoroplethArea.holds(area))) { code in
            let row = code.flatMap { counts[$0] }
            var properties: [(key: String, value: JSONValue)] = [("count", .number(Double(row?.count ?? 0))), ("share", .number(Self.rounded(row?.share ?? 0)))]
            if levels != nil {
                let flat = ChoroplethArea.flatLevels(code.flatMap { perLevel[$0] } ?? [Int](repeating: 0, count: ParticipationLevel.allCases.count))
                properties += [("levels", .object(JSONObject(flat)))] + flat
            }
            return properties
        }
    }
}
