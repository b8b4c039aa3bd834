import StanceFeatures
import XCTest

final class SparseVectorTests: XCTestCase {
    func testUnsortedPairsAreSortedAndRepeatsSummed() {
        let vector = SparseVector(unsortedPairs: [(7, 1.5), (2, 1), (7, 0.5), (0, -3)])
        XCTAssertEqual(vector.indices, [0, 2, 7])
        XCTAssertEqual(vector.values, [-3, 1, 2])
    }

    func testSubscriptReadsStoredAndMissingColumns() {
        let vector = SparseVector(indices: [1, 4, 9], values: [0.5, 2, -1])
        XCTAssertEqual(vector[4], 2)
        XCTAssertEqual(vector[9], -1)
        XCTAssertEqual(vector[0], 0)
        XCTAssertEqual(vector[5], 0)
        XCTAssertEqual(vector[10], 0)
        XCTAssertEqual(SparseVector()[3], 0)
    }

    func testNormalizedHasUnitLengthAndZeroStaysZero() {
        let vector = SparseVector(indices: [0, 3], values: [3, 4])
        XCTAssertEqual(vector.norm, 5)
        XCTAssertEqual(vector.normalized(), SparseVector(indices: [0, 3], values: [0.6, 0.8]))
        XCTAssertEqual(SparseVector().normalized(), SparseVector())
    }

    func testAddingMergesColumnsInOrder() {
        let left = SparseVector(indices: [0, 5, 8], values: [1, 2, 3])
        let right = SparseVector(indices: [1, 5, 9], values: [10, 20, 30])
        XCTAssertEqual(left.adding(right), SparseVector(indices: [0, 1, 5, 8, 9], values: [1, 10, 22, 3, 30]))
        XCTAssertEqual(left.adding(SparseVector()), left)
        XCTAssertEqual(SparseVector().adding(right), right)
    }
}
