import Foundation
import XCTest

/// stance-predict on bad input, bad models and bad flags: exit 1 (64 for usage) with one
/// stderr line naming the file (and line), and no output file left behind with `--output`.
final class PredictErrorTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try Harness.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// Writes `bytes` to a file in the test's directory.
    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    func write(_ name: String, _ text: String) throws -> URL { try write(name, Array(text.utf8)) }

    /// Runs stance-predict with `--output` into a fresh directory and checks that it stays empty.
    func predictFailing(
        _ arguments: [String], modelDirectory: URL? = nil, status: Int32 = 1, mentioning fragments: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let outputDirectory = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let models = try modelDirectory ?? Harness.tinyModelDirectory()
        let outcome = try Harness.run(
            "stance-predict",
            [
                "--model-dir", models.path, "--output", outputDirectory.appendingPathComponent("rows.jsonl").path,
                "--format", "jsonl",
            ] + arguments)
        assertFails(outcome, status: status, mentioning: fragments, file: file, line: line)
        XCTAssertEqual(outcome.stdout, Data(), "stdout must stay empty", file: file, line: line)
        XCTAssertEqual(try Harness.contents(of: outputDirectory), [], "a failed run left output behind", file: file, line: line)
        try FileManager.default.removeItem(at: outputDirectory)
    }

    func testMissingFileIsNamed() throws {
        try predictFailing([directory.appendingPathComponent("no-such-article.txt").path], mentioning: ["no-such-article.txt"])
    }

    func testDirectoryWithoutArticlesIsNamed() throws {
        _ = try write("notes/readme.md", "no articles here\n")
        try predictFailing([directory.appendingPathComponent("notes").path], mentioning: ["notes"])
    }

    func testEmptyAndWhitespaceOnlyFilesAreRefused() throws {
        try predictFailing([try write("empty.txt", "").path], mentioning: ["empty.txt"])
        try predictFailing([try write("blank.txt", " \n\t\n").path], mentioning: ["blank.txt"])
        try predictFailing([try write("empty.jsonl", "").path], mentioning: ["empty.jsonl"])
    }

    func testBinaryFileIsRefused() throws {
        try predictFailing(
            [try write("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]).path],
            mentioning: ["image.txt"])
    }

    func testInvalidUTF8InJSONLNamesTheLine() throws {
        let good = #"{"id": "a", "text": "Keir Starmer welcomed the talks."}"#
        let bytes = Array((good + "\n").utf8) + Array(#"{"id": "b", "text": "Caf"#.utf8) + [0xE9] + Array("\"}\n".utf8)
        try predictFailing([try write("latin1.jsonl", bytes).path], mentioning: ["latin1.jsonl:2:", "UTF-8"])
    }

    func testMalformedJSONLNamesTheLine() throws {
        let text = """
            {"id": "a", "text": "Keir Starmer welcomed the talks."}

            {"id": "b", "text": "Giorgia Meloni doubted them."
            """
        // Line 2 is blank; the broken object is on line 3 of the file.
        try predictFailing([try write("broken.jsonl", text).path], mentioning: ["broken.jsonl:3:"])
        try predictFailing(
            [try write("no-text.jsonl", #"{"id": "a", "body": "Keir Starmer spoke."}"#).path],
            mentioning: ["no-text.jsonl:1:", "text"])
    }

    func testTargetsOutsideTheTextNameTheLine() throws {
        let text = #"""
            {"primary_gid": "ok", "sentence_normalized": "The union praised the deal.", "targets": [{"from": 0, "to": 9}]}
            {"primary_gid": "bad", "sentence_normalized": "The union praised the deal.", "targets": [{"from": 22, "to": 40}]}
            """#
        try predictFailing([try write("targets.jsonl", text).path], mentioning: ["targets.jsonl:2:", "targets"])
        try predictFailing(
            [try write("reversed.jsonl", #"{"sentence_normalized": "The union praised it.", "targets": [{"from": 5, "to": 2}]}"#).path],
            mentioning: ["reversed.jsonl:1:"])
    }

    func testUnknownModelVersionIsRefusedNamingTheFile() throws {
        let models = try Harness.editableModelDirectory(in: directory)
        let stance = models.appendingPathComponent("stance.json")
        try Harness.editJSON(stance) { $0["formatVersion"] = 99 }
        try predictFailing([Harness.fixture("article.txt").path], modelDirectory: models, mentioning: [stance.path, "99"])
        let outcome = try Harness.run("stance-predict", ["--model-dir", models.path, Harness.fixture("article.txt").path])
        XCTAssertEqual(outcome.err.components(separatedBy: stance.path).count - 1, 1, "the file is named once: \(outcome.err)")
    }

    func testModelWhoseFeaturesDisagreeWithItsWeightsIsRefused() throws {
        // One vocabulary term fewer than the classifier has weight rows for.
        let models = try Harness.editableModelDirectory(in: directory)
        let sentiment = models.appendingPathComponent("sentiment.json")
        try Harness.editJSON(sentiment) { model in
            guard var features = model["features"] as? [String: Any], var vocabulary = features["vocabulary"] as? [String: Any],
                var terms = vocabulary["terms"] as? [Any], var frequencies = vocabulary["documentFrequencies"] as? [Any]
            else {
                throw HarnessError(
                    description: "sentiment.json lacks features.vocabulary.terms/documentFrequencies; update this test to the model format")
            }
            terms.removeLast()
            frequencies.removeLast()
            vocabulary["terms"] = terms
            vocabulary["documentFrequencies"] = frequencies
            features["vocabulary"] = vocabulary
            model["features"] = features
        }
        try predictFailing([Harness.fixture("article.txt").path], modelDirectory: models, mentioning: [sentiment.path])
    }

    func testModelWhoseStatedDimensionsDisagreeWithItsWeightsIsRefused() throws {
        let models = try Harness.editableModelDirectory(in: directory)
        let stance = models.appendingPathComponent("stance.json")
        try Harness.editJSON(stance) { model in
            guard var classifier = model["classifier"] as? [String: Any], let count = classifier["featureCount"] as? Int else {
                throw HarnessError(description: "stance.json lacks classifier.featureCount; update this test to the model format")
            }
            classifier["featureCount"] = count + 1
            model["classifier"] = classifier
        }
        try predictFailing([Harness.fixture("article.txt").path], modelDirectory: models, mentioning: [stance.path])
    }

    func testMissingModelFileIsNamed() throws {
        let models = try Harness.editableModelDirectory(in: directory)
        try FileManager.default.removeItem(at: models.appendingPathComponent("sentiment.json"))
        try predictFailing([Harness.fixture("article.txt").path], modelDirectory: models, mentioning: ["sentiment.json"])
    }

    func testFailureAfterTheFirstArticleLeavesNoOutputFile() throws {
        let text = #"{"id": "a", "text": "Keir Starmer welcomed the talks."}"# + "\n" + #"{"id": "b", "text": 7}"# + "\n"
        try predictFailing([try write("late-error.jsonl", text).path], mentioning: ["late-error.jsonl:2:"])
    }

    func testOutputIntoMissingDirectoryIsNamed() throws {
        let target = directory.appendingPathComponent("no-such-dir/rows.jsonl")
        let outcome = try Harness.predict(["--output", target.path, Harness.fixture("article.txt").path])
        assertFails(outcome, mentioning: ["rows.jsonl"])
    }

    func testOutputOntoAnExistingDirectoryIsRefusedAndTheDirectoryKept() throws {
        let keep = directory.appendingPathComponent("reports")
        let precious = try write("reports/earlier.html", "<p>an earlier report</p>\n")
        let outcome = try Harness.predict(["--format", "jsonl", "--output", keep.path, Harness.fixture("article.txt").path])
        assertFails(outcome, mentioning: ["reports"])
        XCTAssertEqual(
            try? String(contentsOf: precious, encoding: .utf8), "<p>an earlier report</p>\n", "the directory's files must survive")
        XCTAssertEqual(try Harness.contents(of: directory), ["reports"], "no temporary file may remain")
    }

    func testUnknownFormatIsAUsageError() throws {
        let outcome = try Harness.predict(["--format", "xml", Harness.fixture("article.txt").path])
        XCTAssertEqual(outcome.status, 64, outcome.err)
        XCTAssertTrue(outcome.err.contains("xml"), outcome.err)
        XCTAssertEqual(outcome.stdout, Data())
    }

    func testOutOfRangeOptionsAreUsageErrors() throws {
        for arguments in [["--min-confidence", "1.5"], ["--min-confidence", "-0.1"], ["--explain", "-1"], ["--explain", "three"]] {
            let outcome = try Harness.predict(arguments + [Harness.fixture("article.txt").path])
            XCTAssertEqual(outcome.status, 64, "\(arguments): \(outcome.err)")
            XCTAssertEqual(outcome.stdout, Data())
        }
    }

    func testHelpExitsZeroAndDocumentsTheOptions() throws {
        let outcome = try Harness.run("stance-predict", ["--help"])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        for option in [
            "--format", "--summary", "--explain", "--min-confidence", "--actors", "--model-dir", "--output", "--quiet", "--no-color",
        ] {
            XCTAssertTrue(outcome.out.contains(option), "help lacks \(option)")
        }
    }
}
