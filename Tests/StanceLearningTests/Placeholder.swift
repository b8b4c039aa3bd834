import XCTest

final class StanceLearningTestsPlaceholder: XCTestCase {
    func testPlaceholderBuilds() { XCTAssertEqual(1 + 1, 2) }
}
