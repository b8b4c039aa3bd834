import Foundation
import XCTest

@testable import StanceFeatures

final class TextNormalizerTests: XCTestCase {
    func testNormalizeFoldsTypographyOneScalarForOne() {
        let text = "\u{201C}Lund\u{2019}s\u{201D}\u{00A0}plan\u{2013}now \u{2010}x \u{2212}3 \u{AB}ok\u{BB}\u{2028}end\u{2026}"
        let normalized = TextNormalizer.normalize(text)
        XCTAssertEqual(normalized, "\"Lund's\" plan\u{2014}now -x -3 \"ok\"\nend\u{2026}")
        XCTAssertEqual(normalized.unicodeScalars.count, text.unicodeScalars.count)
    }

    func testNormalizeKeepsCarriageReturnLineFeedAsOneBreak() {
        XCTAssertEqual(TextNormalizer.normalize("a\r\nb\rc"), "a \nb\nc")
    }

    func testNormalizeIsIdempotentAndLeavesPlainTextAlone() {
        let plain = "Plain ASCII text, with 3.5% and U.S. initials."
        XCTAssertEqual(TextNormalizer.normalize(plain), plain)
        let messy = "\u{201E}Quote\u{201C} \u{2015} \u{2032}"
        XCTAssertEqual(TextNormalizer.normalize(TextNormalizer.normalize(messy)), TextNormalizer.normalize(messy))
    }

    func testNormalizeKeepsEmptyAndInvisibleCharacters() {
        XCTAssertEqual(TextNormalizer.normalize(""), "")
        // Soft hyphens cannot be deleted without moving offsets; the tokenizer skips them.
        XCTAssertEqual(TextNormalizer.normalize("a\u{AD}b"), "a\u{AD}b")
    }

    func testDecodeReplacesInvalidBytesInsteadOfFailing() {
        // 0xC3 starts a two-byte sequence but is followed by ASCII; 0xFF never occurs in UTF-8;
        // 0xE2 0x80 is a truncated three-byte sequence at the end.
        let data = Data([0x41, 0xC3, 0x42, 0xFF, 0x43, 0xE2, 0x80])
        XCTAssertEqual(TextNormalizer.decode(data), "A\u{FFFD}B\u{FFFD}C\u{FFFD}")
    }

    func testDecodeHandlesEmptyDataAndByteOrderMarks() {
        XCTAssertEqual(TextNormalizer.decode(Data()), "")
        XCTAssertEqual(TextNormalizer.decode(Data([0xEF, 0xBB, 0xBF, 0x68, 0x69])), "hi")
        XCTAssertEqual(TextNormalizer.decode(Data([0xFF, 0xFE, 0x68, 0x00, 0x19, 0x20])), "h\u{2019}")
        XCTAssertEqual(TextNormalizer.decode(Data([0xFE, 0xFF, 0x00, 0x68, 0x00])), "h\u{FFFD}")
    }

    func testDecodeKeepsValidMultiByteText() {
        let text = "Zelensk\u{FD}j \u{1F1FA}\u{1F1E6} \u{4E2D}"
        XCTAssertEqual(TextNormalizer.decode(Data(text.utf8)), text)
    }

    func testScalarArrayConversionMatchesTheStandardLibrary() {
        let text = "a\u{E9}\u{4E2D}\u{1F600}\r\n\u{301}"
        XCTAssertEqual(ScalarText.scalars(of: text), Array(text.unicodeScalars))
        XCTAssertEqual(ScalarText.scalars(of: ""), [])
        let scalars = ScalarText.scalars(of: text)
        XCTAssertEqual(ScalarText.string(scalars, 0..<scalars.count), text)
        XCTAssertEqual(ScalarText.string(scalars, 2..<4), "\u{4E2D}\u{1F600}")
        // Each width at its edges: the string is sized from the scalars before it is written.
        let edges = "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}a"
        let edgeScalars = ScalarText.scalars(of: edges)
        XCTAssertEqual(ScalarText.string(edgeScalars, 0..<edgeScalars.count), edges)
        XCTAssertEqual(ScalarText.string(edgeScalars, 1..<3).utf8.count, 4)
    }

    func testScalarCountMatchesTheStandardLibrary() {
        for text in [
            "", "a", "a\u{E9}\u{4E2D}\u{1F600}\r\n\u{301}", "\u{1F1FA}\u{1F1E6}\u{200D}x",
            String(repeating: "\u{E9}t\u{E9} ", count: 40), "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
        ] {
            XCTAssertEqual(ScalarText.count(of: text), text.unicodeScalars.count, text)
        }
        // A bridged or sliced string takes the same path.
        let sliced = String("xx\u{1F600}yy".dropFirst(1))
        XCTAssertEqual(ScalarText.count(of: sliced), 4)
    }
}
