import XCTest

@testable import StanceFeatures

final class InPlaceSortTests: XCTestCase {
    /// Sorts a copy of `values` both ways and compares with the standard library's sort.
    private func check(_ values: [UInt64], depthLimit: Int? = nil, file: StaticString = #filePath, line: UInt = #line) {
        var sorted = values
        sorted.withUnsafeMutableBufferPointer { buffer in
            if let depthLimit { InPlaceSort.sort(buffer, depthLimit: depthLimit) } else { InPlaceSort.sort(buffer) }
        }
        XCTAssertEqual(sorted, values.sorted(), "\(values.count) values", file: file, line: line)
    }

    func testSortsLikeTheStandardLibraryOnRandomRowsOfEverySize() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...300 {
            // Packed row entries: column in the high half, a small value in the low half; few
            // distinct columns give many duplicates.
            let columns = UInt64(max(1, count / 3))
            let values = (0..<count).map { _ in
                (UInt64.random(in: 0..<columns, using: &generator) << 32) | UInt64.random(in: 1...3, using: &generator)
            }
            check(values)
            check(values, depthLimit: 0)
        }
    }

    func testSortsOrderedReversedAndConstantInput() {
        for count in [2, 15, 16, 17, 64, 1000] {
            let ascending = (0..<UInt64(count)).map { $0 * 7 }
            check(ascending)
            check(Array(ascending.reversed()))
            check(Array(repeating: 42, count: count))
            check(Array(ascending.reversed()), depthLimit: 0)
            // Organ pipe: a classic bad case for naive pivots.
            check(ascending + ascending.reversed())
        }
    }

    func testSortsSignedColumns() {
        var columns: [Int32] = [5, -3, 9, 0, -3, 12, 7, 7, 1, -100, 44, 3, 2, 8, 6, 11, 10, 4, 13, 15, 14]
        let expected = columns.sorted()
        columns.withUnsafeMutableBufferPointer { InPlaceSort.sort($0) }
        XCTAssertEqual(columns, expected)
    }
}
