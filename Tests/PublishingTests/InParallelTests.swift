import Foundation
import Testing
@testable import Publishing

/// Work spread over every core comes back as if done in order: answers by index, and the
/// failure of the lowest index, however the threads ran.
@Suite struct InParallelTests {
    struct Failure: Error, Equatable {
        let index: Int
    }

    @Test func answersComeInIndexOrderWhicheverFinishesFirst() {
        // Early indices take longest, so they finish last.
        let answers = inParallel(64) { index in
            usleep(UInt32((64 - index) * 200))
            return index * index
        }
        #expect(answers == (0 ..< 64).map { $0 * $0 })
    }

    @Test func theLowestFailingIndexIsThrownThoughHigherOnesFailFirst() {
        #expect(throws: Failure(index: 8)) {
            try inParallel(64) { (index: Int) throws(Failure) -> Int in
                guard index >= 8, index % 8 == 0 else { return index }
                usleep(UInt32(400_000 / index))
                throw Failure(index: index)
            }
        }
    }
}
