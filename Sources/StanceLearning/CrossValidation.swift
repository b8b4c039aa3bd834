import Foundation

/// Scores of one cross-validation fold.
public struct FoldResult: Codable, Equatable, Sendable {
    /// Accuracy on the held-out fold.
    public let accuracy: Double
    /// Macro-F1 on the held-out fold.
    public let macroF1: Double
    /// How the fold's fit ended.
    public let report: TrainingReport
}

/// Mean and spread of held-out scores over k folds.
public struct CrossValidationResult: Codable, Equatable, Sendable {
    /// Per-fold results in fold order.
    public let folds: [FoldResult]
    /// Mean accuracy over folds.
    public let meanAccuracy: Double
    /// Population standard deviation of fold accuracies (NumPy's default `ddof=0`).
    public let accuracyStandardDeviation: Double
    /// Mean macro-F1 over folds.
    public let meanMacroF1: Double
    /// Population standard deviation of fold macro-F1 values.
    public let macroF1StandardDeviation: Double
}

/// k-fold cross-validation of `MultinomialLogisticRegression`, shuffled by the configuration's seed.
public enum CrossValidation {
    /// Fold index (`0 ..< folds`) of each row: a seeded permutation dealt round-robin, so
    /// fold sizes differ by at most one and the same seed always gives the same split.
    public static func foldAssignments(rowCount: Int, folds: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var assignment = [Int](repeating: 0, count: rowCount)
        for (position, row) in generator.permutation(of: rowCount).enumerated() { assignment[row] = position % folds }
        return assignment
    }

    /// Trains on k−1 folds and scores the remaining one, k times.
    /// - Throws: `TrainingError.invalidConfiguration` when `folds` is not in `2 ... rowCount`, or any fit error.
    public static func run(
        _ dataset: LabeledDataset, folds: Int, configuration: TrainingConfiguration,
        progress: ((Int, TrainingProgress) -> Void)? = nil
    ) throws -> CrossValidationResult {
        let rowCount = dataset.rows.rowCount
        guard folds >= 2, folds <= rowCount else {
            throw TrainingError.invalidConfiguration("cross-validation needs 2 ≤ folds ≤ rows (\(rowCount)), got \(folds): choose a smaller --cv")
        }
        let assignment = foldAssignments(rowCount: rowCount, folds: folds, seed: configuration.seed)
        var results: [FoldResult] = []
        for fold in 0 ..< folds {
            let trainRows = (0 ..< rowCount).filter { assignment[$0] != fold }
            let testRows = (0 ..< rowCount).filter { assignment[$0] == fold }
            let (model, report) = try MultinomialLogisticRegression.fit(
                dataset.rows.rows(at: trainRows), labels: trainRows.map { dataset.labels[$0] },
                classCount: dataset.labelNames.count, sampleWeights: dataset.sampleWeights.map { weights in trainRows.map { weights[$0] } },
                configuration: configuration, progress: progress.map { callback in { callback(fold, $0) } })
            let predicted = model.predictions(for: dataset.rows.rows(at: testRows))
            let metrics = ClassificationMetrics(truth: testRows.map { dataset.labels[$0] }, predicted: predicted, labels: dataset.labelNames)
            results.append(FoldResult(accuracy: metrics.accuracy, macroF1: metrics.macroF1, report: report))
        }
        func meanAndDeviation(_ values: [Double]) -> (Double, Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            return (mean, variance.squareRoot())
        }
        let accuracy = meanAndDeviation(results.map(\.accuracy))
        let macroF1 = meanAndDeviation(results.map(\.macroF1))
        return CrossValidationResult(folds: results, meanAccuracy: accuracy.0, accuracyStandardDeviation: accuracy.1,
                                     meanMacroF1: macroF1.0, macroF1StandardDeviation: macroF1.1)
    }
}
