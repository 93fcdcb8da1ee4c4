import Crypto
import Foundation
import GeoJSON
import Participation

/// Entity tags (RFC 9110 §8.8.3). An anonymous answer's tag is a digest of the very bytes it
/// sends, so it is a function of the public view alone (a tag of the stored record would let a
/// search over candidate positions recover a hidden one). Readers and editors get a tag of the
/// stored record, keyed with a secret derived from the configured tokens, so that services
/// sharing a store and tokens agree on it and nobody without a token can test guesses against it.
enum ETag {
    /// A strong tag of the bytes: the first 128 bits of their SHA-256, in hex.
    static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        "\"" + SHA256.hash(data: Array(bytes)).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    static func of(_ text: String) -> String { of(text.utf8) }

    /// The secret of keyed tags: changes when the tokens do.
    static func key(_ tokens: AccessTokens) -> SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Array(("partmap etag\0" + (tokens.editor ?? "") + "\0" + (tokens.reader ?? "")).utf8)))
    }

    /// The keyed tag of a stored project: changes with every change to it (extra properties and
    /// `updated` included), and is what `If-Match` is compared with.
    static func stored(_ project: Project, key: SymmetricKey) -> String {
        let text = GeoJSONWriter().write(project.feature(includeDerived: true, includeExtra: true)) + "\n" + (project.updated ?? "")
        let mac = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)
        return "\"k" + mac.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
