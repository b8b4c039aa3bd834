import XCTest

final class EndToEndTestsPlaceholder: XCTestCase {
    func testPlaceholderBuilds() { XCTAssertEqual(1 + 1, 2) }
}
