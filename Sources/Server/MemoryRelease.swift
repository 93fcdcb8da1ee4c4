#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Gives the heap memory a burst of requests freed back to the system. glibc's malloc keeps
/// what is freed inside its arenas (one per thread that allocates, up to eight per core) for
/// reuse, so a service that answered a burst on many threads would keep that peak resident for
/// good. So the arenas are limited (`mallopt(M_ARENA_MAX)`), and the free pages of every arena are
/// returned (`malloc_trim(0)`, which costs a walk of the free lists: milliseconds) on the
/// `TrimSchedule`. Both are glibc extensions (malloc.h, which the Glibc module leaves out), found
/// at run time; elsewhere nothing is done.
/// The loop lives as long as this object: the service holds it, and it is cancelled when the
/// service is let go after its shutdown.
final class MemoryRelease: Sendable {
    /// Arenas at most: one per core of the machines partmap serves from, and a spare.
    static let arenas: Int32 = 4
    /// malloc.h's M_ARENA_MAX.
    static let arenaMaxOption: Int32 = -8

    /// The loop that trims; nil where glibc's calls are missing.
    let loop: Task<Void, Never>?
    private let trimmed = Trims()

    /// Limits the arenas now and trims after every `period` the schedule names, with the answers
    /// `metrics` counts, until this object goes.
    init(metrics: Metrics, every period: Duration = .seconds(5)) {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        typealias MallocTrim = @convention(c) (Int) -> Int32
        let library = dlopen(nil, RTLD_NOW)
        guard let option = dlsym(library, "mallopt"), let trim = dlsym(library, "malloc_trim") else {
            loop = nil
            return
        }
        _ = unsafeBitCast(option, to: Mallopt.self)(Self.arenaMaxOption, Self.arenas)
        let release = unsafeBitCast(trim, to: MallocTrim.self), trimmed = self.trimmed
        loop = Task.detached(priority: .background) {
            var schedule = TrimSchedule(answered: metrics.answered)
            while !Task.isCancelled {
                do { try await Task.sleep(for: period) } catch { return }
                guard schedule.trims(afterPeriodEndingAt: metrics.answered) else { continue }
                _ = release(0)
                trimmed.add()
            }
        }
        #else
        loop = nil
        #endif
    }

    deinit { loop?.cancel() }

    /// Trims made so far.
    var trims: Int { trimmed.count }

    /// When to trim, period by period: after each period in which requests were answered, and
    /// after each of the `quietTrims` quiet periods that follow. A burst's memory is not all freed
    /// when its last answer goes: connections close and the runtime's threads give back their
    /// caches over the next seconds, after the trim that ended the burst's last period; without
    /// the quiet periods' trims that memory would stay resident until the next burst.
    struct TrimSchedule {
        /// Quiet periods trimmed after a busy one (20 s at the service's 5 s period).
        static let quietTrims = 4
        private var seen: Int
        private var quietLeft = 0

        /// Starts with `answered` requests counted so far.
        init(answered: Int) { seen = answered }

        /// Whether to trim at the end of a period after which `answered` requests are counted.
        mutating func trims(afterPeriodEndingAt answered: Int) -> Bool {
            defer { seen = answered }
            if answered != seen {
                quietLeft = Self.quietTrims
                return true
            }
            guard quietLeft > 0 else { return false }
            quietLeft -= 1
            return true
        }
    }

    /// A count shared with the loop.
    private final class Trims: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        var count: Int { lock.withLock { value } }
        func add() { lock.withLock { value += 1 } }
    }
}
