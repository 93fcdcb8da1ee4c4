import Foundation

/// Reading with a direct decoder: each feature of a collection is first offered to a decoder that
/// reads its bytes straight into the caller's type, with no value tree; what it declines takes the
/// general path (value tree, `FeatureReader`, `map`), which reports every problem in its place.
extension GeoJSONReader {
    /// Reads the feature at the parser's cursor (its '{') into its string id and a `T`, leaving the
    /// cursor just after the feature; nil declines it. It must accept only features that the
    /// general path would read with no problem at all and `map` would turn into the same value with
    /// no problem, so that the two paths differ in speed only. `index` is the feature's place in
    /// the `features` array. Called on any thread.
    public typealias DirectDecoder<T> = @Sendable (_ parser: inout JSONParser, _ index: Int) -> (id: String, value: T)?

    /// `readFile(_:map:deliver:)`, offering each feature of a collection to `direct` first.
    public func readFile<T: Sendable>(
        _ path: String, direct: DirectDecoder<T>?,
        map: @escaping @Sendable (Int, Feature) -> (T?, [Problem]), deliver: (Int, T, inout [Problem]) -> Void
    ) -> [Problem] {
        // Mapped, not copied: a large file's pages can be dropped again once read.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            return [Problem(file: file, location: .file, message: Self.unreadableMessage(path))]
        }
        return data.withUnsafeBytes { read($0, direct: direct, map: map, deliver: deliver) }
    }

    /// The deepest a feature the direct path accepts nests, as the general path counts depth
    /// (the collection 1, `features` 2, the feature 3, its geometry or properties 4, a list in them 5):
    /// with a lower `maxDepth` the general path reports such a feature, so it is not offered.
    static let directDepth = 5

    /// What `direct` makes of the element at `start`, and the offset of the ',' or ']' after it;
    /// nil when it declines or something else follows the feature.
    static func directElement<T>(
        _ direct: DirectDecoder<T>, _ bytes: UnsafeRawBufferPointer, from start: Int, index: Int, maxDepth: Int
    ) -> (id: String, value: T, end: Int)? {
        guard maxDepth >= directDepth else { return nil }
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.offset = start
        guard let decoded = direct(&parser, index),
              let next = parser.peek(), next == UInt8(ascii: ",") || next == UInt8(ascii: "]")
        else { return nil }
        return (decoded.id, decoded.value, parser.offset)
    }

    /// The checked result of a feature the direct decoder read: no problems, a valid feature.
    static func directResult(index: Int, id: String) -> FeatureReader.Result {
        FeatureReader.Result(pointer: "/features/" + String(index), id: .string(id), feature: Feature(), problems: [])
    }
}
