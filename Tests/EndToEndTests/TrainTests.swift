import Foundation
import XCTest

/// stance-train on `Fixtures/tiny.libsvm` (twelve rows, four features, three classes).
final class TrainTests: XCTestCase {
    static let data = Harness.fixture("tiny.libsvm")
    var directory: URL!

    override func setUpWithError() throws { directory = try Harness.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func train(_ arguments: [String]) throws -> ProcessOutcome { try Harness.run("stance-train", arguments) }

    func testTrainingWritesAModelThatRecordsItsRun() throws {
        let model = directory.appendingPathComponent("model.json")
        let outcome = try train(["--data", Self.data.path, "--output", model.path, "--quiet"])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertEqual(outcome.err, "", "--quiet silences stderr")
        XCTAssertTrue(outcome.out.contains("objective"), outcome.out)
        let text = try String(contentsOf: model, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("{\n  \"formatVersion\" : 1,"), "formatVersion comes first")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(object["labels"] as? [String], ["1", "2", "3"])
        let classifier = try XCTUnwrap(object["classifier"] as? [String: Any])
        XCTAssertEqual(classifier["featureCount"] as? Int, 4)
        XCTAssertEqual((classifier["weights"] as? [Double])?.count, 12)
        XCTAssertEqual(try Harness.contents(of: directory), ["model.json"], "no temporary file may remain")
    }

    func testSameDataAndSeedGiveAByteIdenticalModel() throws {
        let first = directory.appendingPathComponent("first.json")
        let second = directory.appendingPathComponent("second.json")
        XCTAssertEqual(try train(["--data", Self.data.path, "--output", first.path, "--quiet"]).status, 0)
        XCTAssertEqual(try train(["--data", Self.data.path, "--output", second.path, "--quiet"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: second))
    }

    func testJSONReportIsOneObjectOnOneLine() throws {
        let outcome = try train(["--data", Self.data.path, "--test", Self.data.path, "--report", "json", "--quiet"])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let lines = outcome.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, outcome.out)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(String(lines.first ?? "").utf8)) as? [String: Any])
        let objective = try XCTUnwrap(report["objective"] as? Double)
        XCTAssertTrue(objective.isFinite && objective > 0, "\(objective)")
        XCTAssertGreaterThan(try XCTUnwrap(report["iterations"] as? Int), 0)
        XCTAssertNotNil(report["converged"] as? Bool)
        let accuracy = try XCTUnwrap(report["train_accuracy"] as? Double)
        let macroF1 = try XCTUnwrap(report["train_macro_f1"] as? Double)
        XCTAssertTrue((0...1).contains(accuracy) && (0...1).contains(macroF1))
        // Scoring the training file as the test file must give the training scores.
        XCTAssertEqual(report["test_accuracy"] as? Double, accuracy)
        XCTAssertEqual(report["test_macro_f1"] as? Double, macroF1)
    }

    func testMalformedDataNamesTheLineAndWritesNoModel() throws {
        let bad = directory.appendingPathComponent("bad.libsvm")
        try Data("1 1:0.5 2:0.1\n2 2:0.9\n3 3:abc\n".utf8).write(to: bad)
        let model = directory.appendingPathComponent("model.json")
        let outcome = try train(["--data", bad.path, "--output", model.path])
        assertFails(outcome, mentioning: ["bad.libsvm:3"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: model.path))
        XCTAssertEqual(try Harness.contents(of: directory), ["bad.libsvm"])
    }

    func testFailedRunLeavesNoModelFile() throws {
        // Training succeeds but the --test file is broken: the run fails, so no model may appear.
        let bad = directory.appendingPathComponent("bad-test.libsvm")
        try Data("1 1:0.5\n2 0:1\n".utf8).write(to: bad)
        let model = directory.appendingPathComponent("model.json")
        let outcome = try train(["--data", Self.data.path, "--test", bad.path, "--output", model.path, "--quiet"])
        assertFails(outcome, mentioning: ["bad-test.libsvm:2"])
        XCTAssertEqual(try Harness.contents(of: directory), ["bad-test.libsvm"], "a failed run left a model behind")
    }

    func testInterruptedRunLeavesNoModelFile() throws {
        // Enough rows that fitting with zero tolerances lasts about a second in a debug build;
        // the process is interrupted as soon as it reports its first iteration.
        let data = directory.appendingPathComponent("large.libsvm")
        var text = ""
        var state: UInt64 = 42
        for row in 0..<6_000 {
            text += String(row % 3 + 1)
            for feature in 1...12 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let value = Int(state >> 54) + (feature % 3 == row % 3 ? 300 : 0)
                text += " \(feature):0.\(1000 + value)"
            }
            text += "\n"
        }
        try Data(text.utf8).write(to: data)
        let model = directory.appendingPathComponent("model.json")
        let process = Process()
        process.executableURL = try Harness.executable("stance-train")
        process.arguments = [
            "--data", data.path, "--output", model.path, "--tolerance", "0", "--objective-tolerance", "0",
            "--max-iterations", "100000",
        ]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        while process.isRunning, !String(decoding: seen, as: UTF8.self).contains("iteration") {
            seen += stderr.fileHandleForReading.availableData
        }
        let interrupted = process.isRunning
        process.interrupt()
        process.waitUntilExit()
        XCTAssertTrue(interrupted, "training finished before it could be interrupted; make the data larger")
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run was interrupted")
        XCTAssertEqual(try Harness.contents(of: directory), ["large.libsvm"], "an interrupted run left a file behind")
    }

    func testScikitLearnStopRuleIsAcceptedAndRecordedInTheModel() throws {
        let model = directory.appendingPathComponent("model.json")
        let outcome = try train(["--data", Self.data.path, "--stop", "gradient-max", "--output", model.path, "--quiet"])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertTrue(try String(contentsOf: model, encoding: .utf8).contains(#""stopRule" : "gradientMax""#))
        let plain = directory.appendingPathComponent("plain.json")
        XCTAssertEqual(try train(["--data", Self.data.path, "--output", plain.path, "--quiet"]).status, 0)
        XCTAssertFalse(try String(contentsOf: plain, encoding: .utf8).contains("stopRule"), "the default is not written")
        XCTAssertEqual(try train(["--data", Self.data.path, "--stop", "gradientMax"]).status, 64, "command lines use kebab case")
    }

    func testUsageErrorsAndHelp() throws {
        XCTAssertEqual(try train([]).status, 64, "--data is required")
        XCTAssertEqual(try train(["--data", Self.data.path, "--l2-penalty", "-1"]).status, 64)
        XCTAssertEqual(try train(["--data", Self.data.path, "--format", "arff"]).status, 64)
        let help = try train(["--help"])
        XCTAssertEqual(help.status, 0, help.err)
        XCTAssertTrue(help.out.contains("--l2-penalty"))
        assertFails(try train(["--data", directory.appendingPathComponent("absent.libsvm").path]), mentioning: ["absent.libsvm"])
    }
}
