import Foundation
import GRDB

/// Fills an empty two-dimensional SQLite R*Tree of points at once, the way GDAL's GeoPackage
/// driver loads its R-trees: the tree is packed in memory by Sort-Tile-Recursive (Leutenegger,
/// Edgington and Lopez, "STR: A Simple and Efficient Algorithm for R-Tree Packing", 1997) and
/// written straight into the R*Tree's shadow tables, instead of one R*Tree insert per point.
///
/// The shadow tables are those of SQLite's rtree module (ext/rtree/rtree.c): `T_node(nodeno, data)`
/// holds each node, `T_rowid(rowid, nodeno)` each entry's leaf, `T_parent(nodeno, parentnode)`
/// each non-root node's parent. A node's data is the size of the root's: a big-endian 16-bit
/// depth (the root's alone; leaves are 0), a big-endian 16-bit cell count, then cells of a
/// big-endian 64-bit rowid (or child node number) and the box as four big-endian 32-bit floats
/// (min x, max x, min y, max y). Node 1 is the root.
enum RTreeBulkLoad {
    /// One entry: its rowid and its point in the tree's units.
    struct Entry {
        var rowid: Int64
        var x: Double
        var y: Double
    }

    /// Fills `table`, an R*Tree with no entry (rid, min x, max x, min y, max y; new, or emptied
    /// by deletes, which leave the module's root alone), with a box of
    /// zero size at each point, rounded outward to 32-bit floats as the rtree module rounds.
    /// - Throws: GRDB's `DatabaseError` when SQLite fails, or when the tree is not empty.
    static func fill(_ table: String, with entries: [Entry], _ db: Database) throws {
        let nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM \"\(table)_node\" WHERE nodeno = 1") ?? 0
        let capacity = (nodeSize - 4) / 24
        let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)_rowid\"") ?? 0
        guard capacity >= 2, stored == 0 else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(table) is not an empty two-dimensional R*Tree")
        }
        guard !entries.isEmpty else { return }
        var level = entries.map { Cell(id: $0.rowid, box: Box(x: $0.x, y: $0.y)) }
        var nextNode: Int64 = 2
        var depth = 0
        let nodeStatement = try db.makeStatement(sql: "INSERT OR REPLACE INTO \"\(table)_node\" (nodeno, data) VALUES (?, ?)")
        let rowidStatement = try db.makeStatement(sql: "INSERT INTO \"\(table)_rowid\" (rowid, nodeno) VALUES (?, ?)")
        let parentStatement = try db.makeStatement(sql: "INSERT INTO \"\(table)_parent\" (nodeno, parentnode) VALUES (?, ?)")
        // Children's node numbers, to give them their parent once the level above is packed.
        while true {
            let groups = level.count <= capacity ? [level[...]] : pack(level, capacity: capacity)
            let isRoot = groups.count == 1
            var above: [Cell] = []
            above.reserveCapacity(groups.count)
            for group in groups {
                let node = isRoot ? 1 : nextNode
                if !isRoot { nextNode += 1 }
                try nodeStatement.execute(arguments: [node, encode(group, depth: isRoot ? depth : 0, size: nodeSize)])
                for cell in group {
                    if depth == 0 {
                        try rowidStatement.execute(arguments: [cell.id, node])
                    } else {
                        try parentStatement.execute(arguments: [cell.id, node])
                    }
                }
                above.append(Cell(id: node, box: group.dropFirst().reduce(group.first!.box) { $0.union($1.box) }))
            }
            if isRoot { return }
            level = above
            depth += 1
        }
    }

    /// A node's cell: an entry's rowid or a child's node number, and its box in floats.
    struct Cell {
        var id: Int64
        var box: Box
    }

    /// A box as the rtree module keeps it: 32-bit floats holding the double-precision box.
    struct Box {
        var minX, maxX, minY, maxY: Float

        /// A point's box: each coordinate rounded down for the minimum and up for the maximum,
        /// as rtree.c's `rtreeValueDown` and `rtreeValueUp` round.
        init(x: Double, y: Double) {
            minX = Self.down(x)
            maxX = Self.up(x)
            minY = Self.down(y)
            maxY = Self.up(y)
        }

        init(minX: Float, maxX: Float, minY: Float, maxY: Float) {
            (self.minX, self.maxX, self.minY, self.maxY) = (minX, maxX, minY, maxY)
        }

        func union(_ other: Box) -> Box {
            Box(minX: min(minX, other.minX), maxX: max(maxX, other.maxX), minY: min(minY, other.minY), maxY: max(maxY, other.maxY))
        }

        var centerX: Float { minX / 2 + maxX / 2 }
        var centerY: Float { minY / 2 + maxY / 2 }

        /// rtree.c's factors: one unit in the last place of a float's 24-bit significand.
        private static let towards = 1.0 - 1.0 / 8_388_608.0, away = 1.0 + 1.0 / 8_388_608.0

        static func down(_ d: Double) -> Float {
            let f = Float(d)
            return Double(f) > d ? Float(d * (d < 0 ? away : towards)) : f
        }

        static func up(_ d: Double) -> Float {
            let f = Float(d)
            return Double(f) < d ? Float(d * (d < 0 ? towards : away)) : f
        }
    }

    /// STR: cells sorted by x into √P vertical slices (P nodes in all), each slice sorted by y and
    /// cut into nodes of as even a size as the slice allows, none over `capacity`.
    static func pack(_ cells: [Cell], capacity: Int) -> [ArraySlice<Cell>] {
        let nodes = (cells.count + capacity - 1) / capacity
        let slices = Int(Double(nodes).squareRoot().rounded(.up))
        let perSlice = ((nodes + slices - 1) / slices) * capacity
        let byX = cells.sorted { ($0.box.centerX, $0.id) < ($1.box.centerX, $1.id) }
        var groups: [ArraySlice<Cell>] = []
        for start in stride(from: 0, to: byX.count, by: perSlice) {
            let slice = byX[start ..< min(start + perSlice, byX.count)].sorted { ($0.box.centerY, $0.id) < ($1.box.centerY, $1.id) }
            let count = (slice.count + capacity - 1) / capacity
            var first = 0
            for n in 0 ..< count {
                let end = first + (slice.count - first) / (count - n)
                groups.append(slice[first ..< end])
                first = end
            }
        }
        return groups
    }

    /// A node's bytes (see the type), zero-padded to `size`.
    static func encode(_ cells: ArraySlice<Cell>, depth: Int, size: Int) -> Data {
        var bytes = [UInt8](repeating: 0, count: size)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.bigEndian) { for (i, byte) in $0.enumerated() { bytes[offset + i] = byte } }
        }
        put(UInt16(depth), at: 0)
        put(UInt16(cells.count), at: 2)
        for (n, cell) in cells.enumerated() {
            let offset = 4 + 24 * n
            put(cell.id, at: offset)
            for (k, value) in [cell.box.minX, cell.box.maxX, cell.box.minY, cell.box.maxY].enumerated() {
                put(value.bitPattern, at: offset + 8 + 4 * k)
            }
        }
        return Data(bytes)
    }
}
