import Foundation
import NIOCore
@testable import Server
import Testing

/// What keeps memory flat after a load: freed memory given back while the service runs, for as
/// long as it runs, and encoded answers kept within their budget.
@Suite struct MemoryReleaseTests {
    /// Set once, read by polling.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    /// Whether `condition` holds within 30 s (the machine may be busy), doing `meanwhile` between looks.
    func within30s(_ condition: () -> Bool, meanwhile: () -> Void = {}) async throws -> Bool {
        for _ in 0 ..< 3000 {
            if condition() { return true }
            meanwhile()
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test func theTrimLoopEndsWhenItsServiceGoes() async throws {
        let metrics = Metrics()
        var release: MemoryRelease? = MemoryRelease(metrics: metrics, every: .milliseconds(20))
        let loop = try #require(release?.loop, "glibc's malloc_trim is found")
        #expect(try await within30s({ (release?.trims ?? 0) > 0 }, meanwhile: { metrics.record(route: "/health", status: 200, seconds: 0) }),
                "a period with requests is followed by a trim")
        let ended = Flag()
        Task {
            await loop.value
            ended.set()
        }
        #expect(!ended.isSet)
        release = nil
        #expect(try await within30s { ended.isSet }, "the loop ends with the object the service holds")
    }

    /// A trim after every period with answers and after each of the four quiet ones that follow,
    /// none in a longer quiet.
    @Test func trimsFollowEveryBusyPeriodAndTheQuietOnesAfterIt() {
        var schedule = MemoryRelease.TrimSchedule(answered: 10)
        let counted = [10, 15, 20, 20, 20, 20, 20, 20, 20, 23, 23, 24, 24]
        let trims = counted.map { schedule.trims(afterPeriodEndingAt: $0) }
        #expect(MemoryRelease.TrimSchedule.quietTrims == 4)
        #expect(trims == [false, true, true, true, true, true, true, false, false, true, true, true, true])
    }

    /// Three answers of 3 KiB fit in 10 KiB with their overhead; a fourth sends the least
    /// recently used one away, and the bytes kept never pass the budget.
    @Test func answersAreKeptWithinTheirBudgetLeastRecentlyUsedFirstOut() {
        var cache = AnswerCache<String>(budgetBytes: 10 << 10)
        let answer = ByteBuffer(repeating: 7, count: 3 << 10)
        for key in ["a", "b", "c"] { cache.keep(answer, for: key) }
        #expect(cache.count == 3 && cache.bytes == 3 * ((3 << 10) + 256))
        #expect(cache.answer("a") == answer)
        cache.keep(answer, for: "d")
        #expect(cache.answer("b") == nil, "b was used least recently")
        #expect(cache.answer("a") != nil && cache.answer("c") != nil && cache.answer("d") != nil)
        #expect(cache.bytes <= 10 << 10 && cache.count == 3)
        cache.keep(ByteBuffer(repeating: 1, count: 11 << 10), for: "huge")
        #expect(cache.answer("huge") == nil && cache.count == 3, "an answer above the whole budget is not kept")
    }
}
