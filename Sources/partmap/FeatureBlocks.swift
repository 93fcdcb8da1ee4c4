import Foundation
import Publishing

/// Writes many features' text to a file in their order, the text of blocks of features made on
/// every core (`inParallel`), a window of blocks at a time, so that at most a window's text is in
/// memory.
enum FeatureBlocks {
    /// Features per block: big enough that a block's work outweighs handing it to a thread.
    static let blockSize = 2048

    /// Appends to the handle the text `feature` writes for each index of `0 ..< count`, in index order.
    /// - Throws: why the handle cannot be written.
    static func write(count: Int, to handle: FileHandle, _ feature: @escaping @Sendable (Int, inout String) -> Void) throws {
        let blocks = (count + blockSize - 1) / blockSize
        let window = max(1, ProcessInfo.processInfo.activeProcessorCount) * 4
        for first in stride(from: 0, to: blocks, by: window) {
            let texts = inParallel(min(window, blocks - first)) { slot in
                let start = (first + slot) * blockSize
                var text = ""
                text.reserveCapacity(blockSize * 700)
                for index in start ..< min(start + blockSize, count) { feature(index, &text) }
                return text
            }
            for text in texts { try handle.write(contentsOf: Data(text.utf8)) }
        }
    }
}
