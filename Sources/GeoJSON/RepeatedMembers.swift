/// The member names of one object as it is read, to notice a name used twice. Small objects are
/// searched in place; from `setThreshold` members on, a set keeps the search linear overall, so
/// that an object of 100,000 members costs no more than its size.
struct MemberNames {
    static let setThreshold = 16
    private var set: Set<String>?

    /// Whether `key` is new among `members` (the object's members read so far, in order).
    mutating func insert(_ key: String, among members: [(key: String, value: JSONValue)]) -> Bool {
        if set == nil {
            guard members.count >= Self.setThreshold else { return !members.contains { $0.key == key } }
            set = Set(members.map(\.key))
        }
        return set!.insert(key).inserted
    }
}

/// A member whose name its object already used: where it is, and the message that says so.
public struct RepeatedMember: Sendable, Hashable {
    /// RFC 6901 pointer of the repeated member (its parent's pointer and its name).
    public var pointer: String
    /// `member "NAME" appears twice`, the name quoted with control characters escaped.
    public var message: String
}

extension JSONValue {
    /// Every member that repeats a name its object already used, in document order, each at its
    /// own pointer below `pointer`. Names compare as `JSONObject` lookups compare them.
    public func repeatedMembers(at pointer: String) -> [RepeatedMember] {
        var found: [RepeatedMember] = []
        func walk(_ value: JSONValue, _ pointer: String) {
            switch value {
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, JSONPointer.appending(pointer, index)) }
            case .object(let object):
                var names = MemberNames()
                var seen: [(key: String, value: JSONValue)] = []
                for member in object {
                    let inner = JSONPointer.appending(pointer, member.key)
                    if !names.insert(member.key, among: seen) {
                        found.append(RepeatedMember(pointer: inner, message: "member \(Problem.quote(member.key)) appears twice"))
                    }
                    seen.append(member)
                    walk(member.value, inner)
                }
            default:
                break
            }
        }
        walk(self, pointer)
        return found
    }
}
