import Foundation
import Participation

/// Runs a batch source on a thread of its own and hands its batches to a consumer, one at a
/// time: the source reads the next batch while the consumer writes this one, and waits while the
/// consumer is busy, so at most two batches are in memory.
public enum BatchPipe {
    /// For a consumer that blocks (SQLite, inside its write transaction).
    public static func run(_ source: @escaping BatchSource, into consume: ([Project]) throws -> Void) throws {
        let handoff = Handoff()
        start(source, handoff)
        do {
            while let batch = try handoff.take() { try consume(batch) }
        } catch {
            handoff.stop()
            throw error
        }
    }

    /// For a consumer that awaits (a network round trip).
    public static func run(_ source: @escaping BatchSource, into consume: ([Project]) async throws -> Void) async throws {
        let (batches, continuation) = AsyncThrowingStream<[Project], any Error>.makeStream()
        let room = DispatchSemaphore(value: 1)
        let stopped = Handoff()
        let thread = Thread {
            do {
                try source { batch in
                    room.wait()
                    if stopped.isStopped { throw CancellationError() }
                    continuation.yield(batch)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        do {
            for try await batch in batches {
                try await consume(batch)
                room.signal()
            }
        } catch {
            // Wakes the source if it waits, so that it stops at its next batch.
            stopped.stop()
            room.signal()
            throw error
        }
    }

    private static func start(_ source: @escaping BatchSource, _ handoff: Handoff) {
        let thread = Thread {
            do {
                try source { batch in try handoff.put(batch) }
                handoff.finish(nil)
            } catch {
                handoff.finish(error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// One slot between a producing and a consuming thread.
private final class Handoff: @unchecked Sendable {
    private let condition = NSCondition()
    private var slot: [Project]?
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false

    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Waits for the slot to be free; throws once the consumer has stopped.
    func put(_ batch: [Project]) throws {
        condition.lock()
        defer { condition.unlock() }
        while slot != nil && !stopped { condition.wait() }
        if stopped { throw CancellationError() }
        slot = batch
        condition.broadcast()
    }

    /// The next batch, nil at the end, or the source's error.
    func take() throws -> [Project]? {
        condition.lock()
        defer { condition.unlock() }
        while slot == nil && !finished { condition.wait() }
        if let batch = slot {
            slot = nil
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        slot = nil
        condition.broadcast()
        condition.unlock()
    }
}
