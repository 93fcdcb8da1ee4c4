import NIOCore

/// Encoded answers of one store version, by what they answer, within a budget of bytes. Each is
/// kept as the buffer responses are sent from (a buffer is shared, never copied, by the answers
/// made from it). When one more would pass the budget, the least recently used go first.
struct AnswerCache<Key: Hashable> {
    /// Bytes kept at most, counting each answer's bytes and `overhead`.
    let budgetBytes: Int
    /// What one kept answer costs beyond its bytes (its key and the table's slot), about.
    static var overhead: Int { 256 }

    private var kept: [Key: (answer: ByteBuffer, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    /// Bytes kept now.
    private(set) var bytes = 0

    init(budgetBytes: Int) {
        self.budgetBytes = budgetBytes
    }

    /// The answer kept for `key`, marked as used now.
    mutating func answer(_ key: Key) -> ByteBuffer? {
        guard let entry = kept[key] else { return nil }
        clock += 1
        kept[key]?.used = clock
        return entry.answer
    }

    /// Keeps `answer` for `key`, letting the least recently used ones go as the budget needs;
    /// one answer larger than the whole budget is not kept.
    mutating func keep(_ answer: ByteBuffer, for key: Key) {
        let size = answer.readableBytes + Self.overhead
        guard size <= budgetBytes else { return }
        if let old = kept.removeValue(forKey: key) { bytes -= old.answer.readableBytes + Self.overhead }
        if bytes + size > budgetBytes {
            // Oldest first, until the new one fits: one sort per eviction round, not per answer.
            for (key, entry) in kept.sorted(by: { $0.value.used < $1.value.used }) where bytes + size > budgetBytes {
                kept[key] = nil
                bytes -= entry.answer.readableBytes + Self.overhead
            }
        }
        clock += 1
        kept[key] = (answer, clock)
        bytes += size
    }

    /// Forgets every answer.
    mutating func removeAll() {
        kept.removeAll()
        bytes = 0
    }

    /// Answers kept now.
    var count: Int { kept.count }
}
