/// The longest text each field of the record takes on input, counted in Unicode scalars (what a
/// JSON string's length counts, and Python's `len`). Longer text is a located error naming the
/// limit: nothing a hostile or mistaken input sends can grow the work of every later answer.
/// The same limits apply to GeoJSON, CSV and HTTP bodies; they are listed in `partmap validate --help`.
public enum TextLimit {
    /// The feature id: it travels in URLs and database keys.
    public static let id = 200
    /// By property name; for `sources`, each entry.
    public static let byProperty: [String: Int] = [
        "title": 500, "organisation": 500, "initiative": 500,
        "description": 10_000,
        // What browsers and the sitemaps protocol take reliably.
        "url": 2_048,
        "city": 200,
        "sources": 2_000,
    ]

    /// The limits as one line of help: `title 500, organisation 500, …`.
    public static var summary: String {
        let order = ["title", "organisation", "description", "url", "initiative", "city", "sources"]
        return "id \(id), " + order.map { "\($0 == "sources" ? "each source" : $0) \(byProperty[$0]!)" }.joined(separator: ", ")
    }

    /// The message for text over `limit`, or nil when it fits. Counting stops one past the limit,
    /// so a 900,000-scalar text costs no more than a fitting one.
    static func excess(_ text: String, limit: Int) -> String? {
        guard text.utf8.count > limit else { return nil }  // a scalar takes at least one byte
        var count = 0
        for _ in text.unicodeScalars {
            count += 1
            if count > limit {
                return "expected at most \(limit) characters (Unicode scalars), found \(text.unicodeScalars.count)"
            }
        }
        return nil
    }
}
