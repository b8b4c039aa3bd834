extension MultinomialLogisticRegression {
    /// Fits the model by minimizing `Σᵢ wᵢ·(−log softmax(Wᵀxᵢ + b)[yᵢ]) + (λ/2)‖W‖²` from zero.
    ///
    /// `wᵢ` is `sampleWeights[i]` (1 when nil) times the class weight of `labels[i]`.
    /// The result is deterministic: equal inputs give bit-identical parameters.
    /// - Parameters:
    ///   - rows: one feature row per example; `rows.columnCount` becomes `featureCount`.
    ///   - labels: class of each row, in `0 ..< classCount`.
    ///   - progress: called after every iteration (from the calling thread).
    /// - Throws: `TrainingError` for inconsistent inputs or a Newton problem too large.
    public static func fit(
        _ rows: SparseMatrix, labels: [Int], classCount: Int, sampleWeights: [Double]? = nil,
        configuration: TrainingConfiguration, progress: ((TrainingProgress) -> Void)? = nil
    ) throws -> (model: MultinomialLogisticRegression, report: TrainingReport) {
        guard configuration.l2Penalty.isFinite, configuration.l2Penalty >= 0 else {
            throw TrainingError.invalidConfiguration("l2Penalty \(configuration.l2Penalty) must be a finite number ≥ 0")
        }
        if configuration.solver == .newton && configuration.l2Penalty == 0 {
            throw TrainingError.invalidConfiguration(
                "the Newton solver needs l2Penalty > 0 (the unpenalized Hessian is singular): pass a positive --l2-penalty or use --solver lbfgs"
            )
        }
        guard configuration.maxIterations >= 0 else {
            throw TrainingError.invalidConfiguration("maxIterations \(configuration.maxIterations) must be ≥ 0")
        }
        guard configuration.tolerance.isFinite, configuration.tolerance >= 0,
            configuration.objectiveTolerance.isFinite, configuration.objectiveTolerance >= 0
        else {
            throw TrainingError.invalidConfiguration("tolerances must be finite numbers ≥ 0")
        }
        for (row, value) in rows.values.enumerated() where !value.isFinite {
            let rowIndex = rows.rowOffsets.lastIndex { $0 <= row } ?? 0
            throw TrainingError.nonFiniteValue(row: rowIndex, column: Int(rows.columnIndices[row]))
        }
        let rowWeights = try rowWeights(
            rows: rows, labels: labels, classCount: classCount, sampleWeights: sampleWeights, classWeighting: configuration.classWeighting)
        guard rowWeights.contains(where: { $0 > 0 }) else { throw TrainingError.emptyTrainingSet }
        let scales = configuration.naiveBayesScaling ? NaiveBayesScaling.scales(rows: rows, labels: labels, classCount: classCount) : nil
        let objective = SoftmaxObjective(
            rows: scales.map { NaiveBayesScaling.scaled(rows, by: $0) } ?? rows, labels: labels, rowWeights: rowWeights,
            classCount: classCount, l2Penalty: configuration.l2Penalty, jobs: configuration.jobs)
        let (parameters, report) = try Optimizer(objective: objective, configuration: configuration, progress: progress).minimize()
        let weightCount = rows.columnCount * classCount
        let fitted = Array(parameters[0..<weightCount])
        let model = try MultinomialLogisticRegression(
            classCount: classCount, featureCount: rows.columnCount,
            weights: scales.map { NaiveBayesScaling.weights(fitted, classCount: classCount, scales: $0) } ?? fitted,
            biases: Array(parameters[weightCount...]))
        return (model, report)
    }

    /// The objective at `model`'s parameters, and the Euclidean norm of its gradient there
    /// and at zero (where `fit` starts).
    ///
    /// The objective is strictly convex for λ > 0, so a gradient norm that is a tiny
    /// fraction of the starting one shows that `model` is the optimum for these rows: a test
    /// can confirm that a stored model is reproducible from its data with two gradient
    /// evaluations instead of a refit.
    /// - Throws: `TrainingError` for inconsistent inputs, as `fit` does.
    package static func gradientCheck(
        at model: MultinomialLogisticRegression, rows: SparseMatrix, labels: [Int], sampleWeights: [Double]? = nil,
        configuration: TrainingConfiguration
    ) throws -> (objective: Double, gradientNorm: Double, initialGradientNorm: Double) {
        guard rows.columnCount == model.featureCount else {
            throw TrainingError.invalidConfiguration(
                "the rows have \(rows.columnCount) columns but the model has \(model.featureCount) features")
        }
        let rowWeights = try rowWeights(
            rows: rows, labels: labels, classCount: model.classCount, sampleWeights: sampleWeights,
            classWeighting: configuration.classWeighting)
        // With naive-Bayes scaling the optimum is that of the scaled rows, in the weights fitted on them.
        let scales =
            configuration.naiveBayesScaling ? NaiveBayesScaling.scales(rows: rows, labels: labels, classCount: model.classCount) : nil
        let objective = SoftmaxObjective(
            rows: scales.map { NaiveBayesScaling.scaled(rows, by: $0) } ?? rows, labels: labels, rowWeights: rowWeights,
            classCount: model.classCount, l2Penalty: configuration.l2Penalty, jobs: configuration.jobs)
        let weights = scales.map { NaiveBayesScaling.weights(model.weights, classCount: model.classCount, scales: $0, inverse: true) }
        let theta = (weights ?? model.weights) + model.biases
        var gradient = [Double](repeating: 0, count: theta.count)
        let value = objective.evaluate(theta, gradient: &gradient)
        let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var initial = [Double](repeating: 0, count: theta.count)
        _ = objective.evaluate([Double](repeating: 0, count: theta.count), gradient: &initial)
        return (value, norm, initial.reduce(0) { $0 + $1 * $1 }.squareRoot())
    }

    /// Per-row loss weights `sampleWeight × classWeight`; "balanced" class weights are
    /// `n / (K · n_c)` with `K` the number of classes present, as scikit-learn computes them.
    static func rowWeights(rows: SparseMatrix, labels: [Int], classCount: Int, sampleWeights: [Double]?, classWeighting: ClassWeighting)
        throws -> [Double]
    {
        guard classCount >= 2 else { throw TrainingError.tooFewClasses(classCount) }
        guard labels.count == rows.rowCount else { throw TrainingError.labelCountMismatch(rows: rows.rowCount, labels: labels.count) }
        for (row, label) in labels.enumerated() where label < 0 || label >= classCount {
            throw TrainingError.labelOutOfRange(row: row, label: label, classCount: classCount)
        }
        var weights = [Double](repeating: 1, count: labels.count)
        if let sampleWeights {
            guard sampleWeights.count == labels.count else {
                throw TrainingError.sampleWeightCountMismatch(rows: labels.count, weights: sampleWeights.count)
            }
            for (row, weight) in sampleWeights.enumerated() where !(weight.isFinite && weight >= 0) {
                throw TrainingError.invalidSampleWeight(row: row, weight: weight)
            }
            weights = sampleWeights
        }
        if classWeighting == .balanced {
            var counts = [Int](repeating: 0, count: classCount)
            for label in labels { counts[label] += 1 }
            let present = Double(counts.filter { $0 > 0 }.count)
            let total = Double(labels.count)
            for row in weights.indices {
                weights[row] *= total / (present * Double(counts[labels[row]]))
            }
        }
        return weights
    }
}
