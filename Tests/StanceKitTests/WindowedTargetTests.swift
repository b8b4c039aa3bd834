import StanceKit
import XCTest

@testable import StanceFeatures

/// A given-target sentence longer than `InputLimits.maximumSentenceLength` is read in a
/// window around each target; every target must be classified in its own window, exactly
/// as if it were the line's only target.
final class WindowedTargetTests: XCTestCase {
    func testEachTargetOfALongSentenceGetsItsOwnWindow() throws {
        let predictor = try ShippedModelAccuracyTests.predictor.get()
        let opening = "Putin said on Tuesday that Moscow was ready to discuss a ceasefire with European mediators, "
        let filler = String(
            repeating:
                "while officials in several capitals weighed the terms of an exchange of prisoners and the monitoring of the front line, ",
            count: 20)
        let closing = "and Zelensky rejected any talks held under pressure"
        let text = opening + filler + closing
        XCTAssertGreaterThan(text.unicodeScalars.count, 2 * InputLimits.maximumSentenceLength)
        let scalars = Array(text.unicodeScalars)
        func span(_ word: String, last: Bool) -> DocumentTarget {
            let needle = Array(word.unicodeScalars)
            let starts = (0...(scalars.count - needle.count)).filter { Array(scalars[$0..<$0 + needle.count]) == needle }
            let start = last ? starts[starts.count - 1] : starts[0]
            return DocumentTarget(start: start, end: start + needle.count, actor: word)
        }
        let putin = span("Putin", last: false)
        let zelensky = span("Zelensky", last: true)
        let both = predictor.predict(Document(id: "both", text: text, targets: [putin, zelensky], isSingleSentence: true))
        XCTAssertEqual(both.rows.count, 2)
        for (index, target) in [putin, zelensky].enumerated() {
            let alone = predictor.predict(Document(id: "alone", text: text, targets: [target], isSingleSentence: true))
            XCTAssertEqual(alone.rows.count, 1)
            XCTAssertEqual(both.rows[index].actor, alone.rows[0].actor)
            XCTAssertEqual(both.rows[index].text, alone.rows[0].text, "target \(index) is classified in another window")
            XCTAssertEqual(both.rows[index].stanceProbabilities, alone.rows[0].stanceProbabilities, "target \(index)")
            XCTAssertEqual(both.rows[index].sentimentProbabilities, alone.rows[0].sentimentProbabilities, "target \(index)")
        }
    }
}
