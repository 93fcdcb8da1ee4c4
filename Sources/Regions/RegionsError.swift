/// Why the reference data in Data/ could not be loaded. Each case names the file.
public enum RegionsError: Error, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case malformed(file: String, line: Int, reason: String)
    case boundaries(file: String, reason: String)

    /// One line naming the file (and line), and why it cannot be used.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read the file: \(reason)"
        case .malformed(let file, let line, let reason): "\(file): line \(line): \(reason)"
        case .boundaries(let file, let reason): "\(file): \(reason)"
        }
    }
}
