import Foundation
import GeoJSON
import Hummingbird

/// An RFC 9457 problem: the status, a title, and a detail that names the parameter or pointer.
/// Thrown anywhere in a route, Hummingbird answers it as `application/problem+json`.
public struct Problem: HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What was wrong, naming the parameter or JSON pointer.
    public var detail: String
    /// Headers the answer carries (`Allow` for a 405).
    public var headers = HTTPFields()
    /// For an invalid body: each problem at its JSON pointer.
    public var errors: [(pointer: String, detail: String)] = []

    /// A problem with this status and detail.
    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    static func badParameter(_ name: String, expected: String, found: String) -> Problem {
        Problem(.badRequest, "query parameter \(name): expected \(expected), found \"\(found)\"")
    }

    /// The problem as its `application/problem+json` answer (Hummingbird's `HTTPResponseError`).
    public func response(from request: Request, context: some RequestContext) throws -> Response { response }

    var response: Response {
        var members: [(key: String, value: JSONValue)] = [
            ("type", .string("about:blank")), ("title", .string(status.reasonPhrase)),
            ("status", .number(Double(status.code))), ("detail", .string(detail)),
        ]
        if !errors.isEmpty {
            members.append(("errors", .array(errors.map { .object(JSONObject([("pointer", .string($0.pointer)), ("detail", .string($0.detail))])) })))
        }
        let body = GeoJSONWriter().write(.object(JSONObject(members)))
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Answers in a type, with a body of text.
func respond(_ text: String, type: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = HTTPFields()) -> Response {
    var fields = headers
    fields[.contentType] = type
    return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
}

func respond(_ bytes: [UInt8], type: String, headers: HTTPFields = HTTPFields()) -> Response {
    respond(ByteBuffer(bytes: bytes), type: type, headers: headers)
}

/// A 200 answer sent from `buffer` as it is (a kept answer is shared, not copied).
func respond(_ buffer: ByteBuffer, type: String, headers: HTTPFields = HTTPFields()) -> Response {
    var fields = headers
    fields[.contentType] = type
    return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: buffer))
}
