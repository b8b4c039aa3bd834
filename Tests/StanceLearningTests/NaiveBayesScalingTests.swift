import Foundation
import XCTest

@testable import StanceLearning

final class NaiveBayesScalingTests: XCTestCase {
    /// A column seen only with one class gets a larger scale than one spread evenly, and the
    /// scales of the columns that occur average 1.
    func testDiscriminativeColumnsGetLargerScales() {
        var rows = SparseMatrix(columnCount: 3)
        var labels: [Int] = []
        for i in 0..<30 {
            let label = i % 3
            if label == 0 { rows.appendRow(indices: [0, 1], values: [1, 1]) } else { rows.appendRow(indices: [1], values: [1]) }
            labels.append(label)
        }
        let scales = NaiveBayesScaling.scales(rows: rows, labels: labels, classCount: 3)
        XCTAssertGreaterThan(scales[0], scales[1])
        XCTAssertEqual(scales[2], 0, "a column never seen is scaled to zero")
        XCTAssertEqual((scales[0] + scales[1]) / 2, 1, accuracy: 1e-12)
    }

    /// The stored weights score unscaled rows as the fitted ones score scaled rows, and the
    /// gradient check finds them optimal.
    func testFoldedWeightsMatchTheScaledFitAndPassTheGradientCheck() throws {
        let (rows, labels) = SyntheticData.make(rowCount: 300, featureCount: 20, classCount: 3, nonzerosPerRow: 5, seed: 3)
        var configuration = TrainingConfiguration(l2Penalty: 1, classWeighting: .balanced, tolerance: 1e-9)
        configuration.naiveBayesScaling = true
        let (model, report) = try MultinomialLogisticRegression.fit(rows, labels: labels, classCount: 3, configuration: configuration)
        XCTAssertTrue(report.converged)
        let scales = NaiveBayesScaling.scales(rows: rows, labels: labels, classCount: 3)
        var plain = configuration
        plain.naiveBayesScaling = false
        let scaled = try MultinomialLogisticRegression.fit(
            NaiveBayesScaling.scaled(rows, by: scales), labels: labels, classCount: 3, configuration: plain)
        XCTAssertEqual(scaled.report.objective, report.objective, accuracy: 1e-9 * abs(report.objective))
        let unscaledScores = model.probabilities(for: rows).flatMap { $0 }
        let scaledScores = scaled.model.probabilities(for: NaiveBayesScaling.scaled(rows, by: scales)).flatMap { $0 }
        let largest = zip(unscaledScores, scaledScores).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(largest, 1e-6)
        let check = try MultinomialLogisticRegression.gradientCheck(at: model, rows: rows, labels: labels, configuration: configuration)
        XCTAssertLessThanOrEqual(check.gradientNorm, 1e-6 * check.initialGradientNorm)
        XCTAssertEqual(check.objective, report.objective, accuracy: 1e-9 * abs(report.objective))
    }

    /// Configurations written before the option decode with it off.
    func testOldConfigurationsDecodeWithScalingOff() throws {
        let json =
            #"{"l2Penalty": 1, "solver": "lbfgs", "classWeighting": "none", "maxIterations": 500, "tolerance": 1e-6, "objectiveTolerance": 1e-12, "seed": 0}"#
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, TrainingConfiguration())
    }
}
