import Foundation

/// A static 2-D k-d tree over flat coordinate arrays (kdbush's layout: ids sorted in place by
/// alternating axes, leaves of `nodeSize` scanned linearly). Built once; answers box and radius
/// queries with the ids of the points, in no particular order.
///
/// The tree keeps its coordinates in Float32, as supercluster's kdbush does, half the memory of
/// Double; yet every answer is the one Double coordinates give. Each Float32 coordinate is within
/// `slack` of the exact one, so a point clearly inside or outside by more than that is decided on
/// the Float32 values, and the few in the band between are decided on the exact coordinates the
/// caller passes (the same `xs`, `ys` the tree was built from, by index). The layout is the one
/// the exact coordinates sort to.
struct KDTree {
    private(set) var ids: [Int32]
    private(set) var coordinates: [Float]  // x0, y0, x1, y1, … in `ids` order
    /// The largest distance between a Float32 coordinate and the exact one (infinite when a
    /// coordinate is not finite, so that every point is decided on exact coordinates).
    private(set) var slack = 0.0
    let nodeSize: Int

    /// A tree of no points.
    init() {
        (ids, coordinates, nodeSize) = ([], [], 16)
    }

    /// A tree of the points `ids`, each at `xs[id]`, `ys[id]`.
    init(ids: [Int32], xs: [Double], ys: [Double], nodeSize: Int = 16) {
        self.nodeSize = nodeSize
        self.ids = ids
        // Sorted on exact coordinates, kept in Float32.
        var exact = [Double](repeating: 0, count: 2 * ids.count)
        for (k, id) in ids.enumerated() {
            exact[2 * k] = xs[Int(id)]
            exact[2 * k + 1] = ys[Int(id)]
        }
        if !ids.isEmpty { Self.sort(&self.ids, &exact, 0, ids.count - 1, axis: 0, nodeSize: nodeSize) }
        coordinates = exact.map { Float($0) }
        for (f, d) in zip(coordinates, exact) {
            let gap = abs(Double(f) - d)
            slack = gap.isFinite ? max(slack, gap) : .infinity
        }
    }

    var count: Int { ids.count }

    /// Ids of the points with minX ≤ x ≤ maxX and minY ≤ y ≤ maxY (exact coordinates `xs`, `ys`).
    func range(minX: Double, minY: Double, maxX: Double, maxY: Double, xs: [Double], ys: [Double]) -> [Int] {
        var result: [Int] = []
        let s = slack
        func inside(_ i: Int) -> Bool {
            let x = Double(coordinates[2 * i]), y = Double(coordinates[2 * i + 1])
            if x < minX - s || x > maxX + s || y < minY - s || y > maxY + s { return false }
            if x >= minX + s && x <= maxX - s && y >= minY + s && y <= maxY - s { return true }
            let id = Int(ids[i])
            return xs[id] >= minX && xs[id] <= maxX && ys[id] >= minY && ys[id] <= maxY
        }
        var stack: [(Int, Int, Int)] = ids.isEmpty ? [] : [(0, ids.count - 1, 0)]
        while let (left, right, axis) = stack.popLast() {
            if right - left <= nodeSize {
                for i in left ... right where inside(i) { result.append(Int(ids[i])) }
                continue
            }
            let m = (left + right) >> 1
            if inside(m) { result.append(Int(ids[m])) }
            let x = Double(coordinates[2 * m]), y = Double(coordinates[2 * m + 1])
            if axis == 0 ? minX - s <= x : minY - s <= y { stack.append((left, m - 1, 1 - axis)) }
            if axis == 0 ? maxX + s >= x : maxY + s >= y { stack.append((m + 1, right, 1 - axis)) }
        }
        return result
    }

    /// Appends the ids of the points within `radius` of (qx, qy), dx² + dy² ≤ radius² on the
    /// exact coordinates `xs`, `ys`, to `result`, after emptying it unless `emptying` is false.
    func within<T: FixedWidthInteger>(
        x qx: Double, y qy: Double, radius: Double, xs: [Double], ys: [Double], into result: inout [T], emptying: Bool = true
    ) {
        if emptying { result.removeAll(keepingCapacity: true) }
        guard !ids.isEmpty else { return }
        let r2 = radius * radius, nodeSize = self.nodeSize
        // A Float32 distance is within √2 · slack of the exact one; the margin adds room for
        // Double rounding. Inside `sure` a point is in, beyond `reach` out, between: exact check.
        let margin = 2 * slack + radius * 0x1p-40
        let sure = radius > margin ? (radius - margin) * (radius - margin) : -1, reach = radius + margin
        let reach2 = reach * reach
        // The hot loop of clustering: raw buffers and a stack on the stack, no allocation.
        ids.withUnsafeBufferPointer { ids in
            coordinates.withUnsafeBufferPointer { xy in
                xs.withUnsafeBufferPointer { xs in
                    ys.withUnsafeBufferPointer { ys in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * 128) { stack in
                            @inline(__always) func visit(_ i: Int) {
                                let dx = Double(xy[2 * i]) - qx, dy = Double(xy[2 * i + 1]) - qy
                                let d2 = dx * dx + dy * dy
                                // Written so that a NaN coordinate is never in, as with `<=` on exact ones.
                                guard d2 <= reach2 else { return }
                                let id = Int(ids[i])
                                if !(d2 <= sure) {
                                    let ex = xs[id] - qx, ey = ys[id] - qy
                                    guard ex * ex + ey * ey <= r2 else { return }
                                }
                                result.append(T(truncatingIfNeeded: id))
                            }
                            var top = 0
                            func push(_ left: Int, _ right: Int, _ axis: Int) {
                                stack[top] = left
                                stack[top + 1] = right
                                stack[top + 2] = axis
                                top += 3
                            }
                            push(0, ids.count - 1, 0)
                            while top > 0 {
                                top -= 3
                                let left = stack[top], right = stack[top + 1], axis = stack[top + 2]
                                if right - left <= nodeSize {
                                    for i in left ... right { visit(i) }
                                    continue
                                }
                                let m = (left + right) >> 1
                                visit(m)
                                let x = Double(xy[2 * m]), y = Double(xy[2 * m + 1])
                                if axis == 0 ? qx - reach <= x : qy - reach <= y { push(left, m - 1, 1 - axis) }
                                if axis == 0 ? qx + reach >= x : qy + reach >= y { push(m + 1, right, 1 - axis) }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Building

    /// Floyd–Rivest selection on each half, as kdbush does: the median of [left, right] by the
    /// axis lands in the middle, smaller on its left.
    private static func sort(_ ids: inout [Int32], _ xy: inout [Double], _ left: Int, _ right: Int, axis: Int, nodeSize: Int) {
        if right - left <= nodeSize { return }
        let m = (left + right) >> 1
        select(&ids, &xy, m, left, right, axis)
        sort(&ids, &xy, left, m - 1, axis: 1 - axis, nodeSize: nodeSize)
        sort(&ids, &xy, m + 1, right, axis: 1 - axis, nodeSize: nodeSize)
    }

    private static func select(_ ids: inout [Int32], _ xy: inout [Double], _ k: Int, _ left: Int, _ right: Int, _ axis: Int) {
        func swapItems(_ i: Int, _ j: Int) {
            ids.swapAt(i, j)
            xy.swapAt(2 * i, 2 * j)
            xy.swapAt(2 * i + 1, 2 * j + 1)
        }
        var left = left, right = right
        while right > left {
            if right - left > 600 {
                let n = Double(right - left + 1), m = Double(k - left + 1)
                let z = log(n), s = 0.5 * exp(2 * z / 3)
                let sd = 0.5 * (z * s * (n - s) / n).squareRoot() * (m - n / 2 < 0 ? -1 : 1)
                let newLeft = max(left, Int((Double(k) - m * s / n + sd).rounded(.down)))
                let newRight = min(right, Int((Double(k) + (n - m) * s / n + sd).rounded(.down)))
                select(&ids, &xy, k, newLeft, newRight, axis)
            }
            let t = xy[2 * k + axis]
            var i = left, j = right
            swapItems(left, k)
            if xy[2 * right + axis] > t { swapItems(left, right) }
            while i < j {
                swapItems(i, j)
                i += 1
                j -= 1
                while xy[2 * i + axis] < t { i += 1 }
                while xy[2 * j + axis] > t { j -= 1 }
            }
            if xy[2 * left + axis] == t {
                swapItems(left, j)
            } else {
                j += 1
                swapItems(j, right)
            }
            if j <= k { left = j + 1 }
            if k <= j { right = j - 1 }
        }
    }
}
