import StanceFeatures
import XCTest

@testable import StanceKit

/// Prediction scores a sentence's bag of words once and each mention's block after it; the
/// probabilities must be, bit for bit, those of scoring the mention's whole row.
final class SplitScoringTests: XCTestCase {
    func testBagThenMentionBlockScoresLikeTheWholeRow() throws {
        for name in ["stance.json", "sentiment.json"] {
            let classifier = try TextClassifier.load(TestPaths.models.appendingPathComponent(name))
            for (sentence, targets) in [
                ("Putin rejected the offer, but Zelensky said talks remain possible.", ["Putin", "Zelensky"]),
                ("The union said it was ready to return to the table as early as Monday.", ["The union", "it"]),
                ("Nothing of note.", ["Nothing"]),
            ] {
                let prepared = classifier.prepare(sentence)
                let bag = classifier.bagScores(for: prepared)
                let ranges = targets.map { target -> Range<Int> in
                    let start =
                        sentence.unicodeScalars.count
                        - sentence[sentence.range(of: target)!.lowerBound...].unicodeScalars.count
                    return start..<(start + target.unicodeScalars.count)
                }
                for target in ranges {
                    let example = FeatureExample(sentence: sentence, target: target, otherActors: ranges)
                    let row = classifier.vector(for: example)
                    let whole = row.indices.withUnsafeBufferPointer { indices in
                        row.values.withUnsafeBufferPointer { values in
                            classifier.file.classifier.probabilities(indices: indices, values: values)
                        }
                    }
                    XCTAssertEqual(classifier.probabilities(for: prepared, bagScores: bag, example: example), whole, "\(name): \(sentence)")
                    XCTAssertEqual(classifier.probabilities(for: example), whole, "\(name): \(sentence)")
                }
            }
        }
    }

    /// The reason the split order equals the row's column order: in code-point order every
    /// `bow:` term sorts before every mention feature, in any vocabulary.
    func testEveryBagOfWordsColumnPrecedesEveryMentionColumn() throws {
        for name in ["stance.json", "sentiment.json"] {
            let classifier = try TextClassifier.load(TestPaths.models.appendingPathComponent(name))
            let terms = classifier.file.features.vocabulary.terms
            let lastBag = try XCTUnwrap(terms.lastIndex { $0.hasPrefix("bow:") }, name)
            let firstOther = try XCTUnwrap(terms.firstIndex { !$0.hasPrefix("bow:") }, name)
            XCTAssertLessThan(lastBag, firstOther, name)
        }
    }
}
