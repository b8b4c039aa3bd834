import Foundation

extension TrainingReport {
    /// A report for weights fitted elsewhere (e.g. Spark MLlib), with the objective and
    /// gradient norm measured here so they compare with a native fit's.
    package static func external(
        objective: Double, iterations: Int, converged: Bool, stopReason: StopReason,
        gradientNorm: Double, solver: Solver
    ) -> TrainingReport {
        TrainingReport(
            objective: objective, iterations: iterations, evaluations: iterations, converged: converged,
            stopReason: stopReason, gradientNorm: gradientNorm, solver: solver)
    }
}

extension MultinomialLogisticRegression {
    /// The training objective `Σᵢ wᵢ·(−log pᵢ[yᵢ]) + (λ/2)‖W‖²` and the norm of its gradient
    /// (weights and biases) at this model: how far from optimal weights fitted by another
    /// solver are, on this package's own objective.
    package func objectiveAndGradientNorm(
        on rows: SparseMatrix, labels: [Int], sampleWeights: [Double]? = nil,
        configuration: TrainingConfiguration
    ) throws -> (objective: Double, gradientNorm: Double) {
        let rowWeights = try Self.rowWeights(
            rows: rows, labels: labels, classCount: classCount, sampleWeights: sampleWeights,
            classWeighting: configuration.classWeighting)
        guard rows.columnCount <= featureCount else {
            throw ModelShapeError(message: "rows have \(rows.columnCount) columns but the model has \(featureCount) features")
        }
        let function = SoftmaxObjective(
            rows: rows.withColumnCount(featureCount), labels: labels, rowWeights: rowWeights,
            classCount: classCount, l2Penalty: configuration.l2Penalty, jobs: configuration.jobs)
        var gradient = [Double](repeating: 0, count: function.parameterCount)
        let value = function.evaluate(weights + biases, gradient: &gradient)
        return (value, gradient.reduce(0) { $0 + $1 * $1 }.squareRoot())
    }
}
