import Dispatch
import Foundation

/// Reading a large `features` array on all cores: a thread of its own parses, checks and maps
/// batches of features ahead (each batch on all cores), while the calling thread takes the
/// results of the batch before in document order, so that taking never leaves a core idle.
extension GeoJSONReader {
    /// Batches parsed ahead of the one being taken: bounds the memory a read holds at once.
    static let batchesAhead = 2

    /// How a read on all cores ended.
    enum ConcurrentEnd {
        /// At the array's end: the offset just after its ']', and how many elements it had.
        case read(end: Int, count: Int)
        /// The elements from `offset` (just after the '[' or a ',') on cannot be told apart without
        /// parsing them: they are to be read one at a time from there, element `index` first, which
        /// reports the exact error.
        case rest(offset: Int, index: Int)
    }

    /// Finds, parses, checks and maps batches of features on all cores, taking the results in
    /// order on the calling thread. The first syntax error stops the read, as it would one element
    /// at a time.
    /// - Parameter start: just after the array's '['.
    func readConcurrently<T: Sendable>(
        from start: Int, _ bytes: UnsafeRawBufferPointer, _ state: inout ReadState, _ sink: FeatureSink<T>
    ) throws(JSONSyntaxError) -> ConcurrentEnd {
        // Progress needs the count at once; otherwise each batch is found just before it is parsed.
        var total = 0
        if progress != nil {
            guard let elements = ElementScanner.elements(of: bytes, from: start) else { return .rest(offset: start, index: 0) }
            total = elements.starts.count
            state.ids.reserveCapacity(total)
        }
        let work = BatchWork(
            input: SharedBytes(bytes: bytes), features: state.features, maxDepth: maxDepth, map: sink.map, direct: sink.direct)
        let pipe = BatchPipe<Batch<T>>(capacity: Self.batchesAhead)
        let batchSize = self.batchSize
        Thread.detachNewThread {
            var offset = start, first = 0
            while !pipe.isClosed {
                guard let elements = ElementScanner.elements(of: work.input.bytes, from: offset, limit: batchSize) else {
                    _ = pipe.put(.rest(offset: offset, index: first))
                    break
                }
                let next = elements.isLast ? elements.end : elements.separators[elements.starts.count - 1] + 1
                guard pipe.put(.results(work.results(of: elements, first: first), next: next, isLast: elements.isLast)),
                      !elements.isLast
                else { break }
                offset = next
                first += elements.starts.count
            }
            pipe.finish()
        }
        // Whatever ends the read, the producer is done with `bytes` before it returns.
        defer { pipe.close() }
        var taken = 0, next = start
        while let batch = pipe.take() {
            guard case .results(var results, let after, let isLast) = batch else {
                if case .rest(let offset, let index) = batch { return .rest(offset: offset, index: index) }
                break
            }
            for offset in results.indices {
                // Moved out of its slot, not copied: no reference is counted twice.
                var result = ElementResult<T>()
                swap(&result, &results[offset])
                if let error = result.syntaxError { throw error }
                state.problems += result.overflows
                state.take(result.read!, index: taken + offset, sink: sink, mapped: result.mapped)
            }
            taken += results.count
            next = after
            progress?(taken, total)
            if isLast { return .read(end: after, count: taken) }
        }
        return .rest(offset: next, index: taken)
    }
}

/// What the parsing thread hands over: a batch's results and the offset after it, or where the
/// rest of the array is to be read one element at a time.
private enum Batch<T: Sendable> {
    case results([ElementResult<T>], next: Int, isLast: Bool)
    case rest(offset: Int, index: Int)
}

/// What the parsing thread needs of one read, shared read-only.
private struct BatchWork<T: Sendable>: Sendable {
    let input: SharedBytes
    let features: FeatureReader
    let maxDepth: Int
    let map: @Sendable (Int, Feature) -> (T?, [Problem])
    let direct: GeoJSONReader.DirectDecoder<T>?

    /// The elements found by one scan, the first being element `first` of the array, each read on
    /// a parser of its own, in slices spread over all cores.
    func results(of elements: ElementScanner.Elements, first: Int) -> [ElementResult<T>] {
        let count = elements.starts.count
        var results = [ElementResult<T>](repeating: ElementResult(), count: count)
        // More slices than cores, so that a core the taking thread holds for a while leaves no other idle.
        let slices = ProcessInfo.processInfo.activeProcessorCount * 4
        let perSlice = (count + slices - 1) / slices
        results.withUnsafeMutableBufferPointer { slots in
            let slots = SharedSlots(base: slots.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                for i in min(count, slice * perSlice) ..< min(count, (slice + 1) * perSlice) {
                    // Each slice writes its own slots; the parsed trees are freed here too.
                    slots.base[i] = element(first + i, from: elements.starts[i], to: elements.end(of: i))
                }
            }
        }
        return results
    }

    /// One element, on a parser of its own: its syntax, overflows, feature rules and mapping.
    private func element(_ index: Int, from start: Int, to end: Int) -> ElementResult<T> {
        let bytes = input.bytes
        if let direct, let read = GeoJSONReader.directElement(direct, bytes, from: start, index: index, maxDepth: maxDepth),
           read.end == end
        {
            return ElementResult(read: GeoJSONReader.directResult(index: index, id: read.id), mapped: (read.value, []))
        }
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.offset = start
        do throws(JSONSyntaxError) {
            let value = try parser.value(depth: 2)
            if parser.peek() != nil && parser.offset != end {
                throw parser.error("expected ',' or ']' after an array element")
            }
            let pointer = "/features/" + String(index)
            let overflows = features.overflows(in: value, at: pointer, literals: parser.overflows)
                + (parser.repeatedMembers > 0 ? features.repeatedMembers(in: value, at: pointer) : [])
            var read = features.read(value, at: pointer, idLiteral: parser.numericID(depth: GeoJSONReader.featureDepth))
            let mapped = read.feature.map { map(index, $0) }
            // Only whether it was valid is needed from here on: the feature is freed on this thread.
            read.feature = read.feature.map { _ in Feature() }
            return ElementResult(overflows: overflows, read: read, mapped: mapped)
        } catch {
            return ElementResult(syntaxError: error)
        }
    }
}
