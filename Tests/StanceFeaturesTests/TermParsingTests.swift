import Foundation
import XCTest

@testable import StanceFeatures

/// The byte-level vocabulary term parser against the character-wise one it stands in for.
final class TermParsingTests: XCTestCase {
    /// Parses every term with both paths, each into its own word table, and compares the keys.
    func assertPathsAgree(_ terms: [String], file: StaticString = #filePath, line: UInt = #line) {
        let labels = ["1": 0, "2": 1, "3-4": 2, "5-8": 3]
        var fast = WordTableBuilder(negators: ["not"], clauseBoundaries: ["but"])
        var slow = WordTableBuilder(negators: ["not"], clauseBoundaries: ["but"])
        for term in terms {
            let expected: UInt64?
            if let named = FeatureEngine.namedKeys.value(for: term) {
                expected = named
            } else {
                expected = FeatureEngine.parseByCharacters(term, labels: labels, words: &slow)
            }
            XCTAssertEqual(FeatureEngine.parse(term, labels: labels, words: &fast), expected, term, file: file, line: line)
        }
        XCTAssertEqual(fast.finish().texts, slow.finish().texts, file: file, line: line)
    }

    func testEdgeCasesParseAlike() {
        assertPathsAgree([
            "bow:talks", "bow:not_talks", "bow:not_", "bow:", "bow: ", "bow:a b", "bow:a b c", "bow:not_a not_b", "bow:a ",
            "clause:refus", "clause:", "rel:w:x", "rel:w:", "tgt:kyiv", "quote:w:no", "quote:speaker", "quote:inside",
            "subj", "lex:open", "ctx:L1:temper", "ctx:R3-4:talk", "ctx:R5-8:not_talk", "ctx:X1:a", "ctx::a", "ctx:L:a",
            "ctx:L9:a", "ctx:L1:", "ctx:", "ctx:L1", "unknown", "", "bow:é", "bow:naïve talks", "ctx:L1:café",
            "tgt:\u{301}a", "bow:a \u{301}b", "clause:😀", "rel:says", "val:clause:pos",
        ])
    }

    func testShippedVocabulariesParseAlike() throws {
        let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models")
        for name in ["stance.json", "sentiment.json"] {
            let data = try Data(contentsOf: models.appendingPathComponent(name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let features = object?["features"] as? [String: Any]
            let vocabulary = features?["vocabulary"] as? [String: Any]
            let terms = try XCTUnwrap((vocabulary?["terms"] ?? features?["terms"]) as? [String], "no terms in \(name)")
            XCTAssertGreaterThan(terms.count, 10_000)
            assertPathsAgree(terms)
        }
    }
}
