internal import CGEOS
import GeoJSON

/// GeoJSON in and out, and WKT in. Coordinates are copied in bulk, one buffer per ring or line.
/// Altitudes are dropped: every operation here is planar 2D.
extension GEOSContext {
    /// A GEOS geometry of a GeoJSON one, coordinates in the same units (altitudes dropped).
    /// - Throws: `GEOSError` with GEOS's message, e.g. for a ring that does not close.
    public func geometry(from geometry: Geometry) throws -> GEOSGeometry {
        switch geometry {
        case .point(let p):
            return try own(GEOSGeom_createPointFromXY_r(handle, p.longitude, p.latitude), "Point")
        case .lineString(let positions):
            return try own(GEOSGeom_createLineString_r(handle, try sequence(positions)), "LineString")
        case .polygon(let rings):
            return try polygon(rings)
        case .multiPoint(let positions):
            return try collection(GEOS_MULTIPOINT, try positions.map { try self.geometry(from: .point($0)) })
        case .multiLineString(let lines):
            return try collection(GEOS_MULTILINESTRING, try lines.map { try self.geometry(from: .lineString($0)) })
        case .multiPolygon(let polygons):
            return try collection(GEOS_MULTIPOLYGON, try polygons.map { try polygon($0) })
        case .geometryCollection(let members):
            return try collection(GEOS_GEOMETRYCOLLECTION, try members.map { try self.geometry(from: $0) })
        }
    }

    /// A MultiPoint of flat coordinate arrays, for hulls over many points.
    public func multiPoint(longitudes: [Double], latitudes: [Double]) throws -> GEOSGeometry {
        try collection(GEOS_MULTIPOINT, try zip(longitudes, latitudes).map { x, y in
            try own(GEOSGeom_createPointFromXY_r(handle, x, y), "Point")
        })
    }

    /// A geometry read from Well-Known Text (OGC Simple Features, ISO 19125-1).
    /// - Throws: `GEOSError` with GEOS's parse message ("WKT: ParseException: …").
    public func geometry(wkt: String) throws -> GEOSGeometry {
        guard let reader = GEOSWKTReader_create_r(handle) else { throw failure("WKT reader") }
        defer { GEOSWKTReader_destroy_r(handle, reader) }
        return try own(GEOSWKTReader_read_r(handle, reader, wkt), "WKT")
    }

    private func sequence(_ positions: [Position]) throws -> OpaquePointer {
        var flat: [Double] = []
        flat.reserveCapacity(positions.count * 2)
        for p in positions { flat += [p.longitude, p.latitude] }
        guard let sequence = GEOSCoordSeq_copyFromBuffer_r(handle, flat, UInt32(positions.count), 0, 0) else {
            throw failure("coordinates")
        }
        return sequence
    }

    private func polygon(_ rings: [[Position]]) throws -> GEOSGeometry {
        guard let outer = rings.first else {
            return try own(GEOSGeom_createEmptyPolygon_r(handle), "Polygon")
        }
        func ring(_ positions: [Position]) throws -> OpaquePointer {
            guard let ring = GEOSGeom_createLinearRing_r(handle, try sequence(positions)) else { throw failure("LinearRing") }
            return ring
        }
        let shell = try ring(outer)
        var holes: [OpaquePointer?] = []
        do {
            for positions in rings.dropFirst() { holes.append(try ring(positions)) }
        } catch {
            GEOSGeom_destroy_r(handle, shell)
            for hole in holes { GEOSGeom_destroy_r(handle, hole) }
            throw error
        }
        return try own(GEOSGeom_createPolygon_r(handle, shell, &holes, UInt32(holes.count)), "Polygon")
    }

    /// A collection that takes over its members: they are released from Swift's ownership.
    private func collection(_ type: GEOSGeomTypes, _ members: [GEOSGeometry]) throws -> GEOSGeometry {
        var handles: [OpaquePointer?] = members.map(\.handle)
        guard let collection = GEOSGeom_createCollection_r(handle, Int32(type.rawValue), &handles, UInt32(handles.count)) else {
            throw failure("collection")
        }
        for member in members { member.release() }
        return GEOSGeometry(handle: collection, context: self)
    }
}

extension GEOSGeometry {
    /// The geometry as a GeoJSON value (a LinearRing becomes a LineString).
    /// - Throws: `GEOSError` for an empty point, which GeoJSON cannot hold, or GEOS's message.
    public var geoJSON: Geometry {
        get throws { try Self.geoJSON(handle, context) }
    }

    private static func geoJSON(_ g: OpaquePointer, _ context: GEOSContext) throws -> Geometry {
        let ctx = context.handle
        func positions(_ g: OpaquePointer) throws -> [Position] {
            guard let sequence = GEOSGeom_getCoordSeq_r(ctx, g) else { throw context.failure("coordinates") }
            var size: UInt32 = 0
            guard GEOSCoordSeq_getSize_r(ctx, sequence, &size) == 1 else { throw context.failure("coordinates") }
            var flat = [Double](repeating: 0, count: Int(size) * 2)
            guard GEOSCoordSeq_copyToBuffer_r(ctx, sequence, &flat, 0, 0) == 1 else { throw context.failure("coordinates") }
            return (0 ..< Int(size)).map { Position(longitude: flat[2 * $0], latitude: flat[2 * $0 + 1]) }
        }
        func rings(_ g: OpaquePointer) throws -> [[Position]] {
            guard GEOSisEmpty_r(ctx, g) == 0 else { return [] }
            guard let shell = GEOSGetExteriorRing_r(ctx, g) else { throw context.failure("exterior ring") }
            var result = [try positions(shell)]
            for index in 0 ..< GEOSGetNumInteriorRings_r(ctx, g) {
                guard let hole = GEOSGetInteriorRingN_r(ctx, g, index) else { throw context.failure("interior ring") }
                result.append(try positions(hole))
            }
            return result
        }
        func members(_ g: OpaquePointer) throws -> [OpaquePointer] {
            try (0 ..< GEOSGetNumGeometries_r(ctx, g)).map { index in
                guard let member = GEOSGetGeometryN_r(ctx, g, index) else { throw context.failure("member") }
                return member
            }
        }
        let type = Int(GEOSGeomTypeId_r(ctx, g))
        func `is`(_ types: GEOSGeomTypes...) -> Bool { types.contains { Int($0.rawValue) == type } }
        switch true {
        case `is`(GEOS_POINT):
            guard let p = try positions(g).first else { throw GEOSError(message: "GeoJSON: an empty point has no position") }
            return .point(p)
        case `is`(GEOS_LINESTRING, GEOS_LINEARRING): return .lineString(try positions(g))
        case `is`(GEOS_POLYGON): return .polygon(try rings(g))
        case `is`(GEOS_MULTIPOINT): return .multiPoint(try members(g).flatMap(positions))
        case `is`(GEOS_MULTILINESTRING): return .multiLineString(try members(g).map(positions))
        case `is`(GEOS_MULTIPOLYGON): return .multiPolygon(try members(g).map(rings))
        default: return .geometryCollection(try members(g).map { try geoJSON($0, context) })
        }
    }
}
