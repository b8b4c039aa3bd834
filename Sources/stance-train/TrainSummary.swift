import Foundation
import StanceLearning

/// The one JSON object `--report json` prints; keys are written in snake case.
struct TrainingSummary: Encodable {
    /// One penalty's cross-validation figures.
    struct CrossValidationRow: Encodable {
        /// The penalty λ.
        var l2Penalty: Double
        /// Mean and population standard deviation of held-out accuracy over the folds.
        var accuracyMean: Double, accuracySd: Double
        /// Mean and population standard deviation of held-out macro-F1 over the folds.
        var macroF1Mean: Double, macroF1Sd: Double
    }

    /// `stance` or `sentiment` (text formats only).
    var task: String?
    /// How the solver ended: final objective, iterations, function evaluations (LIBSVM only),
    /// whether it converged and why it stopped, and the final gradient norm.
    var objective: Double, iterations: Int, evaluations: Int?
    var converged: Bool, stopReason: String, gradientNorm: Double
    /// The solver and the penalty it used (the penalty is reported for text formats).
    var solver: String, l2Penalty: Double?
    /// The training matrix and its classes.
    var rows: Int, features: Int, classes: [String]
    /// Scores on the training data itself (optimistic).
    var trainAccuracy: Double, trainMacroF1: Double
    /// Seconds spent reading (LIBSVM only) and fitting.
    var loadSeconds: Double?, fitSeconds: Double
    /// SHA-256 of the training data.
    var dataDigest: String
    /// Scores on `--test`, when given.
    var testAccuracy: Double?, testMacroF1: Double?, testExamples: Int?
    /// One row per penalty tried, when cross-validation ran.
    var crossValidation: [CrossValidationRow]?

    /// The summary of a fit from its training record; the caller fills in what only it knows.
    init(_ record: TrainingRecord, features: Int, classes: [String], fitSeconds: Double) {
        let report = record.report
        objective = report.objective
        iterations = report.iterations
        converged = report.converged
        stopReason = report.stopReason.rawValue
        gradientNorm = report.gradientNorm
        solver = report.solver.rawValue
        rows = record.rowCount
        self.features = features
        self.classes = classes
        trainAccuracy = record.trainMetrics.accuracy
        trainMacroF1 = record.trainMetrics.macroF1
        self.fitSeconds = fitSeconds
        dataDigest = record.dataDigest
    }

    /// The summary as one line of JSON with sorted snake-case keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// Just enough of a `--config` file to tell whether it sets a penalty.
struct ConfigurationPenaltyProbe: Decodable {
    /// The `training` object, if any.
    struct Training: Decodable { var l2Penalty: Double? }
    var training: Training?
}
