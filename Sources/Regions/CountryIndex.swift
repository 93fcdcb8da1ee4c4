import Dispatch
import GeoJSON

/// Finds which of a set of (multi)polygons contains a point, fast enough for millions of points.
///
/// The world is cut into a grid of cells. For every cell and every polygon whose boundary
/// touches the cell (or that covers the cell whole), the index keeps the polygon's edges
/// inside the cell and whether a fixed reference point of the cell lies inside the polygon.
/// A point is then inside exactly when the segment from it to the reference point crosses
/// those edges an even number of times and the reference point is inside (or an odd number
/// of times and it is not). Most cells hold a few edges, or none at all (open sea, or deep
/// inside one country), so a lookup costs a handful of orientation tests.
/// Everything lives in flat arrays: no object per cell, edge or point.
struct CountryIndex: Sendable {
    /// Grid cells per degree. 2 keeps cells to a few dozen edges at Natural Earth's 1:50m.
    static let cellsPerDegree = 2
    static let columns = 360 * cellsPerDegree
    static let rows = 180 * cellsPerDegree
    static let cellSize = 1.0 / Double(cellsPerDegree)
    /// The reference point sits just off each cell's centre, at an offset finer than the data's
    /// 4 decimals, so that no vertex or edge of the boundaries ever passes through it.
    static let referenceOffset = (x: 0.5 + 1.234e-6, y: 0.5 + 3.217e-6)

    /// Polygon areas in square degrees; where polygons overlap, the smallest wins.
    let areas: [Double]
    /// Entries of cell c are cellStart[c] ..< cellStart[c + 1].
    private let cellStart: [Int32]
    private let entryPolygon: [Int32]
    private let entryReferenceInside: [Bool]
    /// Edges of entry e are entryEdgeStart[e] ..< entryEdgeStart[e + 1], as x0, y0, x1, y1 in `edges`.
    private let entryEdgeStart: [Int32]
    private let edges: [Double]

    /// - Parameter polygons: each a multipolygon: parts, each an outer ring then holes.
    init(polygons: [[[[Position]]]]) {
        let cellCount = Self.columns * Self.rows
        var entriesByCell: [[(polygon: Int32, referenceInside: Bool, edges: [Double])]] =
            Array(repeating: [], count: cellCount)
        var areas: [Double] = []
        for (polygonIndex, parts) in polygons.enumerated() {
            let polygonEdges = Self.edges(of: parts)
            areas.append(Self.area(of: parts))
            var edgesByCell: [Int: [Double]] = [:]
            for e in stride(from: 0, to: polygonEdges.count, by: 4) {
                let x0 = polygonEdges[e], y0 = polygonEdges[e + 1], x1 = polygonEdges[e + 2], y1 = polygonEdges[e + 3]
                let columns = Self.columnRange(min(x0, x1), max(x0, x1))
                for row in Self.rowRange(min(y0, y1), max(y0, y1)) {
                    for column in columns {
                        edgesByCell[row * Self.columns + column, default: []] += [x0, y0, x1, y1]
                    }
                }
            }
            for (cell, inside) in Self.referencePointsInside(edges: polygonEdges) {
                let cellEdges = edgesByCell[cell] ?? []
                // A cell with no edge of the polygon is either wholly inside it or irrelevant.
                if cellEdges.isEmpty && !inside { continue }
                entriesByCell[cell].append((Int32(polygonIndex), inside, cellEdges))
            }
        }

        var cellStart: [Int32] = [0], entryPolygon: [Int32] = [], entryReferenceInside: [Bool] = []
        var entryEdgeStart: [Int32] = [0], edges: [Double] = []
        cellStart.reserveCapacity(cellCount + 1)
        for entries in entriesByCell {
            for entry in entries {
                entryPolygon.append(entry.polygon)
                entryReferenceInside.append(entry.referenceInside)
                edges += entry.edges
                entryEdgeStart.append(Int32(edges.count / 4))
            }
            cellStart.append(Int32(entryPolygon.count))
        }
        self.areas = areas
        self.cellStart = cellStart
        self.entryPolygon = entryPolygon
        self.entryReferenceInside = entryReferenceInside
        self.entryEdgeStart = entryEdgeStart
        self.edges = edges
    }

    // MARK: Lookup

    /// The index of the smallest polygon containing (x, y), else of the polygon nearest to it
    /// within `tolerance` degrees, else nil.
    func locate(x: Double, y: Double, tolerance: Double) -> Int? {
        guard x >= -180, x <= 180, y >= -90, y <= 90 else { return nil }
        let cell = Self.cell(x: x, y: y)
        let reference = Self.referencePoint(cell: cell)
        var best: Int32 = -1
        for entry in Int(cellStart[cell]) ..< Int(cellStart[cell + 1]) {
            var inside = entryReferenceInside[entry]
            for e in Int(entryEdgeStart[entry]) ..< Int(entryEdgeStart[entry + 1]) where
                Self.segmentsCross(x, y, reference.x, reference.y, edges[4 * e], edges[4 * e + 1], edges[4 * e + 2], edges[4 * e + 3])
            {
                inside.toggle()
            }
            let polygon = entryPolygon[entry]
            if inside && (best < 0 || areas[Int(polygon)] < areas[Int(best)]) { best = polygon }
        }
        if best >= 0 { return Int(best) }
        return tolerance > 0 ? nearest(x: x, y: y, within: tolerance) : nil
    }

    /// Locates many points, spread over the machine's cores.
    func locate(xs: [Double], ys: [Double], tolerance: Double) -> [Int32] {
        precondition(xs.count == ys.count, "one x per y")
        var result = [Int32](repeating: -1, count: xs.count)
        let chunkCount = xs.count < 4096 ? 1 : 8
        let chunkSize = (xs.count + chunkCount - 1) / max(chunkCount, 1)
        result.withUnsafeMutableBufferPointer { out in
            let out = UncheckedSendableBuffer(base: out.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize, end = min(start + chunkSize, xs.count)
                guard start < end else { return }
                for i in start ..< end {
                    out.base?[i] = Int32(locate(x: xs[i], y: ys[i], tolerance: tolerance) ?? -1)
                }
            }
        }
        return result
    }

    /// The polygon with an edge nearest to (x, y), if one is within `tolerance` degrees.
    private func nearest(x: Double, y: Double, within tolerance: Double) -> Int? {
        var best: Int32 = -1
        var bestDistance = tolerance * tolerance
        for row in Self.rowRange(y - tolerance, y + tolerance) {
            for column in Self.columnRange(x - tolerance, x + tolerance) {
                let cell = row * Self.columns + column
                for entry in Int(cellStart[cell]) ..< Int(cellStart[cell + 1]) {
                    for e in Int(entryEdgeStart[entry]) ..< Int(entryEdgeStart[entry + 1]) {
                        let d = Self.squaredDistance(x, y, edges[4 * e], edges[4 * e + 1], edges[4 * e + 2], edges[4 * e + 3])
                        if d <= bestDistance {
                            bestDistance = d
                            best = entryPolygon[entry]
                        }
                    }
                }
            }
        }
        return best >= 0 ? Int(best) : nil
    }

    // MARK: Geometry on flat arrays

    private static func cell(x: Double, y: Double) -> Int {
        let column = min(Int((x + 180) * Double(cellsPerDegree)), columns - 1)
        let row = min(Int((y + 90) * Double(cellsPerDegree)), rows - 1)
        return row * columns + column
    }

    private static func referencePoint(cell: Int) -> (x: Double, y: Double) {
        let column = cell % columns, row = cell / columns
        return (-180 + (Double(column) + referenceOffset.x) * cellSize,
                -90 + (Double(row) + referenceOffset.y) * cellSize)
    }

    private static func columnRange(_ minX: Double, _ maxX: Double) -> ClosedRange<Int> {
        let low = max(0, Int(((minX + 180) * Double(cellsPerDegree)).rounded(.down)))
        let high = min(columns - 1, Int(((maxX + 180) * Double(cellsPerDegree)).rounded(.down)))
        return low ... max(low, high)
    }

    private static func rowRange(_ minY: Double, _ maxY: Double) -> ClosedRange<Int> {
        let low = max(0, Int(((minY + 90) * Double(cellsPerDegree)).rounded(.down)))
        let high = min(rows - 1, Int(((maxY + 90) * Double(cellsPerDegree)).rounded(.down)))
        return low ... max(low, high)
    }

    /// Flat x0, y0, x1, y1 edges of every ring of every part.
    private static func edges(of parts: [[[Position]]]) -> [Double] {
        var edges: [Double] = []
        for ring in parts.joined() {
            for (a, b) in zip(ring, ring.dropFirst()) where a != b {
                edges += [a.longitude, a.latitude, b.longitude, b.latitude]
            }
        }
        return edges
    }

    /// Planar area: outer rings less their holes.
    private static func area(of parts: [[[Position]]]) -> Double {
        parts.reduce(0) { total, part in
            part.enumerated().reduce(total) { total, ring in
                let area = abs(zip(ring.element, ring.element.dropFirst()).reduce(0) { sum, pair in
                    sum + pair.0.longitude * pair.1.latitude - pair.1.longitude * pair.0.latitude
                }) / 2
                return ring.offset == 0 ? total + area : total - area
            }
        }
    }

    /// Whether each cell's reference point within the edges' bounding box is inside (even-odd rule),
    /// scanning one row of cells at a time along the horizontal line through its reference points.
    private static func referencePointsInside(edges: [Double]) -> [(cell: Int, inside: Bool)] {
        guard !edges.isEmpty else { return [] }
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for e in stride(from: 0, to: edges.count, by: 2) {
            minX = min(minX, edges[e]); maxX = max(maxX, edges[e])
            minY = min(minY, edges[e + 1]); maxY = max(maxY, edges[e + 1])
        }
        var result: [(cell: Int, inside: Bool)] = []
        var crossings: [Double] = []
        for row in rowRange(minY, maxY) {
            let y = -90 + (Double(row) + referenceOffset.y) * cellSize
            crossings.removeAll(keepingCapacity: true)
            for e in stride(from: 0, to: edges.count, by: 4) {
                let x0 = edges[e], y0 = edges[e + 1], x1 = edges[e + 2], y1 = edges[e + 3]
                if (y0 > y) != (y1 > y) { crossings.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0)) }
            }
            crossings.sort()
            var passed = 0
            for column in columnRange(minX, maxX) {
                let x = -180 + (Double(column) + referenceOffset.x) * cellSize
                while passed < crossings.count && crossings[passed] < x { passed += 1 }
                result.append((row * columns + column, passed % 2 == 1))
            }
        }
        return result
    }

    /// Whether segment p–q properly crosses segment a–b. A vertex lying exactly on the line p–q
    /// counts as below it, so two edges meeting there count once between them, as parity needs.
    @inline(__always)
    private static func segmentsCross(
        _ px: Double, _ py: Double, _ qx: Double, _ qy: Double,
        _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double
    ) -> Bool {
        let sideA = (qx - px) * (ay - py) - (qy - py) * (ax - px) > 0
        let sideB = (qx - px) * (by - py) - (qy - py) * (bx - px) > 0
        guard sideA != sideB else { return false }
        let sideP = (bx - ax) * (py - ay) - (by - ay) * (px - ax) > 0
        let sideQ = (bx - ax) * (qy - ay) - (by - ay) * (qx - ax) > 0
        return sideP != sideQ
    }

    private static func squaredDistance(
        _ px: Double, _ py: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double
    ) -> Double {
        let dx = bx - ax, dy = by - ay
        let length = dx * dx + dy * dy
        let t = length > 0 ? max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / length)) : 0
        let ex = ax + t * dx - px, ey = ay + t * dy - py
        return ex * ex + ey * ey
    }
}

/// Lets the workers of `concurrentPerform` write disjoint slices of one output buffer.
private struct UncheckedSendableBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int32>?
}
