import Foundation
import XCTest
import StanceFeatures
import StanceKit
import StanceLearning

/// Retraining from TrainingData/ with the configuration a shipped model records gives
/// the same model: same data digest, same vocabulary, same weights, same test scores.
/// The sentiment model's sources are listed in `Models/training/sentiment-data.txt`; its
/// weights are checked by the gradient at them rather than by a refit.
///
/// Weights are compared to 1e-9 relative rather than bit for bit: a different BLAS
/// (OpenBLAS instead of Debian's reference BLAS) may change the last bits of a sum.
final class ShippedModelReproducibilityTests: XCTestCase {
    func assertReproducible(_ task: StanceTask, file: StaticString = #filePath, line: UInt = #line) throws {
        let shipped = try TextClassifier.load(TestPaths.models.appendingPathComponent(task.modelFileName))
        let gazetteer = try ActorGazetteer.load(from: TestPaths.models.appendingPathComponent("actors.json"))
        let extractor = InstanceExtractor(gazetteer: gazetteer)
        let corpus: LabeledCorpus
        if task == .sentiment {
            let list = TestPaths.models.appendingPathComponent("training/sentiment-data.txt")
            corpus = try LabeledCorpus.read(try TrainingDataSource.list(contentsOf: list, relativeTo: TestPaths.root))
        } else {
            corpus = try LabeledCorpus.read(["train.jsonl", "dev.jsonl"].map { TestPaths.trainingData.appendingPathComponent($0) })
        }
        XCTAssertEqual(corpus.digest, shipped.file.training.dataDigest,
                       "TrainingData changed since the model was trained: run bash Scripts/train-models.sh", file: file, line: line)

        let configuration = TextTrainingConfiguration(features: shipped.file.features.configuration, training: shipped.file.training.configuration)
        let run = TextTrainingRun(task: task, configuration: configuration, lexicons: shipped.file.features.lexicons, extractor: extractor)
        if task == .sentiment {
            // 17,817 rows take a debug build twenty minutes to refit; instead rebuild the
            // features and check that the shipped weights are the optimum for them (the
            // objective is strictly convex, so the optimum is unique). The fit stopped at
            // ‖gradient‖ ≤ 1e-6 × ‖initial gradient‖; 1e-5 leaves room for another BLAS.
            let examples = run.examples(corpus)
            let featurizer = Featurizer.fit(examples.examples, configuration: configuration.features, lexicons: shipped.file.features.lexicons)
            XCTAssertEqual(featurizer, shipped.file.features, "vocabulary or configuration differs", file: file, line: line)
            let rows = TextModelTrainer.matrix(examples.examples, featurizer: featurizer)
            let check = try MultinomialLogisticRegression.gradientCheck(at: shipped.file.classifier, rows: rows, labels: examples.labels,
                                                                         configuration: configuration.training)
            XCTAssertLessThanOrEqual(check.gradientNorm, 1e-5 * check.initialGradientNorm, "the shipped weights are not the optimum of this data", file: file, line: line)
            XCTAssertEqual(check.objective, shipped.file.training.report.objective, accuracy: 1e-9 * abs(check.objective), file: file, line: line)
            return
        }
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
