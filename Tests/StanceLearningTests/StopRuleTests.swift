import Foundation
import XCTest

@testable import StanceLearning

/// `StopRule.gradientMax` is scikit-learn's lbfgs stop, scaled from its mean objective to `f`.
final class StopRuleTests: XCTestCase {
    private let problem = SyntheticData.make(rowCount: 3_000, featureCount: 40, classCount: 3, nonzerosPerRow: 6, seed: 41)

    /// The largest gradient entry of the mean objective `f / n` at `model`.
    private func meanGradientMaximum(_ model: MultinomialLogisticRegression, l2Penalty: Double) -> Double {
        let objective = SoftmaxObjective(
            rows: problem.rows, labels: problem.labels, rowWeights: Array(repeating: 1, count: problem.labels.count), classCount: 3,
            l2Penalty: l2Penalty)
        var gradient = [Double](repeating: 0, count: objective.parameterCount)
        _ = objective.evaluate(model.weights + model.biases, gradient: &gradient)
        return gradient.map(abs).max()! / Double(problem.labels.count)
    }

    func testGradientMaxStopsAtTheFirstIterateWhoseMeanGradientEntriesAreWithinTolerance() throws {
        var configuration = TrainingConfiguration(
            l2Penalty: 3, tolerance: 1e-5, objectiveTolerance: StopRule.scikitLearnObjectiveTolerance)
        configuration.stopRule = .gradientMax
        let (model, report) = try MultinomialLogisticRegression.fit(
            problem.rows, labels: problem.labels, classCount: 3, configuration: configuration)
        XCTAssertEqual(report.stopReason, .gradientTolerance)
        XCTAssertLessThanOrEqual(meanGradientMaximum(model, l2Penalty: 3), 1e-5)
        // One iteration fewer has not yet passed, so the rule stopped as early as it could.
        configuration.maxIterations = report.iterations - 1
        let (earlier, _) = try MultinomialLogisticRegression.fit(
            problem.rows, labels: problem.labels, classCount: 3, configuration: configuration)
        XCTAssertGreaterThan(meanGradientMaximum(earlier, l2Penalty: 3), 1e-5)
    }

    func testGradientMaxObjectiveTestIsRelativeToTheRowCountForSmallObjectives() {
        var configuration = TrainingConfiguration(objectiveTolerance: 1e-6)
        configuration.stopRule = .gradientMax
        let objective = SoftmaxObjective(
            rows: problem.rows, labels: problem.labels, rowWeights: Array(repeating: 1, count: problem.labels.count), classCount: 3,
            l2Penalty: 1)
        let tests = StopTests(configuration: configuration, objective: objective, initialGradientNorm: 1)
        // A mean objective below 1 is scaled by max(|f|, 1) = 1 in SciPy, so here by n = 3,000.
        XCTAssertTrue(tests.objectivePasses(previous: 300.002, current: 300))
        XCTAssertFalse(tests.objectivePasses(previous: 300.004, current: 300))
        configuration.stopRule = .relativeNorm
        let relative = StopTests(configuration: configuration, objective: objective, initialGradientNorm: 1)
        XCTAssertFalse(relative.objectivePasses(previous: 300.002, current: 300))
    }

    func testStopRuleIsWrittenOnlyWhenItIsNotTheDefault() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var configuration = TrainingConfiguration()
        let plain = String(decoding: try encoder.encode(configuration), as: UTF8.self)
        XCTAssertFalse(plain.contains("stopRule"), "default runs keep the bytes of older model files")
        XCTAssertEqual(try JSONDecoder().decode(TrainingConfiguration.self, from: Data(plain.utf8)).stopRule, .relativeNorm)
        configuration.stopRule = .gradientMax
        let written = try encoder.encode(configuration)
        XCTAssertTrue(String(decoding: written, as: UTF8.self).contains(#""stopRule":"gradientMax""#))
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: written)
        XCTAssertEqual(decoded, configuration)
        XCTAssertNotEqual(decoded, TrainingConfiguration())
    }
}
