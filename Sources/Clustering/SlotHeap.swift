/// Slots to revisit, smallest order first.
struct SlotHeap {
    private var items: [UInt64] = []

    mutating func push(key: Int32, slot: Int32) {
        items.append(UInt64(UInt32(key)) << 32 | UInt64(UInt32(slot)))
        var i = items.count - 1
        while i > 0, items[(i - 1) / 2] > items[i] {
            items.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, items[l] < items[m] { m = l }
            if r < items.count, items[r] < items[m] { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return Int(top & 0xFFFF_FFFF)
    }
}
