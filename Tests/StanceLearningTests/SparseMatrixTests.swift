import XCTest

@testable import StanceLearning

final class SparseMatrixTests: XCTestCase {
    func testAppendRowSortsIndicesAndSumsDuplicates() {
        var matrix = SparseMatrix(columnCount: 5)
        matrix.appendRow(indices: [3, 0, 3], values: [1.5, 2, 0.5])
        matrix.appendRow(indices: [], values: [])
        matrix.appendRow(indices: [1, 4], values: [-1, 7])
        XCTAssertEqual(matrix.rowCount, 3)
        XCTAssertEqual(matrix.nonzeroCount, 4)
        XCTAssertEqual(Array(matrix.row(0).indices), [0, 3])
        XCTAssertEqual(Array(matrix.row(0).values), [2, 2])
        XCTAssertTrue(matrix.row(1).indices.isEmpty)
        XCTAssertEqual(Array(matrix.row(2).values), [-1, 7])
    }

    func testRowsAtSelectionCopiesRowsInOrder() {
        var matrix = SparseMatrix(columnCount: 3)
        for k in 0..<3 { matrix.appendRow(indices: [Int32(k)], values: [Double(k + 1)]) }
        let picked = matrix.rows(at: [2, 0])
        XCTAssertEqual(picked.rowCount, 2)
        XCTAssertEqual(Array(picked.row(0).values), [3])
        XCTAssertEqual(Array(picked.row(1).indices), [0])
    }
}
