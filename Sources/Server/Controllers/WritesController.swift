import Foundation
import GeoJSON
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Participation
import Store

/// Writes with the editor token: create (POST), replace with If-Match (PUT), delete. Each is
/// checked as an import checks its input, atomic in the store (the compare and the write in one
/// transaction), and logged. Caches follow through the store's change version.
struct WritesController {
    let service: ServiceState

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .post("/collections/projects/items", use: create)
            .put("/collections/projects/items/:id", use: replace)
            .delete("/collections/projects/items/:id", use: remove)
    }

    @Sendable func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try service.config.tokens.requireEditor(request)
        try service.query(request).allowOnly([])
        let body = try await self.body(of: request)
        return try await service.answer {
            let project = try project(from: body, path: nil)
            do {
                try await service.store.create(project, date: UpdatedDate.today())
            } catch WriteConflict.exists {
                throw Problem(.conflict, "a project with id \"\(project.id)\" exists: replace it with PUT")
            }
            return try await written(request, id: project.id, action: "create", status: .created)
        }
    }

    @Sendable func replace(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try service.config.tokens.requireEditor(request)
        try service.query(request).allowOnly([])
        let id = try Self.id(context)
        guard let match = request.headers[.ifMatch] else {
            throw Problem(.preconditionRequired, "a replace needs If-Match with the project's ETag")
        }
        let body = try await self.body(of: request)
        return try await service.answer {
            let project = try project(from: body, path: id)
            let key = service.etagKey
            do {
                try await service.store.replace(project, date: UpdatedDate.today()) { match == "*" || match == ETag.stored($0, key: key) }
            } catch WriteConflict.missing {
                throw Problem(.notFound, "no project has id \"\(id)\"")
            } catch WriteConflict.preconditionFailed {
                throw Problem(.preconditionFailed, "If-Match \(match) is not the project's current ETag: it changed since it was read")
            }
            return try await written(request, id: id, action: "replace", status: .ok)
        }
    }

    @Sendable func remove(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try service.config.tokens.requireEditor(request)
        try service.query(request).allowOnly([])
        let id = try Self.id(context)
        let match = request.headers[.ifMatch]
        return try await service.answer {
            let key = service.etagKey
            do {
                try await service.store.delete(id: id) { current in match.map { $0 == "*" || $0 == ETag.stored(current, key: key) } ?? true }
            } catch WriteConflict.missing {
                throw Problem(.notFound, "no project has id \"\(id)\"")
            } catch WriteConflict.preconditionFailed {
                throw Problem(.preconditionFailed, "If-Match \(match ?? "") is not the project's current ETag")
            }
            audit(request, action: "delete", id: id)
            return Response(status: .noContent)
        }
    }

    /// The id of the path, percent-decoded.
    static func id(_ context: BasicRequestContext) throws(Problem) -> String {
        let raw = context.parameters.get("id") ?? ""
        guard let id = raw.removingPercentEncoding else { throw Problem(.notFound, "no project has id \"\(raw)\"") }
        return id
    }

    /// The whole body, read before the handler's deadline starts, so that nothing reads the body
    /// after an answer has gone (a short body waits for the connection's idle timeout).
    /// - Throws: `Problem` 413 over the limit, 400 for a body that ends early.
    func body(of request: Request) async throws -> [UInt8] {
        do {
            return Array(buffer: try await request.body.collect(upTo: service.config.maxBodyBytes))
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "the body is over \(service.config.maxBodyBytes) bytes")
        } catch {
            throw Problem(.badRequest, "the body could not be read whole: \(error)")
        }
    }

    /// The body as a checked project, or a 400 listing every problem at its JSON pointer.
    func project(from body: [UInt8], path id: String?) throws(Problem) -> Project {
        let (project, problems) = ProjectFile.read(feature: body, source: "body", places: service.atlas)
        let errors = problems.filter { !$0.isWarning }
        guard var project, errors.isEmpty else {
            var problem = Problem(.badRequest, errors.map { "\(Self.where($0.location)): \($0.message)" }.joined(separator: "; "))
            problem.errors = errors.map { (pointer: Self.where($0.location), detail: $0.message) }
            throw problem
        }
        if let id, project.id != id {
            throw Problem(.badRequest, "/id: expected \"\(id)\", the id in the path, found \"\(project.id)\"")
        }
        project.updated = nil
        return project
    }

    static func `where`(_ location: ProblemLocation) -> String {
        switch location {
        case .pointer(let pointer): pointer
        case .row(let row, let column): "row \(row), \(column)"
        case .line(let line, let column): "line \(line), column \(column)"
        case .file: ""
        }
    }

    /// After a write: the write is logged, and the stored project is the answer.
    private func written(_ request: Request, id: String, action: String, status: HTTPResponse.Status) async throws -> Response {
        audit(request, action: action, id: id)
        guard let stored = try await service.store.get(ids: [id]).first else { throw Problem(.internalServerError, "project \(id) was written but is not there") }
        var headers = HTTPFields()
        headers[.eTag] = ETag.stored(stored, key: service.etagKey)
        headers[.location] = service.base + "/collections/projects/items/" + Link.segment(id)
        return respond(GeoJSONWriter().write(stored.feature(includeDerived: true, includeExtra: true)), type: "application/geo+json",
                       status: status, headers: headers)
    }

    private func audit(_ request: Request, action: String, id: String) {
        service.logger.notice("audit", metadata: [
            "role": "\(service.role(request).rawValue)", "action": "\(action)", "id": "\(id)",
            "at": "\(ISO8601DateFormatter().string(from: Date()))",
        ])
    }
}
