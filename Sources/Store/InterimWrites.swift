import Participation

// Interim: replaced by the stores' own atomic versions.
public enum WriteConflict: Error, Sendable, Equatable { case exists(String), missing(String), preconditionFailed(String) }

extension ProjectStore {
    public func changeVersion() async throws -> Int64 { 0 }
    public func create(_ project: Project, date: String) async throws {
        guard try await get(ids: [project.id]).isEmpty else { throw WriteConflict.exists(project.id) }
        _ = try await upsert([project], date: date, dryRun: false)
    }
    public func replace(_ project: Project, date: String, if precondition: @escaping @Sendable (Project) -> Bool) async throws {
        guard let current = try await get(ids: [project.id]).first else { throw WriteConflict.missing(project.id) }
        guard precondition(current) else { throw WriteConflict.preconditionFailed(project.id) }
        _ = try await upsert([project], date: date, dryRun: false)
    }
    public func delete(id: String, if precondition: @escaping @Sendable (Project) -> Bool) async throws {
        guard let current = try await get(ids: [id]).first else { throw WriteConflict.missing(id) }
        guard precondition(current) else { throw WriteConflict.preconditionFailed(id) }
        _ = try await delete(ids: [id])
    }
}
