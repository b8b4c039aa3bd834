import Foundation
import StanceLearning

/// The one JSON object `--report json` prints; keys are written in snake case.
struct TrainingSummary: Encodable {
    /// One penalty's cross-validation figures.
    struct CrossValidationRow: Encodable {
        var l2Penalty: Double
        var accuracyMean: Double
        var accuracySd: Double
        var macroF1Mean: Double
        var macroF1Sd: Double
    }

    var task: String?
    var objective: Double
    var iterations: Int
    var evaluations: Int?
    var converged: Bool
    var stopReason: String
    var gradientNorm: Double
    var solver: String
    var l2Penalty: Double?
    var rows: Int
    var features: Int
    var classes: [String]
    var trainAccuracy: Double
    var trainMacroF1: Double
    var loadSeconds: Double?
    var fitSeconds: Double
    var dataDigest: String
    var testAccuracy: Double?
    var testMacroF1: Double?
    var testExamples: Int?
    var crossValidation: [CrossValidationRow]?

    /// The summary from a solver report; the caller fills in what only it knows.
    init(report: TrainingReport, solver: Solver, rows: Int, features: Int, classes: [String], train: ClassificationMetrics, fitSeconds: Double, dataDigest: String) {
        objective = report.objective
        iterations = report.iterations
        converged = report.converged
        stopReason = report.stopReason.rawValue
        gradientNorm = report.gradientNorm
        self.solver = solver.rawValue
        self.rows = rows
        self.features = features
        self.classes = classes
        trainAccuracy = train.accuracy
        trainMacroF1 = train.macroF1
        self.fitSeconds = fitSeconds
        self.dataDigest = dataDigest
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
