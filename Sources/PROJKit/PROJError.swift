/// A failure of PROJ, naming what it was asked for and PROJ's own message.
public enum PROJError: Error, Sendable, CustomStringConvertible, Equatable {
    case unknownCRS(String, reason: String)
    case missingDatabase(searchPaths: [String], reason: String)
    case transformFailed(index: Int, reason: String)
    case context(String)

    /// One line naming what failed, with PROJ's own reason.
    public var description: String {
        switch self {
        case .unknownCRS(let crs, let reason): "unknown CRS \"\(crs)\": \(reason)"
        case .missingDatabase(let paths, let reason): "no proj.db found in \(paths.joined(separator: ", ")): \(reason)"
        case .transformFailed(let index, let reason): "point \(index) cannot be transformed: \(reason)"
        case .context(let reason): "PROJ: \(reason)"
        }
    }
}
