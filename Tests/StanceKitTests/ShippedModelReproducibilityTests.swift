import Foundation
import XCTest
import StanceFeatures
import StanceKit
import StanceLearning

/// Retraining from TrainingData/ with the configuration a shipped model records gives
/// the same model: same data digest, same vocabulary, same weights, same test scores.
/// Each model's sources are listed in `Models/training/TASK-data.txt`.
///
/// Weights are compared to 1e-9 relative rather than bit for bit: a different BLAS
/// (OpenBLAS instead of Debian's reference BLAS) may change the last bits of a sum.
final class ShippedModelReproducibilityTests: XCTestCase {
    func assertReproducible(_ task: StanceTask, file: StaticString = #filePath, line: UInt = #line) throws {
        // Both models also learn from real news whose text stays in ../shared.
        _ = try TestPaths.requireRealNews()
        _ = try TestPaths.requireNewsMTSC()
        let shipped = try TextClassifier.load(TestPaths.models.appendingPathComponent(task.modelFileName))
        let gazetteer = try ActorGazetteer.load(from: TestPaths.models.appendingPathComponent("actors.json"))
        let extractor = InstanceExtractor(gazetteer: gazetteer)
        let list = TestPaths.models.appendingPathComponent("training/\(task.rawValue)-data.txt")
        let corpus = try LabeledCorpus.read(try TrainingDataSource.list(contentsOf: list, relativeTo: TestPaths.root))
        XCTAssertEqual(corpus.digest, shipped.file.training.dataDigest,
                       "TrainingData changed since the model was trained: run bash Scripts/train-models.sh", file: file, line: line)

        let configuration = TextTrainingConfiguration(features: shipped.file.features.configuration, training: shipped.file.training.configuration)
        let run = TextTrainingRun(task: task, configuration: configuration, lexicons: shipped.file.features.lexicons, extractor: extractor)
        let retrained = try TextClassifier(try run.fit(run.examples(corpus), digest: corpus.digest), name: "retrained")
        XCTAssertEqual(retrained.file.features, shipped.file.features, "vocabulary or configuration differs", file: file, line: line)
        let a = retrained.file.classifier.weights + retrained.file.classifier.biases
        let b = shipped.file.classifier.weights + shipped.file.classifier.biases
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        let scale = max(b.map(abs).max() ?? 1, 1e-12)
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst / scale, 1e-9, "weights differ", file: file, line: line)

        let test = Evaluator.extract(try LabeledCorpus.read([TestPaths.trainingData.appendingPathComponent("test.jsonl")]).documents, extractor: extractor)
        let r1 = try Evaluator.evaluate(retrained, task: task, on: test, dataName: "test.jsonl")
        let r2 = try Evaluator.evaluate(shipped, task: task, on: test, dataName: "test.jsonl")
        XCTAssertEqual(r1.metrics.confusion, r2.metrics.confusion, "test predictions differ", file: file, line: line)
        XCTAssertEqual(r1.metrics.macroF1, r2.metrics.macroF1, file: file, line: line)
    }

    func testStanceModelIsReproducibleFromTrainingData() throws { try assertReproducible(.stance) }

    func testSentimentModelIsReproducibleFromTrainingData() throws { try assertReproducible(.sentiment) }
}
