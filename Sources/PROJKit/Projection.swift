internal import CPROJ
#if canImport(Glibc)
import Glibc
#endif

/// A PROJ context with its own error state (`proj_context_create`, destroyed in deinit).
final class PROJContext {
    let handle: OpaquePointer

    init(searchPaths: [String]?) throws(PROJError) {
        guard let handle = proj_context_create() else { throw .context("cannot make a context") }
        self.handle = handle
        // PROJ logs its errors to stderr ("proj_create: crs not found"); they reach the caller as
        // thrown errors instead, so that every problem stays one line.
        proj_log_func(handle, nil) { _, _, _ in }
        if let searchPaths {
            var cStrings = searchPaths.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            cStrings.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { paths in
                    proj_context_set_search_paths(handle, Int32(paths.count), paths.baseAddress)
                }
            }
        }
    }

    deinit {
        proj_context_destroy(handle)
    }

    /// PROJ's message for the context's last error.
    var lastError: String {
        let code = proj_context_errno(handle)
        guard let message = proj_context_errno_string(handle, code) else { return "error \(code)" }
        return String(cString: message)
    }

    /// Makes the CRS object, or says why not: an unknown code, or no database to look it up in.
    func crs(_ crs: CRS, searchPaths: [String]?) throws(PROJError) -> OpaquePointer {
        guard let pj = proj_create(handle, crs.name) else {
            let reason = lastError
            if proj_context_get_database_path(handle) == nil {
                throw .missingDatabase(searchPaths: searchPaths ?? ["PROJ's default paths"], reason: reason)
            }
            // PROJ gives no words for a code its database lacks (error 4096, "Unknown error").
            throw .unknownCRS(crs.name, reason: reason.hasPrefix("Unknown error") ? "not in PROJ's database" : reason)
        }
        return pj
    }

    func isLatitudeFirst(_ crs: CRS) throws(PROJError) -> Bool {
        let pj = try self.crs(crs, searchPaths: nil)
        defer { proj_destroy(pj) }
        // A compound or bound CRS keeps its axes on the horizontal part.
        guard let cs = proj_crs_get_coordinate_system(handle, pj) else { throw .context(lastError) }
        defer { proj_destroy(cs) }
        var direction: UnsafePointer<CChar>?
        guard proj_cs_get_axis_info(handle, cs, 0, nil, nil, &direction, nil, nil, nil, nil) == 1, let direction else {
            throw .context(lastError)
        }
        let first = String(cString: direction).lowercased()
        return first == "north" || first == "south"
    }
}

/// One context and the PJ made on it for a CRS pair, normalised to x/y = lon/lat order.
/// It moves between threads but is only ever held by one: the transformer's pool lends it
/// to one batch at a time, hence the unchecked Sendable.
final class Projection: @unchecked Sendable {
    let context: PROJContext
    let pj: OpaquePointer

    init(source: CRS, target: CRS, searchPaths: [String]?) throws(PROJError) {
        context = try PROJContext(searchPaths: searchPaths)
        let from = try context.crs(source, searchPaths: searchPaths)
        defer { proj_destroy(from) }
        let to = try context.crs(target, searchPaths: searchPaths)
        defer { proj_destroy(to) }
        guard let raw = proj_create_crs_to_crs_from_pj(context.handle, from, to, nil, nil) else {
            throw .unknownCRS("\(source) to \(target)", reason: context.lastError)
        }
        defer { proj_destroy(raw) }
        guard let normalised = proj_normalize_for_visualization(context.handle, raw) else {
            throw .context(context.lastError)
        }
        pj = normalised
    }

    deinit {
        proj_destroy(pj)
    }

    func transform(x: UnsafeMutableBufferPointer<Double>, y: UnsafeMutableBufferPointer<Double>) throws(PROJError) {
        guard x.count > 0 else { return }
        let stride = MemoryLayout<Double>.stride
        proj_errno_reset(pj)
        _ = proj_trans_generic(pj, PJ_FWD, x.baseAddress, stride, x.count, y.baseAddress, stride, y.count, nil, 0, 0, nil, 0, 0)
        // Failed points come back as HUGE_VAL (infinite).
        if let index = x.indices.first(where: { !x[$0].isFinite || !y[$0].isFinite }) {
            let code = proj_errno(pj)
            let reason = code == 0 ? "outside the area the transformation covers" : String(cString: proj_context_errno_string(context.handle, code))
            throw .transformFailed(index: index, reason: reason)
        }
    }
}
