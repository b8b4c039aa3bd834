import Foundation
import XCTest

/// `stance-predict --jobs N`: output is byte-identical and in input order for every N, on a
/// multi-article input that mixes JSONL articles, given targets and a plain-text article long
/// enough to arrive in several segments (whose sentence numbering continues across them).
final class PredictJobsTests: XCTestCase {
    /// A temporary directory removed after each test.
    var directory: URL!

    override func setUpWithError() throws { directory = try Harness.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// The inputs, in command-line order: 63 held-out articles, seven dated articles, one long
    /// plain-text article (training texts joined, > 1 segment), the emoji fixture, and
    /// NewsMTSC-shaped sentences with given targets.
    func inputs() throws -> [String] {
        let root = Harness.packageRoot
        let test = root.appendingPathComponent("TrainingData/test.jsonl")
        let texts = Harness.jsonObjects(try String(contentsOf: test, encoding: .utf8)).compactMap { $0["text"] as? String }
        XCTAssertGreaterThan(texts.count, 50, "TrainingData/test.jsonl should hold many articles")
        let train = root.appendingPathComponent("TrainingData/train.jsonl")
        var joined = ""
        for case let text as String in Harness.jsonObjects(try String(contentsOf: train, encoding: .utf8)).map({ $0["text"] }) {
            joined += text + "\n\n"
            if joined.utf8.count > 300_000 { break }
        }
        let long = directory.appendingPathComponent("long-article.txt")
        XCTAssertGreaterThan(joined.utf8.count, 1 << 17, "the long article should span more than one segment")
        try joined.write(to: long, atomically: true, encoding: .utf8)
        return [
            test.path, root.appendingPathComponent("Examples/dated/korea-dmz-talks.jsonl").path, long.path,
            Harness.fixture("article.txt").path, Harness.fixture("newsmtsc.jsonl").path,
        ]
    }

    /// stdout of one successful run with `--jobs N`.
    func output(_ arguments: [String], jobs: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let outcome = try Harness.predict(["--quiet", "--jobs", "\(jobs)"] + arguments)
        XCTAssertEqual(outcome.status, 0, outcome.err, file: file, line: line)
        XCTAssertEqual(outcome.err, "", file: file, line: line)
        return outcome.stdout
    }

    /// The same stdout for `--jobs 1`, `2` and `8`; returns the `--jobs 1` output.
    @discardableResult
    func assertSameForEveryJobs(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let serial = try output(arguments, jobs: 1, file: file, line: line)
        XCTAssertFalse(serial.isEmpty, "no output for \(arguments)", file: file, line: line)
        for jobs in [2, 8] {
            let parallel = try output(arguments, jobs: jobs, file: file, line: line)
            XCTAssertTrue(parallel == serial, "--jobs \(jobs) differs from --jobs 1 for \(arguments.prefix(3))", file: file, line: line)
        }
        return serial
    }

    func testJSONLRowsAreIdenticalForEveryJobs() throws {
        let serial = try assertSameForEveryJobs(["--format", "jsonl"] + inputs())
        let rows = Harness.jsonObjects(String(decoding: serial, as: UTF8.self))
        let documents = rows.compactMap { $0["document"] as? String }
        XCTAssertGreaterThan(Set(documents).count, 60, "expected rows from many documents")
        // Each document's rows come together and in input order, also where a block larger than
        // the output buffer is written past it (the long article's segments).
        var order: [String] = []
        for document in documents where order.last != document { order.append(document) }
        XCTAssertEqual(order.count, Set(order).count, "a document's rows are split or out of order")
        let longIndex = try XCTUnwrap(order.firstIndex(of: "long-article"))
        XCTAssertEqual(order[longIndex + 1], "article", "the rows after the long article's are the next input's")
        // The long article's rows continue their sentence numbering across segments.
        let long = rows.filter { $0["document"] as? String == "long-article" }.compactMap { $0["sentence"] as? Int }
        XCTAssertEqual(long, long.sorted(), "sentence numbers of the long article must rise")
        XCTAssertGreaterThan(long.last ?? 0, 500, "the long article's later segments should continue its numbering")
    }

    /// A JSONL article longer than a segment is read in segments like the same text in a
    /// plain-text file (memory stays flat however long the line), with the same rows.
    func testALongJSONLArticleGivesTheRowsOfTheSameTextFile() throws {
        let long = try inputs()[2]
        let text = try String(contentsOfFile: long, encoding: .utf8)
        let line = try JSONSerialization.data(withJSONObject: ["id": "long-article", "text": text])
        let jsonl = directory.appendingPathComponent("long-article.jsonl")
        try (line + Data("\n".utf8)).write(to: jsonl)
        let fromText = try assertSameForEveryJobs(["--format", "jsonl", long])
        let fromJSONL = try assertSameForEveryJobs(["--format", "jsonl", jsonl.path])
        XCTAssertTrue(fromJSONL == fromText, "the JSONL article's rows differ from the plain-text file's")
        let sentences = Harness.jsonObjects(String(decoding: fromJSONL, as: UTF8.self)).compactMap { $0["sentence"] as? Int }
        XCTAssertGreaterThan(sentences.last ?? 0, 500, "later segments continue the numbering")
    }

    func testCSVRowsAreIdenticalForEveryJobs() throws {
        try assertSameForEveryJobs(["--format", "csv"] + inputs())
    }

    func testSummariesAreIdenticalForEveryJobs() throws {
        try assertSameForEveryJobs(["--format", "jsonl", "--summary"] + inputs())
        try assertSameForEveryJobs(["--format", "csv", "--summary"] + inputs())
    }

    func testJobsBelowOneIsAUsageError() throws {
        for value in ["0", "-2"] {
            let outcome = try Harness.predict(["--jobs", value, Harness.fixture("article.txt").path])
            XCTAssertEqual(outcome.status, 64, outcome.err)
            XCTAssertEqual(outcome.stdout, Data())
            XCTAssertTrue(outcome.err.contains("--jobs must be 1 or more, got \(value)"), outcome.err)
        }
    }
}
