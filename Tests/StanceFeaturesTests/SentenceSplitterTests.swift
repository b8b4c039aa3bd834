import XCTest

@testable import StanceFeatures

final class SentenceSplitterTests: XCTestCase {
    private let splitter = SentenceSplitter()

    private func texts(_ text: String) -> [String] { splitter.split(text).sentences.map(\.text) }

    func testEmptyAndWhitespaceOnlyTextGiveNoSentences() {
        for text in ["", "   ", "\n\n\t\n", "\u{00A0}\u{2028}\r\n"] {
            let split = splitter.split(text)
            XCTAssertEqual(split.sentences, [], "input \(text.debugDescription)")
            XCTAssertEqual(split.skippedDuplicateParagraphs, 0)
        }
    }

    func testSentencesCarryRangesIndicesAndParagraphs() {
        let text = "  Talks stalled. Envoys left!\n\nA new round opens? Maybe.  "
        XCTAssertEqual(
            splitter.split(text).sentences,
            [
                Sentence(index: 0, paragraph: 0, range: 2..<16, text: "Talks stalled."),
                Sentence(index: 1, paragraph: 0, range: 17..<29, text: "Envoys left!"),
                Sentence(index: 2, paragraph: 1, range: 31..<49, text: "A new round opens?"),
                Sentence(index: 3, paragraph: 1, range: 50..<56, text: "Maybe."),
            ])
    }

    func testAbbreviationsTitlesAndInitialsDoNotSplit() {
        XCTAssertEqual(
            texts("Gen. Ward met Sen. Okafor and Mr. Lund in Jan. last year. J. D. Vance of the U.S. spoke after them."),
            [
                "Gen. Ward met Sen. Okafor and Mr. Lund in Jan. last year.",
                "J. D. Vance of the U.S. spoke after them.",
            ])
    }

    func testInitialismEndsASentenceWhenACommonOpenerFollows() {
        XCTAssertEqual(
            texts("Aid came from the U.K. The money arrived late. Ties with the U.S. Congress soured."),
            ["Aid came from the U.K.", "The money arrived late.", "Ties with the U.S. Congress soured."])
    }

    func testDecimalsEllipsesAndEmDashesDoNotSplitMidSentence() {
        XCTAssertEqual(
            texts("Growth was 3.5 percent\u{2014}a record. Then\u{2026} nothing. It rose... Prices fell."),
            ["Growth was 3.5 percent\u{2014}a record.", "Then\u{2026} nothing.", "It rose...", "Prices fell."])
    }

    func testLowerCaseContinuationAfterAStopDoesNotSplit() {
        XCTAssertEqual(texts("See e.g. the draft. Next."), ["See e.g. the draft.", "Next."])
    }

    func testQuoteWithCommaAndAttributionStaysOneSentenceAcrossALineBreak() {
        let text = "\u{201C}We will keep talking until spring,\u{201D}\nMinister Ana Costa said on Friday. She left."
        XCTAssertEqual(
            texts(text),
            [
                "\u{201C}We will keep talking until spring,\u{201D}\nMinister Ana Costa said on Friday.",
                "She left.",
            ])
    }

    func testQuestionInQuotesFollowedByAttributionStaysOneSentence() {
        XCTAssertEqual(
            texts("\u{201C}Why would we sign now?\u{201D} Costa asked reporters. \u{201C}No.\u{201D} The end."),
            ["\u{201C}Why would we sign now?\u{201D} Costa asked reporters.", "\u{201C}No.\u{201D}", "The end."])
        XCTAssertEqual(texts("\"Is it over?\"\nsaid the envoy, smiling."), ["\"Is it over?\"\nsaid the envoy, smiling."])
    }

    func testMultiSentenceQuotationStaysWithItsAttribution() {
        XCTAssertEqual(
            texts("\u{201C}We will listen. Whether we agree is another matter,\u{201D} she told staff. Then she left."),
            ["\u{201C}We will listen. Whether we agree is another matter,\u{201D} she told staff.", "Then she left."])
        // Without an attribution after the closing quote, the quoted sentences split as usual.
        XCTAssertEqual(
            texts("\"We will listen. We always do.\" The meeting ended."),
            ["\"We will listen.", "We always do.\"", "The meeting ended."])
    }

    func testQuestionInQuotesFollowedByANewSentenceSplits() {
        XCTAssertEqual(
            texts("\u{201C}Why now?\u{201D} The question hung in the air."),
            ["\u{201C}Why now?\u{201D}", "The question hung in the air."])
    }

    func testHeadlineWithoutFullStopIsItsOwnSentence() {
        let split = splitter.split("Ministers Reject Ceasefire Plan\nThe meeting ended early. Nobody spoke.")
        XCTAssertEqual(split.sentences.map(\.text), ["Ministers Reject Ceasefire Plan", "The meeting ended early.", "Nobody spoke."])
        XCTAssertEqual(split.sentences.map(\.paragraph), [0, 1, 1])
    }

    func testHardWrappedLinesJoinWhenTheNextLineStartsLowerCase() {
        XCTAssertEqual(
            texts("The delegation arrived in\nthe capital at dawn.\nTalks began."),
            ["The delegation arrived in\nthe capital at dawn.", "Talks began."])
    }

    func testLinesWrappedAfterAFunctionWordJoinEvenBeforeACapital() {
        XCTAssertEqual(
            texts("Talks continued with\nPresident Costa until dawn.\nA Quiet Morning\nNobody spoke."),
            ["Talks continued with\nPresident Costa until dawn.", "A Quiet Morning", "Nobody spoke."])
    }

    func testRepeatedParagraphsAreSkippedAndCounted() {
        let text = """
            Border Talks Resume
            The envoys met twice.  They agreed on little.
            Border Talks Resume
            A "third" meeting is planned.

            The envoys met twice. They agreed on little.
            A \u{201C}third\u{201D}  meeting is planned.
            """
        let split = splitter.split(text)
        XCTAssertEqual(split.skippedDuplicateParagraphs, 3)
        XCTAssertEqual(
            split.sentences.map(\.text),
            [
                "Border Talks Resume", "The envoys met twice.", "They agreed on little.", "A \"third\" meeting is planned.",
            ])
        XCTAssertEqual(split.sentences.map(\.paragraph), [0, 1, 1, 2])
        XCTAssertEqual(split.sentences.map(\.index), [0, 1, 2, 3])
    }

    func testCarriageReturnLineFeedIsOneLineBreak() {
        let split = splitter.split("First line\r\nSecond line.\r\n\r\nThird.")
        XCTAssertEqual(split.sentences.map(\.text), ["First line", "Second line.", "Third."])
        XCTAssertEqual(split.sentences.map(\.paragraph), [0, 1, 2])
    }

    func testRangesIndexTheOriginalTextAfterMultiScalarCharacters() {
        let text = "Caf\u{65}\u{301} owners \u{1F1FA}\u{1F1E6} cheered. Then they left."
        let scalars = Array(text.unicodeScalars)
        for sentence in splitter.split(text).sentences {
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[sentence.range])), sentence.text)
        }
        XCTAssertEqual(splitter.split(text).sentences.last?.range, 25..<40)
    }

    func testReplacementCharactersFromBadBytesDoNotBreakSplitting() {
        let text = TextNormalizer.decode(Data([0x4F, 0x6B, 0xFF, 0x2E, 0x20, 0x4E, 0x6F, 0xC3, 0x2E]))
        XCTAssertEqual(texts(text), ["Ok\u{FFFD}.", "No\u{FFFD}."])
    }
}
