import Foundation
import Participation

/// Runs a batch source on a thread of its own and hands its batches to an async consumer, one at
/// a time: the source waits while the consumer is busy, so at most two batches are in memory.
/// For stores whose writes are async (a network round trip) while the source reads a file.
public enum BatchPipe {
    public static func run(_ source: @escaping BatchSource, into consume: ([Project]) async throws -> Void) async throws {
        let (batches, continuation) = AsyncThrowingStream<[Project], any Error>.makeStream()
        let room = DispatchSemaphore(value: 1)
        let stopped = Flag()
        let thread = Thread {
            do {
                try source { batch in
                    room.wait()
                    if stopped.isSet { throw CancellationError() }
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
            stopped.set()
            room.signal()
            throw error
        }
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
