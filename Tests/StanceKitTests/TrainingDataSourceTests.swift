import Foundation
import StanceKit
import XCTest

/// `--data FORMAT:PATH` parsing, data lists, and joining sources of different formats.
final class TrainingDataSourceTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func write(_ name: String, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func testFormatPrefixIsParsedAndBarePathsAreDetected() throws {
        XCTAssertEqual(
            try TrainingDataSource(argument: "newsmtsc:a/train.jsonl"),
            TrainingDataSource(format: .newsmtsc, url: URL(fileURLWithPath: "a/train.jsonl")))
        XCTAssertEqual(try TrainingDataSource(argument: "a/train.jsonl").format, .detect)
        XCTAssertEqual(try TrainingDataSource(argument: "REALNEWS:x.jsonl").format, .realnews)
    }

    func testUnknownFormatNamesTheKnownOnes() {
        XCTAssertThrowsError(try TrainingDataSource(argument: "csv:x.jsonl")) { error in
            XCTAssertEqual(
                "\(error)", "--data csv:x.jsonl: unknown format \"csv\" (expected detect, trainingdata, newsmtsc, realnews, or a bare path)"
            )
        }
    }

    func testSourcesOfThreeFormatsJoinIntoOneCorpus() throws {
        let newsmtsc = try write(
            "n.jsonl",
            #"{"primary_gid": "allsides_1_2_3_X_0_5", "sentence_normalized": "Smith lied again.", "targets": [{"Input.gid": "g", "from": 0, "to": 5, "mention": "Smith", "polarity": 2.0}]}"#
                + "\n")
        let corpus = try write(
            "t.jsonl",
            #"{"id": "a1", "setting": "s", "date": "2025-01-01", "title": "T", "text": "Kyiv agreed to talks.", "mentions": [{"start": 0, "end": 4, "actor": "Kyiv", "stance": "open", "sentiment": "neutral"}]}"#
                + "\n")
        let articles = directory.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try Data("Headline\n\n“Moscow” praised Kyiv.\n".utf8).write(to: articles.appendingPathComponent("one.txt"))
        // Offsets count code points: the curly quote before Moscow is one.
        let realnews = try write(
            "r.jsonl",
            #"{"article": "one.txt", "cluster": "c1", "split": "train", "mentions": [{"start": 11, "end": 17, "actor": "Moscow", "kind": "name", "stance": null, "sentiment": "positive"}]}"#
                + "\n")
        let read = try LabeledCorpus.read(
            [
                TrainingDataSource(format: .newsmtsc, url: newsmtsc),
                TrainingDataSource(format: .trainingdata, url: corpus),
                TrainingDataSource(format: .realnews, url: realnews),
            ], articles: articles)
        // A real-news article is named by its file name without the extension, as plain-text articles are.
        XCTAssertEqual(read.documents.map(\.id), ["allsides_1_2_3_X_0_5", "a1", "one"])
        XCTAssertEqual(read.documents[2].setting, "c1")
        let target = try XCTUnwrap(read.documents[2].targets?.first)
        XCTAssertEqual(String(String.UnicodeScalarView(Array(read.documents[2].text.unicodeScalars)[target.start..<target.end])), "Moscow")
        XCTAssertEqual(
            TextModelTrainer.crossValidationGroup(ofDocumentID: "allsides_1000_401_25_Reality Leigh Winner_0_6"), "allsides_1000")
    }

    func testWrongFormatAndMissingArticleNameTheLine() throws {
        let corpus = try write(
            "t.jsonl",
            #"{"id": "a1", "setting": "s", "date": "2025-01-01", "title": "T", "text": "Kyiv agreed.", "mentions": [{"start": 0, "end": 4, "actor": "Kyiv", "stance": "open", "sentiment": "neutral"}]}"#
                + "\n")
        XCTAssertThrowsError(try LabeledCorpus.read([TrainingDataSource(format: .newsmtsc, url: corpus)])) { error in
            XCTAssertEqual(
                "\(error)", "\(corpus.path):1: a TrainingData line in a source marked newsmtsc: write trainingdata:\(corpus.path)")
        }
        let realnews = try write("r.jsonl", #"{"article": "missing.txt", "mentions": []}"# + "\n")
        XCTAssertThrowsError(try LabeledCorpus.read([TrainingDataSource(format: .realnews, url: realnews)], articles: directory)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(realnews.path):1: article missing.txt not found in \(directory.path)"), "\(error)")
        }
    }

    func testDataListResolvesPathsAgainstTheRoot() throws {
        let list = try write("list.txt", "# comment\n\nnewsmtsc:TrainingData/newsmtsc/train.jsonl\nTrainingData/train.jsonl\n")
        let sources = try TrainingDataSource.list(contentsOf: list, relativeTo: URL(fileURLWithPath: "/repo"))
        XCTAssertEqual(
            sources,
            [
                TrainingDataSource(format: .newsmtsc, url: URL(fileURLWithPath: "/repo/TrainingData/newsmtsc/train.jsonl")),
                TrainingDataSource(format: .detect, url: URL(fileURLWithPath: "/repo/TrainingData/train.jsonl")),
            ])
        let bad = try write("bad.txt", "xml:foo.jsonl\n")
        XCTAssertThrowsError(try TrainingDataSource.list(contentsOf: bad, relativeTo: directory)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(bad.path):1: --data xml:foo.jsonl: unknown format"), "\(error)")
        }
    }
}
