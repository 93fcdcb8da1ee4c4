internal import CPROJ
import Dispatch
import Foundation
import Synchronization

/// Lets the workers of one batch write disjoint ranges of the caller's arrays.
private struct Buffers: @unchecked Sendable {
    let x: UnsafeMutableBufferPointer<Double>
    let y: UnsafeMutableBufferPointer<Double>
}

extension PROJError {
    var failedIndex: Int? {
        if case .transformFailed(let index, _) = self { index } else { nil }
    }
}

/// Transforms coordinates from one CRS to another, always in x/y = longitude/latitude
/// (easting/northing) order, whatever axis order the CRS itself declares.
///
/// A transformer is a recipe (the CRS pair) plus a small pool of PROJ contexts, each with its
/// own PJ made once: a batch borrows one context for one `proj_trans_generic` call, so no
/// context is ever used by two threads at once and none is made per call.
public final class Transformer: Sendable {
    /// The CRS the coordinates are in.
    public let source: CRS
    /// The CRS they are transformed to.
    public let target: CRS
    private let searchPaths: [String]?
    private let idle: Mutex<[Projection]>

    /// - Parameter searchPaths: where to look for proj.db; nil for PROJ's default.
    public init(from source: CRS, to target: CRS, searchPaths: [String]? = nil) throws(PROJError) {
        self.source = source
        self.target = target
        self.searchPaths = searchPaths
        // Made at once so that an unknown CRS or a missing database is reported here.
        let first = try Projection(source: source, target: target, searchPaths: searchPaths)
        idle = Mutex([first])
    }

    /// A transformer between two CRSs named as `CRS(_:)` reads them (`EPSG:N`, `OGC:CRS84`, an OGC URI).
    /// - Throws: `PROJError.unknownCRS` for a name not of those forms, or PROJ's error for a CRS it does not know.
    public convenience init(from source: String, to target: String) throws(PROJError) {
        guard let sourceCRS = CRS(source) else { throw .unknownCRS(source, reason: "expected EPSG:N, OGC:CRS84 or an OGC CRS URI") }
        guard let targetCRS = CRS(target) else { throw .unknownCRS(target, reason: "expected EPSG:N, OGC:CRS84 or an OGC CRS URI") }
        try self.init(from: sourceCRS, to: targetCRS)
    }

    /// Below this many points a batch runs on one thread; above, it is split across the cores.
    static let parallelThreshold = 65_536

    /// Transforms the points (x[i], y[i]) in place: one PROJ call per core, each on a context of
    /// its own. Throws, naming the first point that cannot be transformed, after the whole batch ran.
    public func transform(x: inout [Double], y: inout [Double]) throws(PROJError) {
        precondition(x.count == y.count, "one x per y")
        let count = x.count
        let chunks = count < Self.parallelThreshold ? 1 : ProcessInfo.processInfo.activeProcessorCount
        let chunkSize = (count + chunks - 1) / max(chunks, 1)
        let failures = Mutex<[PROJError]>([])
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                let buffers = Buffers(x: xs, y: ys)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let range = chunk * chunkSize ..< min(count, (chunk + 1) * chunkSize)
                    guard !range.isEmpty else { return }
                    do throws(PROJError) {
                        let projection = try borrow()
                        defer { idle.withLock { $0.append(projection) } }
                        try projection.transform(
                            x: UnsafeMutableBufferPointer(rebasing: buffers.x[range]),
                            y: UnsafeMutableBufferPointer(rebasing: buffers.y[range]))
                    } catch {
                        // Point indices are chunk-relative: make them the batch's.
                        let batchError: PROJError = if case .transformFailed(let index, let reason) = error {
                            .transformFailed(index: index + range.lowerBound, reason: reason)
                        } else { error }
                        failures.withLock { $0.append(batchError) }
                    }
                }
            }
        }
        if let first = failures.withLock({ $0.min { ($0.failedIndex ?? -1) < ($1.failedIndex ?? -1) } }) { throw first }
    }

    /// One point: (x, y) in the source CRS to the target's.
    public func transform(x: Double, y: Double) throws(PROJError) -> (x: Double, y: Double) {
        var xs = [x], ys = [y]
        try transform(x: &xs, y: &ys)
        return (xs[0], ys[0])
    }

    private func borrow() throws(PROJError) -> Projection {
        if let projection = idle.withLock({ $0.popLast() }) { return projection }
        return try Projection(source: source, target: target, searchPaths: searchPaths)
    }
}

/// Whether a CRS's own first axis is latitude (EPSG:4326) rather than longitude (CRS84).
public func isLatitudeFirst(_ crs: CRS) throws(PROJError) -> Bool {
    let context = try PROJContext(searchPaths: nil)
    return try context.isLatitudeFirst(crs)
}
