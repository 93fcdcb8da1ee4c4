extension ZoomClusters {
    /// The sequence numbers of the final points in order: the points there are less those at the
    /// ascending indices `removing`, with new points at the ascending final indices `inserting`;
    /// the k-th of those takes the sequence number given.count + k.
    func finalOrder(removing: [Int], inserting: [Int]) -> [Int32] {
        let total = count - removing.count + inserting.count
        var final: [Int32] = []
        final.reserveCapacity(total)
        var old = 0, removed = 0
        // The points that stay, up to index `target` of the final order, copied a run at a time.
        func copy(upTo target: Int) {
            while final.count < target {
                while removed < removing.count && removing[removed] == old {
                    old += 1
                    removed += 1
                }
                let stop = min(removed < removing.count ? removing[removed] : count, old + target - final.count)
                final.append(contentsOf: ranked[old ..< stop])
                old = stop
            }
        }
        for (k, index) in inserting.enumerated() {
            copy(upTo: index)
            final.append(Int32(given.count + k))
        }
        copy(upTo: total)
        return final
    }

    /// Order keys for the new points of `final` (those numbered from given.count on), in their
    /// order: each run of new points between two that stay is spread evenly strictly between
    /// their keys (0 before the first point); a run at the end continues at the build's spacing.
    /// - Returns: nil when some run has fewer free keys than points.
    func insertedKeys(_ final: [Int32]) -> [Int64]? {
        var keys: [Int64] = []
        var start = 0
        while start < final.count {
            guard Int(final[start]) >= given.count else {
                start += 1
                continue
            }
            var end = start
            while end < final.count && Int(final[end]) >= given.count { end += 1 }
            let run = Int64(end - start)
            let low = start > 0 ? orderKeys[Int(final[start - 1])] : 0
            let step: Int64
            if end < final.count {
                step = (orderKeys[Int(final[end])] - low) / (run + 1)
            } else {
                step = min(1 << Self.keySpacing, (Int64.max - low) / (run + 1))
            }
            guard step >= 1 else { return nil }
            for k in 1 ... run { keys.append(low + step * k) }
            start = end
        }
        return keys
    }
}
