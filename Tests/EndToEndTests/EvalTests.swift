import Foundation
import XCTest

/// stance-eval on `Fixtures/labeled.jsonl`: two articles in the TrainingData shape with six
/// labeled mentions, five of them with a stance (one is `null`).
final class EvalTests: XCTestCase {
    static let labeled = Harness.fixture("labeled.jsonl")

    func evaluate(_ arguments: [String]) throws -> ProcessOutcome {
        try Harness.run("stance-eval", ["--model-dir", try Harness.tinyModelDirectory().path] + arguments)
    }

    func reports(_ arguments: [String]) throws -> [[String: Any]] {
        let outcome = try evaluate(["--format", "json"] + arguments + [Self.labeled.path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: outcome.stdout) as? [[String: Any]], outcome.out)
    }

    func testTableScoresBothTasksOnEveryLabeledMention() throws {
        let outcome = try evaluate([Self.labeled.path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertTrue(outcome.out.contains("== stance on \(Self.labeled.path): 6 examples"), outcome.out)
        XCTAssertTrue(outcome.out.contains("== sentiment on \(Self.labeled.path): 6 examples"), outcome.out)
        for label in ["open", "skeptical", "hardline", "negative", "neutral", "positive", "macro F1", "accuracy"] {
            XCTAssertTrue(outcome.out.contains(label), "table lacks \(label)")
        }
    }

    func testJSONReportsAreConsistentWithTheirConfusionMatrices() throws {
        let reports = try reports(["--worst", "2"])
        XCTAssertEqual(reports.compactMap { $0["task"] as? String }, ["stance", "sentiment"])
        XCTAssertEqual(reports.compactMap { $0["examples"] as? Int }, [6, 6])
        for report in reports {
            let metrics = try XCTUnwrap(report["metrics"] as? [String: Any])
            let confusion = try XCTUnwrap(metrics["confusion"] as? [[Int]])
            let total = confusion.joined().reduce(0, +)
            let correct = confusion.indices.map { confusion[$0][$0] }.reduce(0, +)
            XCTAssertEqual(total, report["examples"] as? Int)
            XCTAssertEqual(metrics["accuracy"] as? Double ?? -1, Double(correct) / Double(total), accuracy: 1e-12)
            let macroF1 = try XCTUnwrap(metrics["macroF1"] as? Double)
            XCTAssertTrue((0...1).contains(macroF1))
            let errors = try XCTUnwrap(report["worst_errors"] as? [[String: Any]])
            XCTAssertLessThanOrEqual(errors.count, 2, "--worst 2")
            XCTAssertEqual(errors.count, min(2, total - correct))
            for error in errors { XCTAssertNotEqual(error["expected"] as? String, error["predicted"] as? String) }
            let confidences = errors.compactMap { $0["confidence"] as? Double }
            XCTAssertEqual(confidences, confidences.sorted(by: >), "most confident error first")
        }
    }

    /// Stance is scored as stance-predict reports it (an actor's mentions in a sentence pooled);
    /// `--per-mention` scores each mention's own distribution. The held-out split has many
    /// sentences with several mentions of one actor, so the shipped model scores differ.
    func testPerMentionScoresEachMentionsOwnStance() throws {
        let test = Harness.packageRoot.appendingPathComponent("TrainingData/test.jsonl").path
        func macroF1(_ extra: [String]) throws -> Double {
            let models = try Harness.shippedModelDirectory().path
            let arguments = ["--model-dir", models, "--task", "stance", "--format", "json", "--worst", "0"] + extra + [test]
            let outcome = try Harness.run("stance-eval", arguments)
            XCTAssertEqual(outcome.status, 0, outcome.err)
            let reports = try XCTUnwrap(JSONSerialization.jsonObject(with: outcome.stdout) as? [[String: Any]], outcome.out)
            let metrics = try XCTUnwrap(reports.first?["metrics"] as? [String: Any])
            return try XCTUnwrap(metrics["macroF1"] as? Double)
        }
        let pooled = try macroF1([])
        let perMention = try macroF1(["--per-mention"])
        XCTAssertNotEqual(pooled, perMention, "pooling should change some predictions on the held-out split")
        XCTAssertGreaterThan(pooled, 0.5)
        XCTAssertGreaterThan(perMention, 0.5)
    }

    func testTaskAndModelFlagsSelectOneReport() throws {
        XCTAssertEqual(try reports(["--task", "sentiment"]).compactMap { $0["task"] as? String }, ["sentiment"])
        let stanceModel = try Harness.tinyModelDirectory().appendingPathComponent("stance.json")
        XCTAssertEqual(try reports(["--model", stanceModel.path]).compactMap { $0["task"] as? String }, ["stance"])
    }

    func testBadLabelNamesTheLine() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try String(contentsOf: Self.labeled, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: #""stance": "open""#, with: #""stance": "opne""#)
        let bad = directory.appendingPathComponent("typo.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: bad)
        assertFails(try evaluate([bad.path]), mentioning: ["typo.jsonl:2:", "opne"])
        assertFails(try evaluate([directory.appendingPathComponent("absent.jsonl").path]), mentioning: ["absent.jsonl"])
    }

    func testNewsMTSCIsScoredForSentimentOnly() throws {
        let outcome = try evaluate(["--format", "json", Harness.fixture("newsmtsc.jsonl").path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let reports = try XCTUnwrap(JSONSerialization.jsonObject(with: outcome.stdout) as? [[String: Any]])
        XCTAssertEqual(reports.compactMap { $0["task"] as? String }, ["sentiment"])
        XCTAssertEqual(reports.first?["examples"] as? Int, 5, "one example per target")
    }

    func testUnlabeledDataIsRefusedNamingTheFile() throws {
        let unlabeled = Harness.fixture("corpus/nested/two.jsonl")
        assertFails(try evaluate([unlabeled.path]), mentioning: [unlabeled.path])
    }

    func testUsageErrorsAndHelp() throws {
        XCTAssertEqual(try evaluate([]).status, 64)
        XCTAssertEqual(try evaluate(["--task", "mood", Self.labeled.path]).status, 64)
        XCTAssertEqual(try evaluate(["--format", "yaml", Self.labeled.path]).status, 64)
        let help = try Harness.run("stance-eval", ["--help"])
        XCTAssertEqual(help.status, 0, help.err)
        XCTAssertTrue(help.out.contains("--worst"))
    }
}
