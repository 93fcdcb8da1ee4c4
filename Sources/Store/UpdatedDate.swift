import Foundation

/// The `updated` date the store's writes stamp on a record.
public enum UpdatedDate {
    /// Today in UTC as an RFC 3339 `full-date` (`2026-11-30`), the form `updated` takes.
    public static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }
}
