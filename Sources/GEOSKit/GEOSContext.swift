internal import CGEOS
import Synchronization

/// A failure reported by GEOS, with GEOS's own message.
public struct GEOSError: Error, Sendable, CustomStringConvertible {
    /// GEOS's message, as its error handler gave it (or what partmap asked for when GEOS gave none).
    public var message: String
    /// The message.
    public var description: String { message }
}

/// One GEOS context on the reentrant `_r` API. Its error and notice handlers write into
/// `messages`, so that every failing call throws GEOS's own words.
///
/// A context is cheap to keep and costly to make: get one from `ContextPool` for a whole batch
/// rather than one per call. It may move between threads but is never used by two at once;
/// the pool guarantees that, which is why the class can be declared Sendable.
public final class GEOSContext: @unchecked Sendable {
    let handle: GEOSContextHandle_t
    private let messages: Messages

    /// Collects what GEOS says; reached from the C handlers through their user-data pointer.
    private final class Messages {
        var error: String?
        var notice: String?
    }

    /// Makes a context (`GEOS_init_r`) with its error and notice handlers.
    /// - Throws: `GEOSError` when GEOS cannot make one.
    public init() throws {
        guard let handle = GEOS_init_r() else { throw GEOSError(message: "GEOS could not make a context") }
        self.handle = handle
        messages = Messages()
        let box = Unmanaged.passUnretained(messages).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, { message, box in
            guard let message, let box else { return }
            Unmanaged<Messages>.fromOpaque(box).takeUnretainedValue().error = String(cString: message)
        }, box)
        GEOSContext_setNoticeMessageHandler_r(handle, { message, box in
            guard let message, let box else { return }
            Unmanaged<Messages>.fromOpaque(box).takeUnretainedValue().notice = String(cString: message)
        }, box)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The error GEOS reported for the call that just failed, cleared for the next one.
    func failure(_ operation: String) -> GEOSError {
        defer { messages.error = nil }
        return GEOSError(message: "\(operation): \(messages.error ?? "GEOS gave no reason")")
    }

    /// Takes ownership of a geometry GEOS returned, or throws its error.
    func own(_ pointer: OpaquePointer?, _ operation: String) throws -> GEOSGeometry {
        guard let pointer else { throw failure(operation) }
        return GEOSGeometry(handle: pointer, context: self)
    }
}

/// A small pool of contexts. `withContext` lends one to a whole batch and takes it back;
/// a context is never lent to two threads at once.
public final class ContextPool: Sendable {
    /// Shared by the whole process.
    public static let shared = ContextPool()

    private let idle = Mutex<[GEOSContext]>([])
    private let made = Atomic<Int>(0)

    /// An empty pool: contexts are made when first lent.
    public init() {}

    /// How many contexts this pool has made so far: as many as were ever used at once.
    public var contextsMade: Int { made.load(ordering: .relaxed) }

    /// Runs `body` with a context of the pool's (made when none is idle), and takes it back after.
    /// - Throws: `GEOSError` when a context cannot be made, or what `body` throws.
    public func withContext<T>(_ body: (GEOSContext) throws -> T) throws -> T {
        let context = try idle.withLock { $0.popLast() } ?? {
            made.add(1, ordering: .relaxed)
            return try GEOSContext()
        }()
        defer { idle.withLock { $0.append(context) } }
        return try body(context)
    }
}
