import XCTest

@testable import StanceFeatures

final class TokenizerTests: XCTestCase {
    private let tokenizer = Tokenizer()

    private func texts(_ text: String) -> [String] { tokenizer.tokenize(text).map(\.text) }

    func testEmptyAndWhitespaceOnlyTextGiveNoTokens() {
        XCTAssertEqual(tokenizer.tokenize(""), [])
        XCTAssertEqual(tokenizer.tokenize(" \t\n\u{00A0}\u{2003}\r\n \u{200B}"), [])
    }

    func testWordsAreLowerCasedWithScalarOffsets() {
        XCTAssertEqual(
            tokenizer.tokenize("Talks resume, Ministers said."),
            [
                Token(text: "talks", range: 0..<5, kind: .word),
                Token(text: "resume", range: 6..<12, kind: .word),
                Token(text: ",", range: 12..<13, kind: .punctuation),
                Token(text: "ministers", range: 14..<23, kind: .word),
                Token(text: "said", range: 24..<28, kind: .word),
                Token(text: ".", range: 28..<29, kind: .punctuation),
            ])
    }

    func testOffsetsCountUnicodeScalarsNotCharacters() {
        // "e" + combining acute is two scalars but one Character; the emoji flag is two scalars.
        let tokens = tokenizer.tokenize("Cafe\u{301} \u{1F1FA}\u{1F1E6} Kyiv")
        XCTAssertEqual(tokens.first, Token(text: "cafe\u{301}", range: 0..<5, kind: .word))
        XCTAssertEqual(tokens.last, Token(text: "kyiv", range: 9..<13, kind: .word))
    }

    func testPossessivesSplitForStraightAndCurlyApostrophes() {
        XCTAssertEqual(
            tokenizer.tokenize("Orban's aide"),
            [
                Token(text: "orban", range: 0..<5, kind: .word),
                Token(text: "'s", range: 5..<7, kind: .possessive),
                Token(text: "aide", range: 8..<12, kind: .word),
            ])
        XCTAssertEqual(
            tokenizer.tokenize("Orban\u{2019}s"),
            [
                Token(text: "orban", range: 0..<5, kind: .word),
                Token(text: "'s", range: 5..<7, kind: .possessive),
            ])
    }

    func testNegationAndOtherClitics() {
        XCTAssertEqual(
            texts("They didn\u{2019}t agree; we\u{2019}re sure they won't, and I'm told we'd've..."),
            [
                "they", "did", "n't", "agree", ";", "we", "'re", "sure", "they", "wo", "n't", ",",
                "and", "i", "'m", "told", "we'd", "'ve", "...",
            ])
        XCTAssertEqual(tokenizer.tokenize("didn't")[1], Token(text: "n't", range: 3..<6, kind: .word))
    }

    func testInnerApostrophesInNamesStayInTheWord() {
        XCTAssertEqual(texts("O\u{2019}Neill met D'Souza"), ["o'neill", "met", "d'souza"])
    }

    func testTrailingApostropheIsPunctuation() {
        XCTAssertEqual(texts("the envoys' plan"), ["the", "envoys", "'", "plan"])
    }

    func testHyphenatedNamePairsGiveWholeThenParts() {
        XCTAssertEqual(
            tokenizer.tokenize("a Rossi\u{2010}Haddad call"),
            [
                Token(text: "a", range: 0..<1, kind: .word),
                Token(text: "rossi-haddad", range: 2..<14, kind: .word),
                Token(text: "rossi", range: 2..<7, kind: .word),
                Token(text: "haddad", range: 8..<14, kind: .word),
                Token(text: "call", range: 15..<19, kind: .word),
            ])
    }

    func testOrdinaryHyphenatedWordsStayWhole() {
        XCTAssertEqual(
            texts("de-escalation and pro-Western, COVID-19 era"),
            ["de-escalation", "and", "pro-western", ",", "covid-19", "era"])
    }

    func testNumbersFoldToPlaceholder() {
        XCTAssertEqual(
            tokenizer.tokenize("3.5 or 1,200 at 10:30 in the 1990s, 2nd."),
            [
                Token(text: "<num>", range: 0..<3, kind: .number),
                Token(text: "or", range: 4..<6, kind: .word),
                Token(text: "<num>", range: 7..<12, kind: .number),
                Token(text: "at", range: 13..<15, kind: .word),
                Token(text: "<num>", range: 16..<21, kind: .number),
                Token(text: "in", range: 22..<24, kind: .word),
                Token(text: "the", range: 25..<28, kind: .word),
                Token(text: "<num>", range: 29..<34, kind: .number),
                Token(text: ",", range: 34..<35, kind: .punctuation),
                Token(text: "<num>", range: 36..<39, kind: .number),
                Token(text: ".", range: 39..<40, kind: .punctuation),
            ])
    }

    func testInitialismsKeepTheirStops() {
        XCTAssertEqual(
            texts("U.S. and U.K. envoys, e.g. J. D. Smith."),
            ["u.s.", "and", "u.k.", "envoys", ",", "e.g.", "j", ".", "d", ".", "smith", "."])
    }

    func testQuotesAndDashesFoldToASCII() {
        XCTAssertEqual(
            tokenizer.tokenize("\u{201C}No\u{201D}\u{2014}\u{2018}never\u{2019} -- ok \u{2013} x-"),
            [
                Token(text: "\"", range: 0..<1, kind: .punctuation),
                Token(text: "no", range: 1..<3, kind: .word),
                Token(text: "\"", range: 3..<4, kind: .punctuation),
                Token(text: "--", range: 4..<5, kind: .punctuation),
                Token(text: "'", range: 5..<6, kind: .punctuation),
                Token(text: "never", range: 6..<11, kind: .word),
                Token(text: "'", range: 11..<12, kind: .punctuation),
                Token(text: "--", range: 13..<15, kind: .punctuation),
                Token(text: "ok", range: 16..<18, kind: .word),
                Token(text: "--", range: 19..<20, kind: .punctuation),
                Token(text: "x", range: 21..<22, kind: .word),
                Token(text: "-", range: 22..<23, kind: .punctuation),
            ])
    }

    func testEllipsisCharacterAndDotsAreOneToken() {
        XCTAssertEqual(texts("wait\u{2026} then... go."), ["wait", "...", "then", "...", "go", "."])
    }

    func testSoftHyphenInsideAWordIsSkipped() {
        XCTAssertEqual(tokenizer.tokenize("nego\u{00AD}tiate"), [Token(text: "negotiate", range: 0..<10, kind: .word)])
    }

    func testTokenizingASubrangeKeepsOffsetsIntoTheWhole() {
        let scalars = Array("First one. Second one.".unicodeScalars)
        XCTAssertEqual(tokenizer.tokenize(scalars, in: 11..<22).first, Token(text: "second", range: 11..<17, kind: .word))
    }

    func testReplacementCharacterIsPunctuationNotACrash() {
        XCTAssertEqual(texts("a\u{FFFD}b"), ["a", "\u{FFFD}", "b"])
    }
}
