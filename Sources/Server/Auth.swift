import Hummingbird

/// Who a request speaks for: its bearer token, matched against the configured ones.
public enum Role: String, Sendable {
    case editor, reader, anonymous
}

/// The tokens of `PARTMAP_EDITOR_TOKEN` (writes, and reads of internal data) and
/// `PARTMAP_READER_TOKEN` (reads of internal data); an empty one counts as none.
public struct AccessTokens: Sendable {
    /// The editor's token; nil when writes are off.
    public var editor: String?
    /// The reader's token; nil for none.
    public var reader: String?

    /// Tokens from their values; an empty one is none.
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

    /// Writes need the editor token: none configured turns them off (405); none sent is 401;
    /// another token is 403.
    /// - Throws: `Problem` with that status.
    func requireEditor(_ request: Request) throws(Problem) {
        guard editor != nil else { throw Problem(.methodNotAllowed, "writes are off: the service has no editor token (PARTMAP_EDITOR_TOKEN)") }
        switch role(request) {
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

    /// Compares in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
