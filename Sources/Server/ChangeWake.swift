import Store

/// Wakes the views when the store tells of a write made anywhere (`ProjectStore.changeNotifications()`,
/// PostgreSQL's LISTEN/NOTIFY), so that another instance's write is followed before the next
/// request comes instead of by it. The loop lives as long as this object: the service holds it,
/// and it is cancelled when the service is let go after its shutdown.
final class ChangeWake: Sendable {
    /// The loop that listens; nil where the store cannot be heard.
    let loop: Task<Void, Never>?

    /// Listens to `store` and wakes `views` at every version heard, until this object goes.
    init(store: any ProjectStore, views: ViewCache) {
        guard let notifications = store.changeNotifications() else {
            loop = nil
            return
        }
        loop = Task.detached(priority: .utility) {
            for await _ in notifications {
                await views.wake()
            }
        }
    }

    deinit { loop?.cancel() }
}
