import XCTest

final class StanceKitTestsPlaceholder: XCTestCase {
    func testPlaceholderBuilds() { XCTAssertEqual(1 + 1, 2) }
}
