import Foundation

/// Runs work with a time limit. Work that ignores cancellation (a query waiting for a
/// connection that never comes) is left to finish on its own: the caller gets its answer in time.
enum Deadline {
    struct Expired: Error {}

    static func run<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let answered = Once()
        return try await withCheckedThrowingContinuation { continuation in
            let timer = Task {
                try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                if answered.claim() { continuation.resume(throwing: Expired()) }
            }
            Task {
                // The timer ends with the work: a sleeping timer per finished request would pile up.
                defer { timer.cancel() }
                do {
                    let value = try await body()
                    if answered.claim() { continuation.resume(returning: value) }
                } catch {
                    if answered.claim() { continuation.resume(throwing: error) }
                }
            }
        }
    }

    /// True for the first caller only.
    final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false

        func claim() -> Bool {
            lock.withLock {
                defer { done = true }
                return !done
            }
        }
    }
}
