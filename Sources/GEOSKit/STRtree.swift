internal import CGEOS

/// GEOS's STR-packed R-tree over rectangles, each carrying the integer index it was given.
/// The tree is built once from all rectangles (GEOS packs it on the first query).
public final class STRtree {
    private let handle: OpaquePointer
    private let context: GEOSContext
    /// The tree keeps pointers to these envelopes; they live as long as it does.
    private let envelopes: [GEOSGeometry]

    /// - Parameter boxes: minX, minY, maxX, maxY of each item; item i is reported as i.
    public init(context: GEOSContext, boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]) throws {
        guard let handle = GEOSSTRtree_create_r(context.handle, 10) else { throw context.failure("STRtree") }
        self.handle = handle
        self.context = context
        var envelopes: [GEOSGeometry] = []
        envelopes.reserveCapacity(boxes.count)
        for (index, box) in boxes.enumerated() {
            let envelope = try context.own(GEOSGeom_createRectangle_r(context.handle, box.minX, box.minY, box.maxX, box.maxY), "rectangle")
            // Items are indices, stored in the pointer itself (offset by one: null means none).
            GEOSSTRtree_insert_r(context.handle, handle, envelope.handle, UnsafeMutableRawPointer(bitPattern: index + 1))
            envelopes.append(envelope)
        }
        self.envelopes = envelopes
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, handle)
    }

    /// The indices of the items whose rectangles intersect the box, in ascending order.
    public func query(minX: Double, minY: Double, maxX: Double, maxY: Double) throws -> [Int] {
        let box = try context.own(GEOSGeom_createRectangle_r(context.handle, minX, minY, maxX, maxY), "rectangle")
        final class Found { var indices: [Int] = [] }
        let found = Found()
        withExtendedLifetime(found) {
            GEOSSTRtree_query_r(context.handle, handle, box.handle, { item, found in
                guard let item, let found else { return }
                Unmanaged<Found>.fromOpaque(found).takeUnretainedValue().indices.append(Int(bitPattern: item) - 1)
            }, Unmanaged.passUnretained(found).toOpaque())
        }
        return found.indices.sorted()
    }

    /// `query` for many boxes at once, on this tree's context.
    public func query(boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]) throws -> [[Int]] {
        try boxes.map { try query(minX: $0.minX, minY: $0.minY, maxX: $0.maxX, maxY: $0.maxY) }
    }
}
