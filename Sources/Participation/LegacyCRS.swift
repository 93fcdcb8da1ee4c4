import Foundation
import GeoJSON
import PROJKit
import Synchronization

/// A GeoJSON file's legacy `crs` member (see `LegacyCRSMember`), made into a reprojection to
/// CRS84 through PROJ. As GDAL's GeoJSON driver does, positions are read in the traditional GIS
/// order, easting then northing (longitude then latitude), whatever axis order the CRS declares:
/// `EPSG:4326` and `urn:ogc:def:crs:EPSG::4326` are read as longitude, latitude, like CRS84.
struct LegacyCRS: Sendable {
    let crs: CRS
    /// nil where the positions are already longitude and latitude (CRS84, EPSG:4326).
    let transformer: Transformer?

    /// The reprojection a file's `crs` member asks for; nil without one, or when the file cannot
    /// be read (the read that follows says so).
    static func of(path: String) -> Result<LegacyCRS, Problem>? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { of($0, file: path) }
    }

    /// The reprojection a file asks for: nil without a `crs` member; a problem at `/crs/...`
    /// when the member is not a named CRS, or names one PROJ does not know.
    static func of(_ bytes: UnsafeRawBufferPointer, file: String) -> Result<LegacyCRS, Problem>? {
        switch LegacyCRSMember.name(in: bytes, file: file) {
        case nil: return nil
        case .failure(let problem)?: return .failure(problem)
        case .success(let name)?:
            let at = { (message: String) in
                Result<LegacyCRS, Problem>.failure(Problem(file: file, location: .pointer("/crs/properties/name"), message: message))
            }
            guard let crs = CRS(name) else {
                return at("expected a CRS PROJ knows (EPSG:N, urn:ogc:def:crs:EPSG::N or CRS84), found \(Problem.quote(name))")
            }
            if crs.isCRS84 || crs == .wgs84 { return .success(LegacyCRS(crs: crs, transformer: nil)) }
            do {
                return .success(LegacyCRS(crs: crs, transformer: try transformer(from: crs)))
            } catch {
                return at("expected a CRS PROJ knows, found \(Problem.quote(name)) (\(error))")
            }
        }
    }

    /// The most transformers kept: a request body names its CRS, so the cache must not grow with them.
    static let keptTransformers = 16

    /// Transformers to CRS84 already made, oldest first: making one reads PROJ's database, and
    /// each may be used by several threads at once (it lends each batch a PROJ context of its own).
    private static let transformers = Mutex<[(crs: CRS, transformer: Transformer)]>([])

    /// The transformer from `crs` to CRS84, made once and kept (the oldest of `keptTransformers` dropped).
    /// - Throws: `PROJError` when PROJ does not know the CRS (not kept: it is asked again next time).
    static func transformer(from crs: CRS) throws(PROJError) -> Transformer {
        if let kept = transformers.withLock({ $0.first { $0.crs == crs }?.transformer }) { return kept }
        let made = try Transformer(from: crs, to: .crs84)
        return transformers.withLock { kept in
            if let other = kept.first(where: { $0.crs == crs }) { return other.transformer }
            if kept.count == keptTransformers { kept.removeFirst() }
            kept.append((crs, made))
            return made
        }
    }

    /// The feature with its Point in CRS84, or a problem at its coordinates when PROJ cannot
    /// bring it there or it lands outside longitude -180..180, latitude -90..90. Other geometries
    /// are left for the record's rules to refuse.
    func toCRS84(_ feature: Feature, pointer: String, file: String) -> (Feature?, [Problem]) {
        guard let transformer, case .point(let point)? = feature.geometry else { return (feature, []) }
        let at = pointer + "/geometry/coordinates"
        let problem = { (message: String) in
            (Feature?.none, [Problem(file: file, location: .pointer(at), message: message)])
        }
        let moved: (x: Double, y: Double)
        do {
            moved = try transformer.transform(x: point.longitude, y: point.latitude)
        } catch {
            return problem("expected a position PROJ can bring from \(crs) to CRS84, found [\(JSONNumber.format(point.longitude)), \(JSONNumber.format(point.latitude))] (\(error))")
        }
        guard moved.x.isFinite, moved.y.isFinite, (-180 ... 180).contains(moved.x), (-90 ... 90).contains(moved.y) else {
            return problem("expected a position of \(crs) inside longitude -180..180 and latitude -90..90, found [\(JSONNumber.format(point.longitude)), \(JSONNumber.format(point.latitude))], which lands at [\(JSONNumber.format(moved.x)), \(JSONNumber.format(moved.y))]")
        }
        var result = feature
        result.geometry = .point(Position(longitude: moved.x, latitude: moved.y, altitude: point.altitude))
        return (result, [])
    }
}
