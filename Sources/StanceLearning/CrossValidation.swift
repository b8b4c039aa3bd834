import Foundation

/// Scores of one cross-validation fold.
package struct FoldResult: Codable, Equatable, Sendable {
    /// Accuracy on the held-out fold.
    package let accuracy: Double
    /// Macro-F1 on the held-out fold.
    package let macroF1: Double
    /// How the fold's fit ended.
    package let report: TrainingReport
}

/// Mean and spread of held-out scores over k folds.
package struct CrossValidationResult: Codable, Equatable, Sendable {
    /// Per-fold results in fold order.
    package let folds: [FoldResult]
    /// Mean accuracy over folds.
    package let meanAccuracy: Double
    /// Population standard deviation of fold accuracies (NumPy's default `ddof=0`).
    package let accuracyStandardDeviation: Double
    /// Mean macro-F1 over folds.
    package let meanMacroF1: Double
    /// Population standard deviation of fold macro-F1 values.
    package let macroF1StandardDeviation: Double
}

/// k-fold cross-validation of `MultinomialLogisticRegression`, shuffled by the configuration's seed.
package enum CrossValidation {
    /// Fold index (`0 ..< folds`) of each row: a seeded permutation dealt round-robin, so
    /// fold sizes differ by at most one and the same seed always gives the same split.
    package static func foldAssignments(rowCount: Int, folds: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var assignment = [Int](repeating: 0, count: rowCount)
        for (position, row) in generator.permutation(of: rowCount).enumerated() { assignment[row] = position % folds }
        return assignment
    }

    /// The one cross-validation of the package: rows are dealt to `folds` folds by group
    /// (`groups[i]` is row i's group; a group never straddles two folds, so pass each row's
    /// own index for plain k-fold), then `fitAndPredict(trainRows, testRows)` is called once per
    /// fold and must return the predicted class of each test row. Folds left empty are skipped.
    /// - Throws: `TrainingError.invalidConfiguration` when `folds` is not in `2 ... number of
    ///   groups` (`unit` names the groups in the message), or what `fitAndPredict` throws.
    package static func run<Group: Hashable & Comparable>(
        groups: [Group], labels: [Int], labelNames: [String], folds: Int, seed: UInt64, unit: String,
        fitAndPredict: (_ train: [Int], _ test: [Int]) throws -> (predicted: [Int], report: TrainingReport)
    ) throws -> CrossValidationResult {
        let distinct = Array(Set(groups)).sorted()
        guard folds >= 2, folds <= distinct.count else {
            throw TrainingError.invalidConfiguration(
                "cross-validation needs 2 ≤ folds ≤ \(distinct.count) (\(unit)), got \(folds): choose a smaller --cv")
        }
        let groupFold = foldAssignments(rowCount: distinct.count, folds: folds, seed: seed)
        let foldOf = Dictionary(uniqueKeysWithValues: zip(distinct, groupFold))
        let rowFold = groups.map { foldOf[$0] ?? 0 }
        var results: [FoldResult] = []
        for fold in 0..<folds {
            let trainRows = rowFold.indices.filter { rowFold[$0] != fold }
            let testRows = rowFold.indices.filter { rowFold[$0] == fold }
            guard !trainRows.isEmpty, !testRows.isEmpty else { continue }
            let (predicted, report) = try fitAndPredict(trainRows, testRows)
            let metrics = ClassificationMetrics(truth: testRows.map { labels[$0] }, predicted: predicted, labels: labelNames)
            results.append(FoldResult(accuracy: metrics.accuracy, macroF1: metrics.macroF1, report: report))
        }
        func meanAndDeviation(_ values: [Double]) -> (Double, Double) {
            guard !values.isEmpty else { return (0, 0) }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            return (mean, variance.squareRoot())
        }
        let accuracy = meanAndDeviation(results.map(\.accuracy))
        let macroF1 = meanAndDeviation(results.map(\.macroF1))
        return CrossValidationResult(
            folds: results, meanAccuracy: accuracy.0, accuracyStandardDeviation: accuracy.1,
            meanMacroF1: macroF1.0, macroF1StandardDeviation: macroF1.1)
    }

    /// Plain k-fold cross-validation of `MultinomialLogisticRegression` on a LIBSVM-style data set.
    package static func run(_ dataset: LabeledDataset, folds: Int, configuration: TrainingConfiguration) throws -> CrossValidationResult {
        try run(
            groups: Array(0..<dataset.rows.rowCount), labels: dataset.labels, labelNames: dataset.labelNames, folds: folds,
            seed: configuration.seed, unit: "rows"
        ) { trainRows, testRows in
            let (model, report) = try MultinomialLogisticRegression.fit(
                dataset.rows.rows(at: trainRows), labels: trainRows.map { dataset.labels[$0] },
                classCount: dataset.labelNames.count, sampleWeights: dataset.sampleWeights.map { weights in trainRows.map { weights[$0] } },
                configuration: configuration)
            return (model.predictions(for: dataset.rows.rows(at: testRows)), report)
        }
    }
}
