import Foundation
import PostgresNIO

extension PostGISStore {
    /// The change version each time a write commits, from any process on this database: a
    /// connection of its own LISTENs on the channel every write NOTIFYs. The first element is the
    /// version read once the connection listens, so a caller that has it misses no later write.
    /// A lost connection is made again (a second later), and the version read again then.
    /// Notifications only wake a cache early: `changeVersion()` on each request stays the guarantee.
    /// The stream ends when its consumer stops iterating or the store closes.
    public func changeNotifications() -> AsyncStream<Int64>? {
        let (stream, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let task = Task { [connectionConfiguration, logger] in
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 2, logger: logger)
                    do {
                        try await connection.listen(on: Self.changeChannel) { notifications in
                            let now = try await connection.query("SELECT version FROM partmap_change WHERE id = 1", logger: logger)
                                .collect().first?.decode(Int64.self)
                            if let now { continuation.yield(now) }
                            for try await notification in notifications {
                                if let version = Int64(notification.payload) { continuation.yield(version) }
                            }
                        }
                    } catch {}
                    try? await connection.close()
                } catch {}
                try? await Task.sleep(for: .seconds(1))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        listeners.add(task)
        return stream
    }
}

/// The tasks that listen for changes, cancelled when the store closes.
final class Listeners: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []

    func add(_ task: Task<Void, Never>) {
        lock.withLock { tasks.append(task) }
    }

    func cancelAll() {
        lock.withLock { tasks }.forEach { $0.cancel() }
    }
}
