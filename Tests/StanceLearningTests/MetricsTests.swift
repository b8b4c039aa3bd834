import XCTest

@testable import StanceLearning

final class MetricsTests: XCTestCase {
    func testNeverPredictedClassHasUndefinedPrecisionAndZeroF1() throws {
        // truth:     a a b b c c ; predicted: a a a b b b (c never predicted)
        let metrics = ClassificationMetrics(truth: [0, 0, 1, 1, 2, 2], predicted: [0, 0, 0, 1, 1, 1], labels: ["a", "b", "c"])
        XCTAssertEqual(metrics.accuracy, 0.5)
        XCTAssertEqual(metrics.confusion, [[2, 0, 0], [1, 1, 0], [0, 2, 0]])
        XCTAssertNil(metrics.perClass[2].precision)
        XCTAssertEqual(metrics.perClass[2].recall, 0)
        XCTAssertEqual(metrics.perClass[2].f1, 0)
        XCTAssertEqual(metrics.perClass[0].precision!, 2.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(metrics.perClass[0].f1, 0.8, accuracy: 1e-15)
        XCTAssertEqual(metrics.perClass[1].f1, 0.4, accuracy: 1e-15)
        // (0.8 + 0.4 + 0) / 3, as scikit-learn's f1_score(average="macro", zero_division=0).
        XCTAssertEqual(metrics.macroF1, 0.4, accuracy: 1e-15)
        let json = String(decoding: try JSONEncoder().encode(metrics), as: UTF8.self)
        XCTAssertTrue(json.contains("\"precision\":\"undefined\""), json)
        XCTAssertEqual(try JSONDecoder().decode(ClassificationMetrics.self, from: Data(json.utf8)), metrics)
        XCTAssertTrue(metrics.formattedTable().contains("undef"))
    }

    func testClassAbsentEverywhereIsLeftOutOfTheMacroAverage() {
        let metrics = ClassificationMetrics(truth: [0, 1, 1], predicted: [0, 1, 1], labels: ["a", "b", "c"])
        XCTAssertNil(metrics.perClass[2].precision)
        XCTAssertNil(metrics.perClass[2].recall)
        XCTAssertEqual(metrics.macroF1, 1)
    }
}
