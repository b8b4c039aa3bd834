import Foundation
import XCTest

/// `stance-train --export-libsvm` and `--import-weights`: weights trained elsewhere on the
/// exported rows come back as a model stance-predict uses. The test plays MLlib's part with
/// a native fit, so it needs no Spark (Scripts/check-spark.sh runs the real thing).
final class SparkExchangeTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try Harness.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func smallDataConfiguration() throws -> URL {
        let url = directory.appendingPathComponent("small-data.json")
        try Data(#"{"features": {"bagOfWords": {"minimumDocumentFrequency": 1}, "actorContext": {"minimumDocumentFrequency": 1}}}"#.utf8)
            .write(to: url)
        return url
    }

    /// Exports the tiny corpus and trains a native model on the same data and λ.
    func exportAndTrainNative() throws -> (export: URL, native: [String: Any]) {
        let export = directory.appendingPathComponent("export")
        let common = [
            "--format", "trainingdata", "--task", "stance", "--data", Harness.fixture("tiny-train.jsonl").path,
            "--config", try smallDataConfiguration().path, "--l2-penalty", "2", "--quiet",
        ]
        let exported = try Harness.run("stance-train", common + ["--export-libsvm", export.path])
        XCTAssertEqual(exported.status, 0, exported.err)
        XCTAssertTrue(exported.out.contains("λ 2.0 = MLlib regParam"), exported.out)
        XCTAssertEqual(try Harness.contents(of: export), ["feature-map.json", "features.tsv", "train.libsvm"])
        let nativeURL = directory.appendingPathComponent("native.json")
        let trained = try Harness.run("stance-train", common + ["--output", nativeURL.path])
        XCTAssertEqual(trained.status, 0, trained.err)
        let native = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: nativeURL)) as? [String: Any])
        return (export, native)
    }

    /// The native model's weights in MLlib's shape: coefficientMatrix is classes × features.
    func mllibWeights(from native: [String: Any], rows: Int, edit: (inout [String: Any]) -> Void = { _ in }) throws -> URL {
        let classifier = try XCTUnwrap(native["classifier"] as? [String: Any])
        let k = try XCTUnwrap(classifier["classCount"] as? Int)
        let n = try XCTUnwrap(classifier["featureCount"] as? Int)
        let weights = try XCTUnwrap(classifier["weights"] as? [Double])
        var object: [String: Any] = [
            "coefficientMatrix": (0..<k).map { c in (0..<n).map { f in weights[f * k + c] } },
            "interceptVector": try XCTUnwrap(classifier["biases"] as? [Double]),
            "numFeatures": n, "numClasses": k, "regParam": 2.0 / Double(rows), "elasticNetParam": 0.0,
            "standardization": false, "fitIntercept": true, "totalIterations": 42,
        ]
        edit(&object)
        let url = directory.appendingPathComponent("export/mllib-weights.json")
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url
    }

    func testImportedWeightsPredictLikeTheModelTheyCameFrom() throws {
        let (export, native) = try exportAndTrainNative()
        let map = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: export.appendingPathComponent("feature-map.json"))) as? [String: Any])
        let rows = try XCTUnwrap(map["trainingRows"] as? Int)
        XCTAssertEqual(
            map["featureCount"] as? Int, (native["classifier"] as? [String: Any])?["featureCount"] as? Int,
            "the export builds the columns a native fit builds")
        let weights = try mllibWeights(from: native, rows: rows)
        let imported = directory.appendingPathComponent("imported.json")
        let outcome = try Harness.run("stance-train", ["--import-weights", weights.path, "--output", imported.path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertTrue(outcome.out.contains("λ 2.0"), "λ = regParam × rows: \(outcome.out)")

        let model = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: imported)) as? [String: Any])
        let training = try XCTUnwrap(model["training"] as? [String: Any])
        let report = try XCTUnwrap(training["report"] as? [String: Any])
        let nativeReport = try XCTUnwrap((native["training"] as? [String: Any])?["report"] as? [String: Any])
        let objective = try XCTUnwrap(report["objective"] as? Double)
        let nativeObjective = try XCTUnwrap(nativeReport["objective"] as? Double)
        XCTAssertEqual(objective, nativeObjective, accuracy: 1e-9 * abs(nativeObjective), "same weights, same objective")

        // stance-predict with each stance model: identical rows.
        var outputs: [Data] = []
        for model in [directory.appendingPathComponent("native.json"), imported] {
            let models = directory.appendingPathComponent("models-\(outputs.count)")
            try FileManager.default.copyItem(at: try Harness.tinyModelDirectory(), to: models)
            try FileManager.default.removeItem(at: models.appendingPathComponent("stance.json"))
            try FileManager.default.copyItem(at: model, to: models.appendingPathComponent("stance.json"))
            let predicted = try Harness.run(
                "stance-predict", ["--model-dir", models.path, "--format", "jsonl", Harness.fixture("article.txt").path])
            XCTAssertEqual(predicted.status, 0, predicted.err)
            outputs.append(predicted.stdout)
        }
        // The weights went through JSONSerialization, which may round the last digit.
        let nativeRows = Harness.jsonObjects(String(decoding: outputs[0], as: UTF8.self))
        let importedRows = Harness.jsonObjects(String(decoding: outputs[1], as: UTF8.self))
        XCTAssertFalse(nativeRows.isEmpty)
        XCTAssertEqual(nativeRows.count, importedRows.count)
        for (a, b) in zip(nativeRows, importedRows) {
            XCTAssertEqual(a["stance"] as? String, b["stance"] as? String)
            let p = a["stance_probabilities"] as? [String: Double] ?? [:]
            let q = b["stance_probabilities"] as? [String: Double] ?? [:]
            XCTAssertEqual(Set(p.keys), Set(q.keys))
            for (label, value) in p { XCTAssertEqual(value, q[label] ?? .nan, accuracy: 1e-9, label) }
        }
    }

    func testWeightsThatDoNotMatchTheObjectiveAreRefused() throws {
        let (export, native) = try exportAndTrainNative()
        let map = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: export.appendingPathComponent("feature-map.json"))) as? [String: Any])
        let rows = try XCTUnwrap(map["trainingRows"] as? Int)
        let output = directory.appendingPathComponent("imported.json")
        for (edit, fragment) in [
            ({ (o: inout [String: Any]) in o["standardization"] = true }, "standardization"),
            ({ (o: inout [String: Any]) in o["elasticNetParam"] = 0.5 }, "elasticNetParam"),
            ({ (o: inout [String: Any]) in o["numFeatures"] = 3 }, "numFeatures"),
        ] {
            let weights = try mllibWeights(from: native, rows: rows, edit: edit)
            let outcome = try Harness.run("stance-train", ["--import-weights", weights.path, "--output", output.path])
            assertFails(outcome, mentioning: ["mllib-weights.json", fragment])
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "no model is written")
        }
        let usage = try Harness.run("stance-train", ["--import-weights", "w.json"])
        XCTAssertEqual(usage.status, 64, "--import-weights without --output is a usage error")
    }

    /// `--data` and `--test` take `FORMAT:FILE` in an export as in training (the export once
    /// read the prefix as part of the path, so the shipped models' source lists could not be exported).
    func testExportTakesFormatPrefixesLikeTraining() throws {
        let fixture = Harness.fixture("tiny-train.jsonl").path
        var exports: [[String: Data]] = []
        for (data, test) in [(fixture, fixture), ("trainingdata:" + fixture, "trainingdata:" + fixture)] {
            let export = directory.appendingPathComponent("export-\(exports.count)")
            let outcome = try Harness.run(
                "stance-train",
                [
                    "--task", "stance", "--data", data, "--test", test, "--config", try smallDataConfiguration().path,
                    "--l2-penalty", "2", "--quiet", "--export-libsvm", export.path,
                ])
            XCTAssertEqual(outcome.status, 0, outcome.err)
            var files: [String: Data] = [:]
            for name in ["train.libsvm", "test.libsvm", "features.tsv"] {
                files[name] = try Data(contentsOf: export.appendingPathComponent(name))
            }
            XCTAssertFalse(files["test.libsvm"]?.isEmpty ?? true, "the held-out rows are written")
            exports.append(files)
        }
        XCTAssertEqual(exports[0], exports[1], "a prefixed source exports the same rows as the bare path")
        let training = try Harness.run(
            "stance-train",
            [
                "--task", "stance", "--data", "trainingdata:" + fixture, "--test", "trainingdata:" + fixture,
                "--config", try smallDataConfiguration().path, "--l2-penalty", "2", "--quiet",
            ])
        XCTAssertEqual(training.status, 0, "--test takes a format prefix in training too: \(training.err)")
    }
}
