import ArgumentParser
import Store

/// Values of a fixed list given on the command line: their help lists them, and a typo is a
/// usage error that names the nearest ones.
enum Choice {
    /// The value of `T` spelt `value`, or a usage error naming `flag` (when given), every value
    /// and the nearest.
    /// - Throws: `ValidationError` for a value that is not one of `T`'s.
    static func value<T: RawRepresentable<String> & CaseIterable>(_ value: String, flag: String?) throws -> T {
        guard let choice = T(rawValue: value) else {
            let names = T.allCases.map(\.rawValue)
            throw ValidationError((flag.map { "\($0): " } ?? "") + "expected one of \(names.joined(separator: ", ")), found \"\(value)\""
                + NearestNames.didYouMean(value, among: names))
        }
        return choice
    }

    /// The transform of an `@Option` whose values are `T`'s: a typo names the nearest value (the
    /// argument parser's message names the flag).
    static func parser<T: RawRepresentable<String> & CaseIterable & Sendable>() -> @Sendable (String) throws -> T {
        { try value($0, flag: nil) }
    }

    /// `text` followed by the list of `T`'s values, for `--help`.
    static func help<T: RawRepresentable<String> & CaseIterable>(_ text: String, _: T.Type, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp(text + " (values: \(T.allCases.map(\.rawValue).joined(separator: ", ")))", valueName: valueName)
    }
}
