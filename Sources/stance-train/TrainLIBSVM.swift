import Foundation
import StanceFeatures
import StanceKit
import StanceLearning

extension StanceTrain {
    // MARK: LIBSVM

    func trainLIBSVM() throws {
        let configuration = overridden(TrainingConfiguration())
        var timer = PhaseTimer()
        var reader = LIBSVMReader(url: URL(fileURLWithPath: data[0]))
        reader.jobs = configuration.jobs
        let dataset = try reader.load()
        let (loadSeconds, loadTime) = timer.lap()
        log(
            "read \(dataset.rows.rowCount) rows, \(dataset.rows.columnCount) features, \(dataset.rows.nonzeroCount) nonzeros, \(dataset.labelNames.count) classes from \(data[0]) in \(loadTime)"
        )

        let (model, trainingReport) = try MultinomialLogisticRegression.fit(
            dataset.rows, labels: dataset.labels, classCount: dataset.labelNames.count, sampleWeights: dataset.sampleWeights,
            configuration: configuration, progress: progressPrinter)
        let (fitSeconds, fitTime) = timer.lap()
        let convergence =
            trainingReport.converged
            ? "converged (\(trainingReport.stopReason.rawValue))" : "NOT converged (\(trainingReport.stopReason.rawValue))"
        log(
            "\(configuration.solver.rawValue): \(convergence) after \(trainingReport.iterations) iterations (\(trainingReport.evaluations) objective evaluations), objective \(trainingReport.objective), in \(fitTime)"
        )

        let trainMetrics = ClassificationMetrics(
            truth: dataset.labels, predicted: model.predictions(for: dataset.rows), labels: dataset.labelNames)
        log("scored the training rows in \(timer.lap().description)")
        var testMetrics: ClassificationMetrics?
        if let test {
            let testSet = try LIBSVMReader(url: URL(fileURLWithPath: test), labelNames: dataset.labelNames).load()
            let predicted = model.predictions(for: testSet.rows)
            testMetrics = ClassificationMetrics(truth: testSet.labels, predicted: predicted, labels: dataset.labelNames)
            log("read and scored \(test) in \(timer.lap().description)")
            if let predictions {
                let text = predicted.map { dataset.labelNames[$0] + "\n" }.joined()
                try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: predictions))
                log("wrote \(predictions)")
            }
        }

        // Written last, so a failure above (a bad --test file) leaves no model behind.
        let record = TrainingRecord(
            configuration: configuration, dataDigest: dataset.sourceDigest ?? "", rowCount: dataset.rows.rowCount,
            report: trainingReport, trainMetrics: trainMetrics)
        if let output {
            let file = try ModelFile(
                labels: dataset.labelNames, classifier: model, features: RawFeatures(columnCount: model.featureCount), training: record)
            try file.write(to: URL(fileURLWithPath: output))
            log("wrote \(output) in \(timer.lap().description)")
        }

        switch report {
        case .json:
            var summary = TrainingSummary(record, features: dataset.rows.columnCount, classes: dataset.labelNames, fitSeconds: fitSeconds)
            summary.evaluations = trainingReport.evaluations
            summary.loadSeconds = loadSeconds
            summary.testAccuracy = testMetrics?.accuracy
            summary.testMacroF1 = testMetrics?.macroF1
            print(try summary.json())
        case .text:
            print("objective \(trainingReport.objective)  iterations \(trainingReport.iterations)  \(convergence)")
            print("training data:")
            print(trainMetrics.formattedTable())
            if let testMetrics {
                print(
                    "test data (\(test ?? "")): accuracy \(String(format: "%.4f", testMetrics.accuracy))  macro-F1 \(String(format: "%.4f", testMetrics.macroF1))"
                )
                print(testMetrics.formattedTable())
            }
        }
        if !trainingReport.converged { log("warning: the solver did not converge; raise --max-iterations or loosen --tolerance") }
    }
}
