import Foundation
import XCTest

/// The bad-input catalog (issue 12): hostile input, pathological text, corrupt models and
/// bad flags against the three tools. A refused input must give its exit status, exactly one
/// stderr line naming the file (and line and field where there is one), no control bytes on
/// the terminal, and nothing written (`--output` directories stay empty, no model appears).
/// Valid but unusual input (CRLF, byte-order marks, UTF-16, long runs) must give clean rows:
/// finite probabilities that sum to 1, never NaN or empty objects.
final class BadInputCatalogTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try Harness.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    // MARK: - Helpers

    /// Writes `bytes` to `name` in the test's directory.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Writes UTF-8 `text` to `name`.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL { try write(name, Array(text.utf8)) }

    /// Asserts that stderr holds no raw control byte other than the line ends.
    func assertNoControlBytes(_ outcome: ProcessOutcome, file: StaticString = #filePath, line: UInt = #line) {
        let bad = outcome.stderr.filter { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }
        XCTAssertTrue(bad.isEmpty, "stderr echoes control bytes \(Array(bad)): \(outcome.err)", file: file, line: line)
    }

    /// Runs stance-predict with `--output` into a fresh directory; asserts the failure and that nothing was written.
    func predictFails(
        _ arguments: [String], models: URL? = nil, stdin: Data? = nil, status: Int32 = 1, mentioning fragments: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let out = directory.appendingPathComponent("out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let outcome = try Harness.run(
            "stance-predict",
            [
                "--model-dir", try (models ?? Harness.tinyModelDirectory()).path,
                "--format", "jsonl", "--output", out.appendingPathComponent("rows.jsonl").path,
            ] + arguments,
            stdin: stdin)
        assertFails(outcome, status: status, mentioning: fragments, file: file, line: line)
        assertNoControlBytes(outcome, file: file, line: line)
        XCTAssertEqual(outcome.stdout, Data(), "stdout must stay empty", file: file, line: line)
        XCTAssertEqual(try Harness.contents(of: out), [], "a failed run left output behind", file: file, line: line)
    }

    /// A bad JSONL line: the file's name and the line number must be named, with each fragment.
    func jsonlFails(
        _ name: String, _ text: String, line number: Int = 1, mentioning fragments: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let url = try write(name, text)
        try predictFails([url.path], mentioning: ["\(name):\(number):"] + fragments, file: file, line: line)
    }

    /// Runs stance-predict (JSONL to stdout) and checks that it succeeded with clean rows.
    @discardableResult
    func predictSucceeds(
        _ arguments: [String], stdin: Data? = nil, warnings: Int = 0,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> [[String: Any]] {
        let outcome = try Harness.predict(["--format", "jsonl"] + arguments, stdin: stdin)
        XCTAssertEqual(outcome.status, 0, outcome.err, file: file, line: line)
        XCTAssertEqual(outcome.errorLines.count, warnings, "stderr: \(outcome.err)", file: file, line: line)
        let rows = Harness.jsonObjects(outcome.out, file: file, line: line)
        assertClean(rows, file: file, line: line)
        return rows
    }

    /// Every row has an actor, a stance, and finite probabilities summing to 1.
    func assertClean(_ rows: [[String: Any]], file: StaticString = #filePath, line: UInt = #line) {
        for row in rows {
            XCTAssertFalse(row.isEmpty, "empty row", file: file, line: line)
            XCTAssertNotNil(row["actor"] as? String, "row without actor: \(row)", file: file, line: line)
            for key in ["stance_probabilities", "sentiment_probabilities"] {
                guard let probabilities = row[key] as? [String: Double], !probabilities.isEmpty else {
                    XCTFail("\(key) missing or empty: \(row)", file: file, line: line)
                    continue
                }
                XCTAssertTrue(probabilities.values.allSatisfy(\.isFinite), "\(key) not finite: \(row)", file: file, line: line)
                XCTAssertEqual(probabilities.values.reduce(0, +), 1, accuracy: 1e-9, "\(key) must sum to 1", file: file, line: line)
            }
        }
    }

    /// A copy of the tiny models whose `stance.json` went through `edit`; its path for messages.
    func corruptedStanceModel(_ edit: (inout [String: Any]) throws -> Void) throws -> (models: URL, stance: URL) {
        let models = try Harness.editableModelDirectory(in: directory)
        let stance = models.appendingPathComponent("stance.json")
        try Harness.editJSON(stance, edit)
        return (models, stance)
    }

    /// Edits the object at `path` (keys) inside a model.
    func edit(_ model: inout [String: Any], _ path: [String], _ change: (inout [String: Any]) -> Void) {
        guard let first = path.first else {
            change(&model)
            return
        }
        var inner = model[first] as? [String: Any] ?? [:]
        edit(&inner, Array(path.dropFirst()), change)
        model[first] = inner
    }

    /// A corrupted stance model must be refused naming the file and each fragment.
    func corruptModelFails(
        mentioning fragments: [String], file: StaticString = #filePath, line: UInt = #line,
        _ change: @escaping (inout [String: Any]) -> Void
    ) throws {
        let (models, stance) = try corruptedStanceModel(change)
        try predictFails(
            [Harness.fixture("article.txt").path], models: models, mentioning: [stance.path] + fragments, file: file, line: line)
    }

    /// Runs stance-train with `--output` into a fresh directory; asserts the failure and that no model appeared.
    func trainFails(
        _ arguments: [String], status: Int32 = 1, mentioning fragments: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let out = directory.appendingPathComponent("train-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let outcome = try Harness.run("stance-train", arguments + ["--output", out.appendingPathComponent("model.json").path, "--quiet"])
        XCTAssertEqual(outcome.status, status, outcome.err, file: file, line: line)
        let lines = outcome.errorLines
        if status == 1 {
            XCTAssertEqual(lines.count, 1, "stderr should be one line: \(outcome.err)", file: file, line: line)
        } else {
            XCTAssertTrue(lines.first?.hasPrefix("Error: ") == true, "usage error first: \(outcome.err)", file: file, line: line)
        }
        for fragment in fragments {
            XCTAssertTrue(outcome.err.contains(fragment), "stderr should mention \(fragment): \(outcome.err)", file: file, line: line)
        }
        assertNoControlBytes(outcome, file: file, line: line)
        XCTAssertEqual(try Harness.contents(of: out), [], "a failed run left a model behind", file: file, line: line)
    }

    /// A LIBSVM file that must be refused naming its line.
    func libsvmFails(
        _ name: String, _ bytes: [UInt8], line number: Int, mentioning fragments: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let url = try write(name, bytes)
        try trainFails(["--data", url.path], mentioning: ["\(name):\(number):"] + fragments, file: file, line: line)
    }

    /// A usage error of stance-predict: exit 64, the message names the option and the value.
    func predictUsageError(_ arguments: [String], mentioning fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws
    {
        let outcome = try Harness.predict(arguments + [Harness.fixture("article.txt").path])
        XCTAssertEqual(outcome.status, 64, outcome.err, file: file, line: line)
        XCTAssertEqual(outcome.stdout, Data(), file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(outcome.err.contains(fragment), "stderr should mention \(fragment): \(outcome.err)", file: file, line: line)
        }
    }

    static let sentence = "Vladimir Putin rejected the proposal outright."
    static let jsonArticle = #"{"id": "a", "text": "Vladimir Putin rejected the proposal outright."}"#

    // MARK: - Plain-text articles

    func testEmptyArticleIsRefused() throws { try predictFails([try write("empty.txt", "").path], mentioning: ["empty.txt", "empty"]) }

    func testWhitespaceOnlyArticleIsRefused() throws {
        try predictFails([try write("blank.txt", "  \r\n\t\n").path], mentioning: ["blank.txt", "whitespace"])
    }

    func testBinaryArticleIsRefused() throws {
        try predictFails(
            [try write("photo.txt", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x1B, 0x5B, 0x32, 0x4A]).path],
            mentioning: ["photo.txt", "binary"])
    }

    func testMissingArticleIsNamed() throws {
        try predictFails([directory.appendingPathComponent("gone.txt").path], mentioning: ["gone.txt", "no such file"])
    }

    func testUTF16LittleEndianArticleWithBOMIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.sentence.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let rows = try predictSucceeds([try write("utf16le.txt", bytes).path])
        XCTAssertEqual(rows.first?["mention"] as? String, "Vladimir Putin")
        XCTAssertEqual(rows.first?["start"] as? Int, 0, "the byte-order mark takes no offset")
    }

    func testUTF16BigEndianArticleWithBOMIsDecoded() throws {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in Self.sentence.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let rows = try predictSucceeds([try write("utf16be.txt", bytes).path])
        XCTAssertEqual(rows.first?["mention"] as? String, "Vladimir Putin")
    }

    func testUTF8BOMArticleKeepsOffsets() throws {
        let rows = try predictSucceeds([try write("bom.txt", [0xEF, 0xBB, 0xBF] + Array(Self.sentence.utf8)).path])
        XCTAssertEqual(rows.first?["start"] as? Int, 0)
        XCTAssertEqual(rows.first?["end"] as? Int, 14)
    }

    func testCRLFArticleGivesTheSameRowsAsLF() throws {
        let text = "Talks stall\n\nVladimir Putin rejected the proposal.\nEmmanuel Macron welcomed it.\n"
        let lf = try predictSucceeds([try write("lf.txt", text).path])
        let crlf = try predictSucceeds([try write("crlf.txt", text.replacingOccurrences(of: "\n", with: "\r\n")).path])
        XCTAssertEqual(lf.map { $0["actor"] as? String }, crlf.map { $0["actor"] as? String })
        XCTAssertEqual(lf.map { $0["start"] as? Int }, crlf.map { $0["start"] as? Int })
    }

    func testLongRunWithoutPunctuationIsWindowedAndReportedOnce() throws {
        let words = "Vladimir Putin said the talks would go on and the offer was fair and "
        let text = String(repeating: words, count: 400)  // 28,000 characters, no sentence end
        let rows = try predictSucceeds([try write("run.txt", text).path], warnings: 1)
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(
            rows.allSatisfy { ($0["text"] as? String).map { $0.unicodeScalars.count <= 1_000 } ?? false },
            "every sentence is at most 1,000 characters")
    }

    func testSentenceWithThousandsOfMentionsIsCappedAndReportedOnce() throws {
        let text = Array(repeating: "Putin", count: 1_500).joined(separator: ", ") + " met."  // 140 names per 1,000 characters
        let rows = try predictSucceeds([try write("crowd.txt", text).path], warnings: 2)
        let perSentence = Dictionary(grouping: rows) { $0["sentence"] as? Int ?? -1 }
        XCTAssertTrue(perSentence.values.allSatisfy { $0.count <= 100 }, "at most 100 mentions per sentence")
    }

    func testOneEnormousWordFinishes() throws {
        try predictSucceeds([try write("word.txt", String(repeating: "a", count: 50_000)).path], warnings: 1)
    }

    func testControlCharactersInTextGiveValidJSON() throws {
        let text = "Vladimir Putin\u{07} rejected\u{1B}[31m the \u{0C}proposal.\u{7F}"
        try predictSucceeds([try write("bell.txt", text).path])
    }

    func testPunctuationOnlyArticleGivesNoRows() throws {
        XCTAssertEqual(try predictSucceeds([try write("dots.txt", "... !!! ??? ;;; ---").path]).count, 0)
    }

    func testArticleLargerThanOneSegmentNumbersSentencesOnward() throws {
        // Distinct paragraphs (repeats would be skipped), about 190 KB: two segments.
        let text = (0..<2_400).map { "Vladimir Putin rejected proposal \($0). Emmanuel Macron welcomed the talks.\n\n" }.joined()
        let rows = try predictSucceeds([try write("long.txt", text).path])
        let sentences = rows.compactMap { $0["sentence"] as? Int }
        XCTAssertEqual(sentences, sentences.sorted(), "sentence numbers never restart")
        XCTAssertGreaterThan(sentences.last ?? 0, 2_400, "the second segment continues the numbering")
    }

    // MARK: - Standard input

    func testCRLFJSONLOnStandardInputIsRead() throws {
        let input = Self.jsonArticle + "\r\n" + #"{"id": "b", "text": "Emmanuel Macron welcomed the talks."}"# + "\r\n"
        XCTAssertEqual(try predictSucceeds(["-"], stdin: Data(input.utf8)).count, 2)
    }

    func testBOMJSONLOnStandardInputIsReadAsJSONL() throws {
        let rows = try predictSucceeds(["-"], stdin: Data([0xEF, 0xBB, 0xBF] + Array((Self.jsonArticle + "\n").utf8)))
        XCTAssertEqual(rows.first?["document"] as? String, "a", "read as JSONL, not as one plain-text article")
    }

    func testUTF16TextOnStandardInputIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.sentence.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        XCTAssertEqual(try predictSucceeds(["-"], stdin: Data(bytes)).first?["mention"] as? String, "Vladimir Putin")
    }

    func testBadLineOnStandardInputNamesStdinAndLine() throws {
        let input = Self.jsonArticle + "\n\n" + #"{"id": "c", "text": }"# + "\n"
        try predictFails(["-"], stdin: Data(input.utf8), mentioning: ["<stdin>:3:", "not valid JSON"])
    }

    func testEmptyStandardInputIsRefused() throws {
        try predictFails(["-"], stdin: Data(), mentioning: ["<stdin>", "empty"])
    }

    // MARK: - JSONL articles and targets

    func testEmptyJSONLIsRefused() throws { try predictFails([try write("none.jsonl", "").path], mentioning: ["none.jsonl", "empty"]) }

    func testBlankLinesOnlyJSONLIsRefused() throws {
        try predictFails([try write("blank.jsonl", "\n  \r\n\t\n").path], mentioning: ["blank.jsonl", "empty"])
    }

    func testSyntaxErrorNamesLineAndColumn() throws {
        try jsonlFails("syntax.jsonl", Self.jsonArticle + "\n{\"text\": nope}\n", line: 2, mentioning: ["not valid JSON", "character"])
    }

    func testArrayLineIsRefusedAsNotAnObject() throws {
        try jsonlFails("array.jsonl", "[1, 2]\n", mentioning: ["JSON object"])
    }

    func testNumberTextNamesTheFieldAndType() throws {
        try jsonlFails("number.jsonl", #"{"text": 42}"#, mentioning: ["'text'", "string"])
    }

    func testMissingTextNamesTheField() throws {
        try jsonlFails("missing.jsonl", #"{"id": "x", "body": "Vladimir Putin spoke."}"#, mentioning: ["'text'"])
    }

    func testEmptyTextIsRefused() throws {
        try jsonlFails("emptytext.jsonl", #"{"id": "x", "text": "   "}"#, mentioning: ["'text'", "empty"])
    }

    func testIdOfTheWrongTypeNamesTheField() throws {
        try jsonlFails("id.jsonl", #"{"id": 7, "text": "Vladimir Putin spoke."}"#, mentioning: ["'id'", "string"])
    }

    func testDateOfTheWrongTypeNamesTheField() throws {
        try jsonlFails("date.jsonl", #"{"date": [2026], "text": "Vladimir Putin spoke."}"#, mentioning: ["'date'", "string"])
    }

    func testFractionalOffsetNamesTheField() throws {
        try jsonlFails(
            "fraction.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": [{"from": 1.5, "to": 8}]}"#,
            mentioning: ["'targets[0].from'", "not an integer"])
    }

    func testHugeOffsetNamesTheField() throws {
        try jsonlFails(
            "huge.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": [{"from": 0, "to": 1e30}]}"#,
            mentioning: ["'targets[0].to'", "not an integer"])
    }

    func testStringOffsetNamesTheFieldAndType() throws {
        try jsonlFails(
            "string.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": [{"from": "0", "to": 8}]}"#,
            mentioning: ["'targets[0].from'", "integer"])
    }

    func testNegativeOffsetIsOutsideTheText() throws {
        try jsonlFails(
            "negative.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": [{"from": -3, "to": 8}]}"#,
            mentioning: ["targets[0]", "outside the text"])
    }

    func testOffsetBeyondTheTextIsRefused() throws {
        try jsonlFails(
            "beyond.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": [{"from": 0, "to": 99}]}"#,
            mentioning: ["targets[0]", "outside the text"])
    }

    func testEmptyTargetListIsRefused() throws {
        try jsonlFails("notargets.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": []}"#, mentioning: ["'targets'", "empty"])
    }

    func testUnknownPolarityNamesTheField() throws {
        try jsonlFails(
            "polarity.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": [{"from": 0, "to": 8, "polarity": 5}]}"#,
            mentioning: ["targets[0].polarity", "5"])
    }

    func testTooManyTargetsOnOneLineAreRefused() throws {
        let targets = (0..<1_001).map { _ in #"{"from": 0, "to": 8}"# }.joined(separator: ",")
        try jsonlFails(
            "many.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": ["# + targets + "]}", mentioning: ["'targets'", "1001", "limit"])
    }

    func testOverlongTargetSentenceIsReadInWindows() throws {
        let text = String(repeating: "word ", count: 4_000) + "Vladimir Putin spoke."
        let line = #"{"text": ""# + text + #"", "targets": [{"from": 0, "to": 4}, {"from": 20000, "to": 20014}]}"#
        let rows = try predictSucceeds([try write("longtarget.jsonl", line).path], warnings: 1)
        XCTAssertEqual(rows.count, 2, "every given target gets its row")
        XCTAssertEqual(
            rows.last.flatMap { row in
                (row["text"] as? String).flatMap { Harness.codePointSlice($0, row["start"] as? Int ?? 0, row["end"] as? Int ?? 0) }
            },
            "Vladimir Putin", "offsets point into the row's window")
    }

    func testOverlongTargetSpanIsRefused() throws {
        let text = String(repeating: "word ", count: 400)
        try jsonlFails(
            "longspan.jsonl", #"{"text": ""# + text + #"", "targets": [{"from": 0, "to": 1999}]}"#,
            mentioning: ["targets[0]", "limit"])
    }

    func testInvalidUTF8NamesTheLine() throws {
        let bytes = Array((Self.jsonArticle + "\n").utf8) + Array(#"{"text": "Caf"#.utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)
        try predictFails([try write("mangled.jsonl", bytes).path], mentioning: ["mangled.jsonl:2:", "UTF-8"])
        // Lines are parsed from their bytes: the check also holds in a string with escapes,
        // for an encoded surrogate, and outside any string.
        let first = Array((Self.jsonArticle + "\n").utf8)
        let cases: [(String, [UInt8])] = [
            ("escaped", Array(#"{"text": "Caf\n"#.utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)),
            ("surrogate", Array(#"{"text": "Caf\n"#.utf8) + [0xED, 0xA0, 0x80] + Array("\"}\n".utf8)),
            ("outside", Array(#"{"text": "Caf\n", "#.utf8) + [0xC3] + Array(#"": 1}"#.utf8) + [0x0A]),
        ]
        for (name, line) in cases {
            try predictFails([try write("\(name).jsonl", first + line).path], mentioning: ["\(name).jsonl:2:", "UTF-8"])
        }
    }

    func testNULByteInJSONLNamesTheLine() throws {
        let bytes = Array((Self.jsonArticle + "\n").utf8) + Array(#"{"text": "a"#.utf8) + [0x00] + Array("\"}\n".utf8)
        try predictFails([try write("nul.jsonl", bytes).path], mentioning: ["nul.jsonl:2:", "NUL"])
    }

    func testLineBeyondTheLengthLimitIsRefused() throws {
        let text = #"{"text": ""# + String(repeating: "a", count: 17 << 20) + "\"}\n"
        try predictFails([try write("giant.jsonl", text).path], mentioning: ["giant.jsonl:1:", "longer than"])
    }

    func testCRLFJSONLFileIsRead() throws {
        let text = Self.jsonArticle + "\r\n" + #"{"id": "b", "text": "Emmanuel Macron welcomed the talks."}"# + "\r\n"
        XCTAssertEqual(try predictSucceeds([try write("crlf.jsonl", text).path]).count, 2)
    }

    func testBOMJSONLFileIsRead() throws {
        XCTAssertEqual(try predictSucceeds([try write("bom.jsonl", [0xEF, 0xBB, 0xBF] + Array(Self.jsonArticle.utf8)).path]).count, 1)
    }

    func testUTF16JSONLFileIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in (Self.jsonArticle + "\r\n").utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        XCTAssertEqual(try predictSucceeds([try write("utf16.jsonl", bytes).path]).first?["document"] as? String, "a")
    }

    func testLabeledArticleWithUnknownStanceNamesTheField() throws {
        try jsonlFails(
            "labeled.jsonl",
            #"{"id": "a", "setting": "s", "date": "2026-01-01", "title": "t", "text": "Vladimir Putin spoke.", "mentions": [{"start": 0, "end": 14, "actor": "Vladimir Putin", "stance": "opne", "sentiment": "neutral"}]}"#,
            mentioning: ["mentions[0].stance", "opne"])
    }

    func testControlBytesInAFieldAreNotEchoedRaw() throws {
        try jsonlFails(
            "escape.jsonl", #"{"text": "Vladimir Putin spoke.", "targets": [{"from": 0, "to": 8, "polarity": 9}], "id": "\u001b[2J"}"#,
            mentioning: ["polarity"])
    }

    // MARK: - Model files

    func testMissingModelDirectoryIsNamed() throws {
        try predictFails(
            [Harness.fixture("article.txt").path], models: directory.appendingPathComponent("nowhere"),
            mentioning: ["nowhere", "no model directory found"])
    }

    func testModelPathThatIsADirectoryIsNamed() throws {
        let models = try Harness.editableModelDirectory(in: directory)
        let stance = models.appendingPathComponent("stance.json")
        try FileManager.default.removeItem(at: stance)
        try FileManager.default.createDirectory(at: stance, withIntermediateDirectories: false)
        try predictFails([Harness.fixture("article.txt").path], models: models, mentioning: [stance.path, "is a directory"])
    }

    func testSentimentModelThatIsADirectoryIsNamed() throws {
        try predictFails(
            ["--sentiment-model", directory.path, Harness.fixture("article.txt").path], mentioning: [directory.path, "is a directory"])
    }

    func testModelThatIsNotJSONIsRefused() throws {
        let models = try Harness.editableModelDirectory(in: directory)
        let stance = models.appendingPathComponent("stance.json")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x1B, 0x5B, 0x00]).write(to: stance)
        try predictFails([Harness.fixture("article.txt").path], models: models, mentioning: [stance.path, "not a model file"])
    }

    func testEmptyModelFileIsRefused() throws {
        let models = try Harness.editableModelDirectory(in: directory)
        let stance = models.appendingPathComponent("stance.json")
        try Data().write(to: stance)
        try predictFails([Harness.fixture("article.txt").path], models: models, mentioning: [stance.path])
    }

    func testTruncatedModelFileIsRefused() throws {
        let models = try Harness.editableModelDirectory(in: directory)
        let stance = models.appendingPathComponent("stance.json")
        let data = try Data(contentsOf: stance)
        try data.prefix(data.count / 2).write(to: stance)
        try predictFails([Harness.fixture("article.txt").path], models: models, mentioning: [stance.path])
    }

    func testModelWithoutFormatVersionIsRefused() throws {
        try corruptModelFails(mentioning: ["formatVersion"]) { $0.removeValue(forKey: "formatVersion") }
    }

    func testModelWithoutClassifierIsRefused() throws {
        try corruptModelFails(mentioning: ["classifier"]) { $0.removeValue(forKey: "classifier") }
    }

    func testHugeFeatureCountIsRefused() throws {
        try corruptModelFails(mentioning: ["featureCount", "4611686018427387904"]) { model in
            self.edit(&model, ["classifier"]) { $0["featureCount"] = 1 << 62 }
        }
    }

    func testHugeClassCountIsRefused() throws {
        try corruptModelFails(mentioning: ["classCount"]) { model in self.edit(&model, ["classifier"]) { $0["classCount"] = Int.max } }
    }

    func testNegativeFeatureCountIsRefused() throws {
        try corruptModelFails(mentioning: ["featureCount", "-4"]) { model in self.edit(&model, ["classifier"]) { $0["featureCount"] = -4 } }
    }

    func testHugeDocumentCountIsRefused() throws {
        try corruptModelFails(mentioning: ["documentCount", "9223372036854775807"]) { model in
            self.edit(&model, ["features", "vocabulary"]) { $0["documentCount"] = Int.max }
        }
    }

    func testNegativeDocumentCountIsRefused() throws {
        try corruptModelFails(mentioning: ["documentCount", "-5"]) { model in
            self.edit(&model, ["features", "vocabulary"]) { $0["documentCount"] = -5 }
        }
    }

    func testDocumentFrequencyAboveDocumentCountIsRefused() throws {
        try corruptModelFails(mentioning: ["documentFrequencies[0]"]) { model in
            self.edit(&model, ["features", "vocabulary"]) { vocabulary in
                var frequencies = vocabulary["documentFrequencies"] as? [Int] ?? []
                if !frequencies.isEmpty { frequencies[0] = 1 << 62 }
                vocabulary["documentFrequencies"] = frequencies
            }
        }
    }

    func testHugeWeightIsRefusedNotTurnedIntoNaN() throws {
        try corruptModelFails(mentioning: ["classifier.weights[0]", "1e+300"]) { model in
            self.edit(&model, ["classifier"]) { classifier in
                var weights = classifier["weights"] as? [Double] ?? []
                if !weights.isEmpty { weights[0] = 1e300 }
                classifier["weights"] = weights
            }
        }
    }

    func testHugeBiasIsRefused() throws {
        try corruptModelFails(mentioning: ["classifier.biases[1]"]) { model in
            self.edit(&model, ["classifier"]) { classifier in
                var biases = classifier["biases"] as? [Double] ?? []
                if biases.count > 1 { biases[1] = -1e200 }
                classifier["biases"] = biases
            }
        }
    }

    func testWeightArrayOfTheWrongLengthIsRefused() throws {
        try corruptModelFails(mentioning: ["weights"]) { model in
            self.edit(&model, ["classifier"]) { classifier in
                classifier["weights"] = Array((classifier["weights"] as? [Double] ?? []).dropLast())
            }
        }
    }

    func testHugeDistanceBucketIsRefused() throws {
        try corruptModelFails(mentioning: ["distanceBuckets"]) { model in
            self.edit(&model, ["features", "configuration", "actorContext"]) { $0["distanceBuckets"] = [1, 1 << 40] }
        }
    }

    func testHugeBagOfWordsScaleIsRefused() throws {
        try corruptModelFails(mentioning: ["scale"]) { model in
            self.edit(&model, ["features", "configuration", "bagOfWords"]) { $0["scale"] = 1e300 }
        }
    }

    func testNegativeSegmentLengthIsRefused() throws {
        try corruptModelFails(mentioning: ["segmentLength", "-1"]) { model in
            self.edit(&model, ["features", "configuration", "actorContext"]) { $0["segmentLength"] = -1 }
        }
    }

    func testLabelCountDisagreeingWithClassesIsRefused() throws {
        try corruptModelFails(mentioning: ["labels"]) { model in model["labels"] = ["open", "skeptical"] }
    }

    // MARK: - Options

    func testNegativeExplainIsValidatedNotMissing() throws {
        try predictUsageError(["--explain", "-1"], mentioning: ["--explain must be 0 or more, got -1"])
    }

    func testNegativeMinimumConfidenceIsValidatedNotMissing() throws {
        try predictUsageError(["--min-confidence", "-0.5"], mentioning: ["--min-confidence", "-0.5"])
    }

    func testNaNMinimumConfidenceIsRefused() throws {
        try predictUsageError(["--min-confidence", "nan"], mentioning: ["--min-confidence"])
    }

    func testStaleTemporaryFileOfAKilledRunIsRemoved() throws {
        let output = directory.appendingPathComponent("rows.jsonl")
        // A pid that cannot exist (above the kernel's pid_max), as left by a killed run.
        try write(".rows.jsonl.2147483646.tmp", "half-written")
        let outcome = try Harness.predict(["--format", "jsonl", "--output", output.path, Harness.fixture("article.txt").path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertEqual(try Harness.contents(of: directory), ["rows.jsonl"])
    }

    // MARK: - stance-train

    func testLIBSVMIndexBeyondTheLimitIsRefused() throws {
        try libsvmFails("wide.libsvm", Array("1 1:1\n2 100000000:1\n".utf8), line: 2, mentioning: ["limit", "16777216"])
    }

    func testLIBSVMIndexNearInt32MaxIsRefused() throws {
        try libsvmFails("int32.libsvm", Array("1 2147483646:1\n".utf8), line: 1, mentioning: ["limit"])
    }

    func testBinaryLIBSVMLineIsNotEchoedRaw() throws {
        try libsvmFails(
            "binary.libsvm", Array("1 1:1\n".utf8) + [0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x20, 0x31, 0x3A, 0x31, 0x0A], line: 2,
            mentioning: ["\\x1B"])
    }

    func testLIBSVMNaNValueIsRefused() throws {
        try libsvmFails("nan.libsvm", Array("1 1:1\n2 1:nan\n".utf8), line: 2, mentioning: ["NaN"])
    }

    func testLIBSVMIndexZeroIsRefused() throws {
        try libsvmFails("zero.libsvm", Array("1 0:1\n".utf8), line: 1, mentioning: ["index 0"])
    }

    func testLIBSVMDuplicateIndexIsRefused() throws {
        try libsvmFails("twice.libsvm", Array("1 3:1 1:1 3:2\n".utf8), line: 1, mentioning: ["twice"])
    }

    func testEmptyLIBSVMIsRefused() throws {
        let url = try write("empty.libsvm", "# only a comment\n")
        try trainFails(["--data", url.path], mentioning: ["empty.libsvm", "no examples"])
    }

    func testLIBSVMDataThatIsADirectoryIsNamed() throws {
        try trainFails(["--data", directory.path, "--format", "libsvm"], mentioning: [directory.path])
    }

    func testNegativeL2PenaltyIsValidatedNotMissing() throws {
        try trainFails(
            ["--data", Harness.fixture("tiny.libsvm").path, "--l2-penalty", "-1"], status: 64, mentioning: ["--l2-penalty", "-1.0"])
    }

    func testNegativeMaxIterationsIsValidated() throws {
        try trainFails(
            ["--data", Harness.fixture("tiny.libsvm").path, "--max-iterations", "-5"], status: 64, mentioning: ["--max-iterations", "-5"])
    }

    func testNegativeSeedIsRefusedByName() throws {
        try trainFails(["--data", Harness.fixture("tiny.libsvm").path, "--seed", "-1"], status: 64, mentioning: ["--seed", "-1"])
    }

    func testNegativeFoldCountIsValidated() throws {
        try trainFails(["--data", Harness.fixture("tiny-train.jsonl").path, "--cv", "-2"], status: 64, mentioning: ["--cv", "-2"])
    }

    func testNegativeGridValueIsValidated() throws {
        try trainFails(
            ["--data", Harness.fixture("tiny-train.jsonl").path, "--cv", "2", "--l2-grid", "-1,2"], status: 64,
            mentioning: ["--l2-grid", "-1,2"])
    }

    func testCRLFTrainingDataTrains() throws {
        let text = try String(contentsOf: Harness.fixture("tiny-train.jsonl"), encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        let data = try write("crlf-train.jsonl", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let model = directory.appendingPathComponent("model.json")
        let outcome = try Harness.run("stance-train", ["--data", data.path, "--output", model.path, "--quiet", "--max-iterations", "5"])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: model.path))
    }

    func testTrainingDataWithABadLineNamesIt() throws {
        let text = try String(contentsOf: Harness.fixture("tiny-train.jsonl"), encoding: .utf8)
        let url = try write("bad-train.jsonl", text + #"{"id": "x", "text": 5}"# + "\n")
        let line = text.split(separator: "\n").count + 1
        try trainFails(["--data", url.path], mentioning: ["bad-train.jsonl:\(line):", "'text'"])
    }

    // MARK: - stance-eval

    func testEvalReadsCRLFLabeledData() throws {
        let text = try String(contentsOf: Harness.fixture("labeled.jsonl"), encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        let url = try write("labeled-crlf.jsonl", text)
        let outcome = try Harness.run("stance-eval", ["--model-dir", try Harness.tinyModelDirectory().path, url.path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertFalse(outcome.out.lowercased().contains("nan"), "no NaN scores: \(outcome.out)")
    }

    func testEvalNegativeWorstIsValidatedNotMissing() throws {
        let outcome = try Harness.run(
            "stance-eval", ["--model-dir", try Harness.tinyModelDirectory().path, "--worst", "-3", Harness.fixture("labeled.jsonl").path])
        XCTAssertEqual(outcome.status, 64, outcome.err)
        XCTAssertTrue(outcome.err.contains("--worst must be 0 or more, got -3"), outcome.err)
    }

    func testEvalRefusesACorruptModelNamingIt() throws {
        let (models, stance) = try corruptedStanceModel { model in
            self.edit(&model, ["features", "vocabulary"]) { $0["documentCount"] = -1 }
        }
        let outcome = try Harness.run("stance-eval", ["--model-dir", models.path, Harness.fixture("labeled.jsonl").path])
        assertFails(outcome, mentioning: [stance.path, "documentCount"])
        XCTAssertEqual(outcome.stdout, Data())
    }
}
