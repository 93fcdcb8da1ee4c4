import Synchronization

/// A part of the atlas, made already (read without a lock) or made on first use, once, by
/// whichever thread asks first while the others wait. A failure is kept: `load()` throws it at
/// every use, so that no answer is ever made from a part that could not be read.
final class LazyPart<Value: Sendable>: Sendable {
    private let ready: Value?
    private let make: @Sendable () throws -> Value
    private let made = Mutex<Result<Value, any Error>?>(nil)

    /// A part made already.
    init(ready: Value) {
        self.ready = ready
        make = { ready }
    }

    /// A part made by `make` on first use.
    init(_ make: @escaping @Sendable () throws -> Value) {
        ready = nil
        self.make = make
    }

    private func result() -> Result<Value, any Error> {
        if let ready { return .success(ready) }
        return made.withLock { made in
            if let made { return made }
            let result = Result { try make() }
            made = result
            return result
        }
    }

    /// The part, made now if it was not yet.
    /// - Throws: what making it threw (now or at the first try).
    func load() throws -> Value {
        try result().get()
    }
}
