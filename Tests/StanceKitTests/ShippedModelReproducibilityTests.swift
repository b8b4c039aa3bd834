import Foundation
import StanceFeatures
import StanceKit
import StanceLearning
import XCTest

/// Retraining from TrainingData/ with the configuration a shipped model records gives
/// the same model: same data digest, same vocabulary, same weights, same test scores.
/// Each model's sources are listed in `Models/training/TASK-data.txt`; the weights are
/// checked by the gradient at them rather than by a refit (`Scripts/train-models.sh`
/// refits and gives byte-identical files).
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
        XCTAssertEqual(
            corpus.digest, shipped.file.training.dataDigest,
            "TrainingData changed since the model was trained: run bash Scripts/train-models.sh", file: file, line: line)

        let configuration = TextTrainingConfiguration(
            features: shipped.file.features.configuration, training: shipped.file.training.configuration)
        let run = TextTrainingRun(task: task, configuration: configuration, lexicons: shipped.file.features.lexicons, extractor: extractor)
        // Thousands of rows take a debug build many minutes to refit; instead rebuild the
        // features and check that the shipped weights are the optimum for them (the
        // objective is strictly convex, so the optimum is unique). The fit stopped at
        // ‖gradient‖ ≤ 1e-6 × ‖initial gradient‖; 1e-5 leaves room for another BLAS.
        let examples = run.examples(corpus)
        let featurizer = Featurizer.fit(examples.examples, configuration: configuration.features, lexicons: shipped.file.features.lexicons)
        XCTAssertEqual(featurizer, shipped.file.features, "vocabulary or configuration differs", file: file, line: line)
        let rows = TextModelTrainer.matrix(examples.examples, featurizer: featurizer)
        let check = try MultinomialLogisticRegression.gradientCheck(
            at: shipped.file.classifier, rows: rows, labels: examples.labels,
            configuration: configuration.training)
        XCTAssertLessThanOrEqual(
            check.gradientNorm, 1e-5 * check.initialGradientNorm, "the shipped weights are not the optimum of this data", file: file,
            line: line)
        XCTAssertEqual(
            check.objective, shipped.file.training.report.objective, accuracy: 1e-9 * abs(check.objective), file: file, line: line)
    }

    func testStanceModelIsReproducibleFromTrainingData() throws { try assertReproducible(.stance) }

    func testSentimentModelIsReproducibleFromTrainingData() throws { try assertReproducible(.sentiment) }
}
