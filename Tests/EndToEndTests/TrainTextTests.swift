import Foundation
import XCTest

/// stance-train on labeled text (`--format trainingdata|newsmtsc`): the models it writes
/// must serve stance-predict, and failures must name the line and leave no model behind.
final class TrainTextTests: XCTestCase {
    static let tinyTrain = Harness.fixture("tiny-train.jsonl")
    var directory: URL!

    override func setUpWithError() throws { directory = try Harness.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// A --config that keeps features seen once: six articles are too few for the default floor of 2.
    /// (The training block must be complete; the feature blocks take defaults for missing keys.)
    func smallDataConfiguration() throws -> URL {
        let url = directory.appendingPathComponent("small-data.json")
        try Data(
            #"""
            {"features": {"bagOfWords": {"minimumDocumentFrequency": 1}, "actorContext": {"minimumDocumentFrequency": 1}},
             "training": {"l2Penalty": 1, "solver": "lbfgs", "classWeighting": "none", "maxIterations": 500,
                          "tolerance": 1e-6, "objectiveTolerance": 1e-12, "seed": 0}}
            """#.utf8
        ).write(to: url)
        return url
    }

    func train(_ arguments: [String]) throws -> ProcessOutcome { try Harness.run("stance-train", arguments) }

    func testModelsTrainedOnTrainingDataServeThePredictor() throws {
        let models = directory.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let config = try smallDataConfiguration()
        // tiny-train.jsonl: 18 labeled mentions, one of them with a null stance (the `none` class).
        for (task, examples, labels) in [
            ("stance", 18, ["open", "skeptical", "hardline", "none"]), ("sentiment", 18, ["negative", "neutral", "positive"]),
        ] {
            let outcome = try train([
                "--format", "trainingdata", "--task", task, "--data", Self.tinyTrain.path, "--config", config.path,
                "--output", models.appendingPathComponent("\(task).json").path, "--report", "json", "--quiet",
            ])
            XCTAssertEqual(outcome.status, 0, outcome.err)
            let lines = outcome.out.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "--report json prints one line: \(outcome.out)")
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(String(lines.first ?? "").utf8)) as? [String: Any])
            XCTAssertEqual(report["task"] as? String, task)
            XCTAssertEqual(report["rows"] as? Int, examples, "\(task) examples")
            XCTAssertEqual(report["classes"] as? [String], labels)
            XCTAssertNotNil(report["converged"] as? Bool)
            XCTAssertNotNil(report["objective"] as? Double)
            XCTAssertNotNil(report["train_macro_f1"] as? Double)
        }
        try FileManager.default.copyItem(
            at: Harness.packageRoot.appendingPathComponent("Models/actors.json"),
            to: models.appendingPathComponent("actors.json"))
        let predicted = try Harness.run(
            "stance-predict", ["--model-dir", models.path, "--format", "jsonl", Harness.fixture("article.txt").path])
        XCTAssertEqual(predicted.status, 0, predicted.err)
        XCTAssertEqual(Harness.jsonObjects(predicted.out).count, 4)
    }

    func testNewsMTSCTrainsSentimentOnly() throws {
        let model = directory.appendingPathComponent("sentiment.json")
        let outcome = try train([
            "--format", "newsmtsc", "--task", "sentiment", "--data", Harness.fixture("newsmtsc.jsonl").path,
            "--config", try smallDataConfiguration().path, "--output", model.path, "--report", "json", "--quiet",
        ])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: outcome.stdout) as? [String: Any])
        XCTAssertEqual(report["rows"] as? Int, 5, "one example per target")
        XCTAssertTrue(FileManager.default.fileExists(atPath: model.path))
        let stance = try train(["--format", "newsmtsc", "--task", "stance", "--data", Harness.fixture("newsmtsc.jsonl").path])
        XCTAssertEqual(stance.status, 64, "NewsMTSC has no stance labels: \(stance.err)")
    }

    func testBadLabelNamesTheLineAndWritesNoModel() throws {
        var lines = try String(contentsOf: Self.tinyTrain, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: #""sentiment": "negative""#, with: #""sentiment": "grim""#)
        let bad = directory.appendingPathComponent("typo.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: bad)
        let model = directory.appendingPathComponent("model.json")
        assertFails(
            try train(["--format", "trainingdata", "--data", bad.path, "--output", model.path, "--quiet"]),
            mentioning: ["typo.jsonl:3:", "grim"])
        XCTAssertEqual(try Harness.contents(of: directory), ["typo.jsonl"])
    }

    func testFailedRunLeavesNoModelFile() throws {
        // The model trains, but the --test file is broken: the run fails, so no model may appear.
        let bad = directory.appendingPathComponent("broken-test.jsonl")
        try Data("{\"id\": \"x\", \"text\": \n".utf8).write(to: bad)
        let model = directory.appendingPathComponent("model.json")
        let outcome = try train([
            "--format", "trainingdata", "--data", Self.tinyTrain.path, "--config", try smallDataConfiguration().path,
            "--test", bad.path, "--output", model.path, "--quiet",
        ])
        assertFails(outcome, mentioning: ["broken-test.jsonl:1:"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: model.path), "a failed run left a model behind")
    }
}
