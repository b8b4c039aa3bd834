import Foundation
import XCTest

@testable import StanceFeatures

final class LexiconsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lexicons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ files: [String: String]) throws {
        for category in Lexicons.Category.allCases {
            let text = files[category.rawValue] ?? ""
            try text.write(to: directory.appendingPathComponent("\(category.rawValue).txt"), atomically: true, encoding: .utf8)
        }
    }

    private var shippedDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/lexicons")
    }

    func testLoadSkipsCommentsAndBlankLinesAndKeepsFileOrder() throws {
        try write([
            "open": "# open cues\nopen to\n\n   agreed to   # trailing comment\n",
            "hardline": "ruled out\n",
            "negative": "condemned",
        ])
        let lexicons = try Lexicons.load(directory: directory)
        XCTAssertEqual(lexicons, Lexicons(open: ["open to", "agreed to"], hardline: ["ruled out"], negative: ["condemned"]))
    }

    func testLoadReadsCRLFFilesWithAByteOrderMark() throws {
        try write(["open": "\u{FEFF}# open cues\r\nopen to\r\n\r\nagreed to\r\n", "hardline": "ruled out\r\n"])
        let lexicons = try Lexicons.load(directory: directory)
        XCTAssertEqual(lexicons, Lexicons(open: ["open to", "agreed to"], hardline: ["ruled out"]))
    }

    func testLoadRejectsUpperCaseNamingFileAndLine() throws {
        try write(["skeptical": "played down\nPlayed Up\n"])
        XCTAssertThrowsError(try Lexicons.load(directory: directory)) { error in
            let path = self.directory.appendingPathComponent("skeptical.txt").path
            XCTAssertEqual(error as? LexiconError, .notLowercase(path: path, line: 2, phrase: "Played Up"))
            XCTAssertEqual("\(error)", "\(path):2: phrase \"Played Up\" has upper-case letters; write it in lower case")
        }
    }

    func testLoadRejectsPhrasesWithTheSameStemsAcrossFiles() throws {
        try write(["open": "agreed to\n", "hardline": "rejected\n# x\nagrees to\n"])
        XCTAssertThrowsError(try Lexicons.load(directory: directory)) { error in
            let open = self.directory.appendingPathComponent("open.txt").path
            let hardline = self.directory.appendingPathComponent("hardline.txt").path
            XCTAssertEqual(
                "\(error)",
                "\(hardline):3: phrase \"agrees to\" matches the same words as \"agreed to\" at "
                    + "\(open):1; keep only one of them")
        }
    }

    func testLoadRejectsPunctuationOnlyPhrases() throws {
        try write(["positive": "praised\n--\n"])
        XCTAssertThrowsError(try Lexicons.load(directory: directory)) { error in
            XCTAssertEqual(
                error as? LexiconError,
                .noWords(path: self.directory.appendingPathComponent("positive.txt").path, line: 2, phrase: "--"))
        }
    }

    func testLoadReportsAMissingFile() throws {
        try write([:])
        try FileManager.default.removeItem(at: directory.appendingPathComponent("negative.txt"))
        XCTAssertThrowsError(try Lexicons.load(directory: directory)) { error in
            XCTAssertTrue(
                "\(error)".hasPrefix(self.directory.appendingPathComponent("negative.txt").path + ": cannot read"),
                "\(error)")
        }
    }

    func testNegatedCategories() {
        XCTAssertEqual(Lexicons.Category.hardline.negated, .open)
        XCTAssertEqual(Lexicons.Category.open.negated, .hardline)
        XCTAssertEqual(Lexicons.Category.skeptical.negated, .open)
        XCTAssertEqual(Lexicons.Category.positive.negated, .negative)
        XCTAssertEqual(Lexicons.Category.negative.negated, .positive)
    }

    func testShippedLexiconsLoadAndAreSubstantial() throws {
        let lexicons = try Lexicons.load(directory: shippedDirectory)
        // Floors from the build brief: 100+ stance and 150+ valence phrases per list.
        XCTAssertGreaterThanOrEqual(lexicons.open.count, 100)
        XCTAssertGreaterThanOrEqual(lexicons.skeptical.count, 100)
        XCTAssertGreaterThanOrEqual(lexicons.hardline.count, 100)
        XCTAssertGreaterThanOrEqual(lexicons.positive.count, 150)
        XCTAssertGreaterThanOrEqual(lexicons.negative.count, 150)
    }

    func testShippedLexiconsRecogniseGuideCues() throws {
        let lexicons = try Lexicons.load(directory: shippedDirectory)
        let configuration = FeatureFixtures.configuration { $0.bagOfWords.enabled = false }
        let cases: [(String, String)] = [
            ("The union is open to a deal.", "lex:open"),
            ("Ministers played down hopes of a breakthrough.", "lex:skeptical"),
            ("The junta ruled out talks.", "lex:hardline"),
            ("The Kremlin did not rule out talks.", "lex:open"),
            ("The union is not open to a deal.", "lex:hardline"),
            ("Analysts praised the minister.", "lex:positive"),
            ("Critics condemned the minister.", "lex:negative"),
            ("The board said it remains to be seen.", "lex:skeptical"),
            ("The rebels vowed to fight on.", "lex:hardline"),
            ("Qatar offered to host the talks.", "lex:open"),
        ]
        for (sentence, expected) in cases {
            let example = FeatureExample(sentence: sentence, target: 0..<0)
            let featurizer = Featurizer.fit([example], configuration: configuration, lexicons: lexicons)
            let lexiconFeatures = featurizer.describe(featurizer.vector(for: example)).map(\.name)
            XCTAssertEqual(lexiconFeatures, [expected], sentence)
        }
    }

    func testLightStemmerJoinsInflections() {
        let groups = [
            ["rejected", "rejects", "rejecting", "reject"], ["ruled", "rules", "ruling", "rule"],
            ["agreed", "agrees", "agreeing", "agree"], ["stopped", "stops", "stopping", "stop"],
            ["called", "calls", "calling", "call"], ["tried", "tries"], ["said", "says", "say"],
            ["was", "is", "are", "be"], ["n't", "not"],
        ]
        for group in groups {
            XCTAssertEqual(Set(group.map(LightStemmer.stem)).count, 1, "\(group) → \(group.map(LightStemmer.stem))")
        }
        XCTAssertEqual(LightStemmer.stem("talks"), "talk")
        XCTAssertEqual(LightStemmer.stem("press"), "press")
        XCTAssertEqual(LightStemmer.stem("crisis"), "crisis")
        XCTAssertEqual(LightStemmer.stem("<num>"), "<num>")
        XCTAssertEqual(LightStemmer.stem("u.s."), "u.s.")
        XCTAssertEqual(LightStemmer.stem("'s"), "'s")
    }
}
