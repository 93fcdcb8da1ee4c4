import Dispatch

/// `transform` applied to each of `0 ..< count` on every core (Dispatch's `concurrentPerform`),
/// the answers in index order, so that whatever is made from them does not depend on how the
/// work was scheduled.
/// - Throws: the error of the lowest index whose transform threw, whichever threw first in time.
public func inParallel<T: Sendable, E: Error>(_ count: Int, _ transform: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
    guard count > 1 else {
        var answers: [T] = []
        for index in 0 ..< count { answers.append(try transform(index)) }
        return answers
    }
    let slots = Slots<T, E>(buffer: .allocate(capacity: count))
    slots.buffer.initialize(repeating: nil)
    defer {
        _ = slots.buffer.deinitialize()
        slots.buffer.deallocate()
    }
    DispatchQueue.concurrentPerform(iterations: count) { index in
        do throws(E) { slots.buffer[index] = .success(try transform(index)) } catch { slots.buffer[index] = .failure(error) }
    }
    var answers: [T] = []
    answers.reserveCapacity(count)
    for slot in slots.buffer { answers.append(try slot!.get()) }
    return answers
}

/// The answers' places: each iteration writes its own slot and no other, and they are read only
/// once every iteration has returned.
private struct Slots<T, E: Error>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result<T, E>?>
}
