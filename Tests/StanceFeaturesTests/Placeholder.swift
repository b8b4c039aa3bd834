import XCTest

final class StanceFeaturesTestsPlaceholder: XCTestCase {
    func testPlaceholderBuilds() { XCTAssertEqual(1 + 1, 2) }
}
