import Foundation
import GeoJSON
import Hummingbird
import HTTPTypes
import Logging
import Participation
import Store

/// Who a request speaks for: its bearer token, matched against the configured ones.
public enum Role: String, Sendable {
    case editor, reader, anonymous
}

public struct AccessTokens: Sendable {
    public var editor: String?
    public var reader: String?

    public init(editor: String?, reader: String?) {
        (self.editor, self.reader) = (editor?.isEmpty == true ? nil : editor, reader?.isEmpty == true ? nil : reader)
    }

    /// The role of a request; a token that matches none is anonymous (the public view).
    func role(_ request: Request) -> Role {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return .anonymous }
        let token = String(header.dropFirst("Bearer ".count))
        if let editor, Self.same(token, editor) { return .editor }
        if let reader, Self.same(token, reader) { return .reader }
        return .anonymous
    }

    /// Compares in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension FeaturesService {
    /// Writes need the editor token: none configured turns them off (405); none sent is 401;
    /// another token is 403.
    func editor(_ request: Request) throws(Problem) {
        guard tokens.editor != nil else { throw Problem(.methodNotAllowed, "writes are off: the service has no editor token (PARTMAP_EDITOR_TOKEN)") }
        switch tokens.role(request) {
        case .editor: return
        case .reader: throw Problem(.forbidden, "the token may read internal projects, not write")
        case .anonymous:
            if request.headers[.authorization] == nil {
                var problem = Problem(.unauthorized, "writes need the editor token, sent as Authorization: Bearer …")
                problem.headers[.wwwAuthenticate] = "Bearer"
                throw problem
            }
            throw Problem(.forbidden, "the token sent is not the editor token")
        }
    }

    /// The body as a checked project, or a 400 listing every problem at its JSON pointer.
    func project(from request: Request, path id: String?) async throws -> Project {
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maxBodyBytes) } catch {
            throw Problem(.contentTooLarge, "the body is over \(maxBodyBytes) bytes")
        }
        let (project, problems) = ProjectFile.read(feature: Array(buffer: body), source: "body", places: atlas)
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

    /// A version tag of the stored record: it changes with every change to it.
    static func etag(_ project: Project) -> String {
        ClusterCache.etag(Array((GeoJSONWriter().write(project.feature(includeDerived: true, includeExtra: true)) + (project.updated ?? "")).utf8))
    }

    func create(_ request: Request) async throws -> Response {
        try editor(request)
        _ = try Self.format(request, allowed: [])
        let project = try await project(from: request, path: nil)
        guard try await store.get(ids: [project.id]).isEmpty else {
            throw Problem(.conflict, "a project with id \"\(project.id)\" exists: replace it with PUT")
        }
        _ = try await store.upsert([project], date: Self.today(), dryRun: false)
        return try await written(request, id: project.id, action: "create", status: .created)
    }

    func replace(_ request: Request, id: String) async throws -> Response {
        try editor(request)
        _ = try Self.format(request, allowed: [])
        guard let current = try await store.get(ids: [id]).first else { throw Problem(.notFound, "no project has id \"\(id)\"") }
        guard let match = request.headers[.ifMatch] else {
            throw Problem(.preconditionRequired, "a replace needs If-Match with the project's ETag")
        }
        guard match == Self.etag(current) || match == "*" else {
            throw Problem(.preconditionFailed, "If-Match \(match) is not the project's current ETag: it changed since it was read")
        }
        let project = try await project(from: request, path: id)
        _ = try await store.upsert([project], date: Self.today(), dryRun: false)
        return try await written(request, id: id, action: "replace", status: .ok)
    }

    func remove(_ request: Request, id: String) async throws -> Response {
        try editor(request)
        _ = try Self.format(request, allowed: [])
        if let match = request.headers[.ifMatch], let current = try await store.get(ids: [id]).first, match != Self.etag(current), match != "*" {
            throw Problem(.preconditionFailed, "If-Match \(match) is not the project's current ETag")
        }
        guard try await store.delete(ids: [id]) == [id] else { throw Problem(.notFound, "no project has id \"\(id)\"") }
        await clusters.invalidate()
        audit(request, action: "delete", id: id)
        return Response(status: .noContent)
    }

    /// After a write: clusters, summaries and tiles start again from the store, the write is
    /// logged, and the stored project is the answer.
    private func written(_ request: Request, id: String, action: String, status: HTTPResponse.Status) async throws -> Response {
        await clusters.invalidate()
        audit(request, action: action, id: id)
        guard let stored = try await store.get(ids: [id]).first else { throw Problem(.internalServerError, "project \(id) was written but is not there") }
        var headers = HTTPFields()
        headers[.eTag] = Self.etag(stored)
        headers[.location] = Self.base(request) + "/collections/projects/items/" + Self.pathComponent(id)
        var response = respond(GeoJSONWriter().write(stored.feature(includeDerived: true, includeExtra: true)), type: "application/geo+json", headers: headers)
        response.status = status
        return response
    }

    private func audit(_ request: Request, action: String, id: String) {
        logger.notice("audit", metadata: [
            "role": "\(tokens.role(request).rawValue)", "action": "\(action)", "id": "\(id)",
            "at": "\(ISO8601DateFormatter().string(from: Date()))",
        ])
    }

    static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }
}
