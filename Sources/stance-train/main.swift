import ArgumentParser
import Foundation
import StanceKit
import StanceLearning

/// Input formats stance-train reads; text formats join this list in StanceKit.
enum DataFormat: String, ExpressibleByArgument, CaseIterable {
    case libsvm
}

extension Solver: ExpressibleByArgument {}
extension ClassWeighting: ExpressibleByArgument {}

/// Output style of the training summary on stdout.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

@main
struct StanceTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance-train",
        abstract: "Train a multinomial logistic regression model.",
        discussion: """
        Minimizes Σᵢ wᵢ·(−log softmax(W xᵢ + b)[yᵢ]) + (λ/2)‖W‖² (scikit-learn's multinomial \
        LogisticRegression with C = 1/λ). Progress goes to stderr, results to stdout. \
        Exit status: 0 success, 64 usage error, 1 runtime error.
        """)

    @Option(help: "Training data file.")
    var data: String

    @Option(help: "Input format: \(DataFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: DataFormat = .libsvm

    @Option(help: "L2 penalty λ (scikit-learn's C = 1/λ).")
    var l2Penalty: Double = TrainingConfiguration().l2Penalty

    @Option(help: "Solver: lbfgs (many features) or newton (up to a few thousand features).")
    var solver: Solver = .lbfgs

    @Option(help: "Class weighting: none or balanced (n / (K·n_c)).")
    var classWeight: ClassWeighting = .none

    @Option(help: "Maximum solver iterations.")
    var maxIterations: Int = TrainingConfiguration().maxIterations

    @Option(help: "Stop when ‖gradient‖ ≤ tolerance × initial ‖gradient‖.")
    var tolerance: Double = TrainingConfiguration().tolerance

    @Option(help: "Stop when the objective's relative decrease in one iteration is below this.")
    var objectiveTolerance: Double = TrainingConfiguration().objectiveTolerance

    @Option(help: "Random seed (cross-validation folds).")
    var seed: UInt64 = 0

    @Option(help: "Where to write the model JSON (written atomically). Omit to skip saving.")
    var output: String?

    @Option(help: "Held-out file in the same format to evaluate on.")
    var test: String?

    @Option(help: "Write the predicted label of each --test row here, one per line.")
    var predictions: String?

    @Option(help: "Also run K-fold cross-validation (folds shuffled with --seed) and report mean ± sd.")
    var cv: Int?

    @Option(help: "Summary on stdout: text or json (one JSON object).")
    var report: ReportFormat = .text

    @Flag(help: "Silence progress and diagnostics on stderr.")
    var quiet = false

    func validate() throws {
        guard l2Penalty.isFinite, l2Penalty >= 0 else { throw ValidationError("--l2-penalty must be a finite number ≥ 0, got \(l2Penalty)") }
        guard maxIterations >= 0 else { throw ValidationError("--max-iterations must be ≥ 0, got \(maxIterations)") }
        guard tolerance.isFinite, tolerance >= 0 else { throw ValidationError("--tolerance must be a finite number ≥ 0, got \(tolerance)") }
        guard objectiveTolerance.isFinite, objectiveTolerance >= 0 else { throw ValidationError("--objective-tolerance must be a finite number ≥ 0") }
        if predictions != nil && test == nil { throw ValidationError("--predictions needs --test FILE (the rows to predict)") }
        if let cv, cv < 2 { throw ValidationError("--cv must be at least 2, got \(cv)") }
        if solver == .newton && l2Penalty == 0 { throw ValidationError("--solver newton needs --l2-penalty > 0") }
    }

    func run() throws {
        do {
            try train()
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("stance-train: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func log(_ message: String) {
        if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    }

    private func train() throws {
        let configuration = TrainingConfiguration(
            l2Penalty: l2Penalty, solver: solver, classWeighting: classWeight, maxIterations: maxIterations,
            tolerance: tolerance, objectiveTolerance: objectiveTolerance, seed: seed)
        let clock = ContinuousClock()
        let loadStart = clock.now
        let dataset = try LIBSVMReader(url: URL(fileURLWithPath: data)).load()
        let loadSeconds = (clock.now - loadStart).seconds
        log("read \(dataset.rows.rowCount) rows, \(dataset.rows.columnCount) features, \(dataset.rows.nonzeroCount) nonzeros, \(dataset.labelNames.count) classes from \(data) in \(String(format: "%.2f", loadSeconds)) s")

        let fitStart = clock.now
        let (model, trainingReport) = try MultinomialLogisticRegression.fit(
            dataset.rows, labels: dataset.labels, classCount: dataset.labelNames.count, sampleWeights: dataset.sampleWeights,
            configuration: configuration,
            progress: quiet ? nil : { step in
                FileHandle.standardError.write(Data(String(format: "iteration %4d  objective %.12g  gradient-norm %.4g\n", step.iteration, step.objective, step.gradientNorm).utf8))
            })
        let fitSeconds = (clock.now - fitStart).seconds
        let convergence = trainingReport.converged ? "converged (\(trainingReport.stopReason.rawValue))" : "NOT converged (\(trainingReport.stopReason.rawValue))"
        log("\(solver.rawValue): \(convergence) after \(trainingReport.iterations) iterations, objective \(trainingReport.objective), in \(String(format: "%.2f", fitSeconds)) s")

        let trainMetrics = ClassificationMetrics(truth: dataset.labels, predicted: model.predictions(for: dataset.rows), labels: dataset.labelNames)
        if let output {
            let record = TrainingRecord(configuration: configuration, dataDigest: dataset.sourceDigest ?? "", rowCount: dataset.rows.rowCount, report: trainingReport, trainMetrics: trainMetrics)
            let file = try ModelFile(labels: dataset.labelNames, classifier: model, features: RawFeatures(columnCount: model.featureCount), training: record)
            try file.write(to: URL(fileURLWithPath: output))
            log("wrote \(output)")
        }

        var testMetrics: ClassificationMetrics?
        if let test {
            let testSet = try LIBSVMReader(url: URL(fileURLWithPath: test), labelNames: dataset.labelNames).load()
            let predicted = model.predictions(for: testSet.rows)
            testMetrics = ClassificationMetrics(truth: testSet.labels, predicted: predicted, labels: dataset.labelNames)
            if let predictions {
                let text = predicted.map { dataset.labelNames[$0] + "\n" }.joined()
                try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: predictions))
                log("wrote \(predictions)")
            }
        }

        var crossValidation: CrossValidationResult?
        if let cv {
            log("cross-validating with \(cv) folds")
            crossValidation = try CrossValidation.run(dataset, folds: cv, configuration: configuration)
        }

        switch report {
        case .json:
            var summary: [String: Any] = [
                "objective": trainingReport.objective, "iterations": trainingReport.iterations,
                "evaluations": trainingReport.evaluations, "converged": trainingReport.converged,
                "stop_reason": trainingReport.stopReason.rawValue, "gradient_norm": trainingReport.gradientNorm,
                "solver": solver.rawValue, "rows": dataset.rows.rowCount, "features": dataset.rows.columnCount,
                "classes": dataset.labelNames, "train_accuracy": trainMetrics.accuracy, "train_macro_f1": trainMetrics.macroF1,
                "load_seconds": loadSeconds, "fit_seconds": fitSeconds, "data_digest": dataset.sourceDigest ?? "",
            ]
            if let testMetrics {
                summary["test_accuracy"] = testMetrics.accuracy
                summary["test_macro_f1"] = testMetrics.macroF1
            }
            if let crossValidation {
                summary["cv_folds"] = crossValidation.folds.count
                summary["cv_accuracy_mean"] = crossValidation.meanAccuracy
                summary["cv_accuracy_sd"] = crossValidation.accuracyStandardDeviation
                summary["cv_macro_f1_mean"] = crossValidation.meanMacroF1
                summary["cv_macro_f1_sd"] = crossValidation.macroF1StandardDeviation
                summary["cv_all_converged"] = crossValidation.folds.allSatisfy(\.report.converged)
            }
            let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
            print(String(decoding: json, as: UTF8.self))
        case .text:
            print("objective \(trainingReport.objective)  iterations \(trainingReport.iterations)  \(convergence)")
            print("training data:")
            print(trainMetrics.formattedTable())
            if let testMetrics {
                print("test data (\(test ?? "")): accuracy \(String(format: "%.4f", testMetrics.accuracy))  macro-F1 \(String(format: "%.4f", testMetrics.macroF1))")
                print(testMetrics.formattedTable())
            }
            if let crossValidation {
                print(String(format: "%d-fold cross-validation: accuracy %.4f ± %.4f  macro-F1 %.4f ± %.4f",
                             crossValidation.folds.count, crossValidation.meanAccuracy, crossValidation.accuracyStandardDeviation,
                             crossValidation.meanMacroF1, crossValidation.macroF1StandardDeviation))
            }
        }
        if !trainingReport.converged { log("warning: the solver did not converge; raise --max-iterations or loosen --tolerance") }
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
