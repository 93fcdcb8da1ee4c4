import Foundation

/// Hands batches from one producing thread to one consuming thread in order, holding at most
/// `capacity` at once, so that the producer runs ahead of the consumer but not without bound.
/// Both sides only compute over memory the read already holds: every wait ends when the other
/// side takes or puts its next batch, or finishes.
final class BatchPipe<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var closed = false
    private var finished = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The producer's side: waits for room; false once the consumer has closed the pipe.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Whether the consumer has closed the pipe: the producer stops at its next batch.
    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    /// The producer's last call: nothing more comes.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer's side: the next batch in order, or nil when the producer finished.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The consumer's last call: drops what is left and returns once the producer has finished,
    /// so that nothing touches the read's memory after it returns.
    func close() {
        condition.lock()
        closed = true
        items.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
