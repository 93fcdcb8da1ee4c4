import Foundation

/// A static 2-D k-d tree over flat coordinate arrays (kdbush's layout: ids sorted in place by
/// alternating axes, leaves of `nodeSize` scanned linearly). Built once; answers box and radius
/// queries with the indices of the points, in no particular order.
struct KDTree {
    private(set) var ids: [Int32]
    private(set) var coordinates: [Double]  // x0, y0, x1, y1, … in `ids` order
    let nodeSize: Int

    init(xs: [Double], ys: [Double], nodeSize: Int = 16) {
        self.nodeSize = nodeSize
        ids = (0 ..< Int32(xs.count)).map { $0 }
        coordinates = [Double](repeating: 0, count: 2 * xs.count)
        for i in xs.indices {
            coordinates[2 * i] = xs[i]
            coordinates[2 * i + 1] = ys[i]
        }
        if !xs.isEmpty { sort(0, xs.count - 1, axis: 0) }
    }

    var count: Int { ids.count }

    /// Indices of the points with minX ≤ x ≤ maxX and minY ≤ y ≤ maxY.
    func range(minX: Double, minY: Double, maxX: Double, maxY: Double) -> [Int] {
        var result: [Int] = []
        var stack: [(Int, Int, Int)] = ids.isEmpty ? [] : [(0, ids.count - 1, 0)]
        while let (left, right, axis) = stack.popLast() {
            if right - left <= nodeSize {
                for i in left ... right {
                    let x = coordinates[2 * i], y = coordinates[2 * i + 1]
                    if x >= minX && x <= maxX && y >= minY && y <= maxY { result.append(Int(ids[i])) }
                }
                continue
            }
            let m = (left + right) >> 1
            let x = coordinates[2 * m], y = coordinates[2 * m + 1]
            if x >= minX && x <= maxX && y >= minY && y <= maxY { result.append(Int(ids[m])) }
            if axis == 0 ? minX <= x : minY <= y { stack.append((left, m - 1, 1 - axis)) }
            if axis == 0 ? maxX >= x : maxY >= y { stack.append((m + 1, right, 1 - axis)) }
        }
        return result
    }

    /// Indices of the points within `radius` of (qx, qy): dx² + dy² ≤ radius².
    func within(x qx: Double, y qy: Double, radius: Double, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        guard !ids.isEmpty else { return }
        let r2 = radius * radius, nodeSize = self.nodeSize
        // The hot loop of clustering: raw buffers and a stack on the stack, no allocation.
        ids.withUnsafeBufferPointer { ids in
            coordinates.withUnsafeBufferPointer { xy in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * 128) { stack in
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
                            for i in left ... right {
                                let dx = xy[2 * i] - qx, dy = xy[2 * i + 1] - qy
                                if dx * dx + dy * dy <= r2 { result.append(Int(ids[i])) }
                            }
                            continue
                        }
                        let m = (left + right) >> 1
                        let x = xy[2 * m], y = xy[2 * m + 1]
                        let dx = x - qx, dy = y - qy
                        if dx * dx + dy * dy <= r2 { result.append(Int(ids[m])) }
                        if axis == 0 ? qx - radius <= x : qy - radius <= y { push(left, m - 1, 1 - axis) }
                        if axis == 0 ? qx + radius >= x : qy + radius >= y { push(m + 1, right, 1 - axis) }
                    }
                }
            }
        }
    }

    // MARK: Building

    /// Floyd–Rivest selection on each half, as kdbush does: the median of [left, right] by the
    /// axis lands in the middle, smaller on its left.
    private mutating func sort(_ left: Int, _ right: Int, axis: Int) {
        if right - left <= nodeSize { return }
        let m = (left + right) >> 1
        select(m, left, right, axis)
        sort(left, m - 1, axis: 1 - axis)
        sort(m + 1, right, axis: 1 - axis)
    }

    private mutating func select(_ k: Int, _ left: Int, _ right: Int, _ axis: Int) {
        var left = left, right = right
        while right > left {
            if right - left > 600 {
                let n = Double(right - left + 1), m = Double(k - left + 1)
                let z = log(n), s = 0.5 * exp(2 * z / 3)
                let sd = 0.5 * (z * s * (n - s) / n).squareRoot() * (m - n / 2 < 0 ? -1 : 1)
                let newLeft = max(left, Int((Double(k) - m * s / n + sd).rounded(.down)))
                let newRight = min(right, Int((Double(k) + (n - m) * s / n + sd).rounded(.down)))
                select(k, newLeft, newRight, axis)
            }
            let t = coordinates[2 * k + axis]
            var i = left, j = right
            swapItems(left, k)
            if coordinates[2 * right + axis] > t { swapItems(left, right) }
            while i < j {
                swapItems(i, j)
                i += 1
                j -= 1
                while coordinates[2 * i + axis] < t { i += 1 }
                while coordinates[2 * j + axis] > t { j -= 1 }
            }
            if coordinates[2 * left + axis] == t {
                swapItems(left, j)
            } else {
                j += 1
                swapItems(j, right)
            }
            if j <= k { left = j + 1 }
            if k <= j { right = j - 1 }
        }
    }

    private mutating func swapItems(_ i: Int, _ j: Int) {
        ids.swapAt(i, j)
        coordinates.swapAt(2 * i, 2 * j)
        coordinates.swapAt(2 * i + 1, 2 * j + 1)
    }
}
