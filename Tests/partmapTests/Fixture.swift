import Testing

/// A fixture made once for a suite (a file, a store, a site): its path, or the failure of the step
/// that made it, recorded in every test that uses it, so that a failed step fails those tests
/// rather than handing them an empty path to pass on.
struct Fixture: Sendable {
    private let result: Result<String, Failed>

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    init(_ make: () throws -> String) {
        do { result = .success(try make()) } catch { result = .failure(Failed(description: "\(error)")) }
    }

    /// The fixture's path; where it could not be made, an issue in the calling test and a path
    /// to nothing.
    var path: String {
        switch result {
        case .success(let path): return path
        case .failure(let failure):
            Issue.record("a fixture step failed: \(failure)")
            return "/nonexistent/partmap-fixture-that-failed"
        }
    }
}
