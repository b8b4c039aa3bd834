import Foundation
import StanceFeatures
import StanceKit
import StanceLearning

extension StanceTrain {
    // MARK: text formats

    func trainText() throws {
        let settings = try textConfiguration()
        var configuration = settings.configuration
        let penaltyGiven = settings.penaltyGiven
        let (lexiconSet, extractor) = try textResources()
        try checkWordClusters(configuration, lexiconSet)
        let sources = try data.map { try TrainingDataSource(argument: $0) }
        let corpus = try LabeledCorpus.read(sources, articles: articles.map { URL(fileURLWithPath: $0) })
        var run = TextTrainingRun(task: task, configuration: configuration, lexicons: lexiconSet, extractor: extractor)
        let examples = run.examples(corpus)
        if examples.examples.isEmpty {
            throw StanceKitError(
                file: data.joined(separator: ", "),
                "no labeled \(task.rawValue) examples (no mention carries a \(task.rawValue) label); label some mentions or choose another --task"
            )
        }
        log(
            "read \(corpus.documents.count) documents, \(examples.examples.count) labeled \(task.rawValue) examples from \(data.joined(separator: ", "))"
        )
        if examples.droppedTargets > 0 {
            log("\(examples.droppedTargets) labeled targets left out: they cross a sentence boundary or sit in a repeated paragraph")
        }

        var cvRows: [(l2Penalty: Double, summary: CrossValidationResult)] = []
        var best: Double?
        // No penalty given: choose it by grouped cross-validation rather than guess one.
        var folds = cv ?? (penaltyGiven ? nil : TextTrainingConfiguration.defaultFolds)
        if cv == nil, let automatic = folds {
            if Set(examples.groups).count < automatic {
                log(
                    "no --l2-penalty given, but too few settings or articles for \(automatic)-fold cross-validation: using λ \(configuration.training.l2Penalty)"
                )
                folds = nil
            } else {
                log("no --l2-penalty given: choosing it by \(automatic)-fold cross-validation")
            }
        }
        if let cv = folds {
            let grid = try l2Grid.map(parseGrid) ?? (l2Penalty.map { [$0] } ?? TextTrainingConfiguration.defaultL2Grid)
            cvRows = try run.crossValidate(examples, folds: cv, grid: grid)
            best = cvRows.max { ($0.summary.meanMacroF1, -$0.l2Penalty) < ($1.summary.meanMacroF1, -$1.l2Penalty) }?.l2Penalty
            if let best {
                configuration.training.l2Penalty = best
                run.configuration = configuration
            }
            let table = formatCrossValidationTable(cvRows, folds: cv, best: best)
            if report == .text { print(table, terminator: "") } else { log(table) }
        }

        let clock = ContinuousClock()
        let start = clock.now
        let file = try run.fit(examples, digest: corpus.digest, progress: progressPrinter)
        let fitSeconds = (clock.now - start).seconds
        let r = file.training.report
        let convergence = r.converged ? "converged (\(r.stopReason.rawValue))" : "NOT converged (\(r.stopReason.rawValue))"
        log(
            "\(r.solver.rawValue): \(convergence) after \(r.iterations) iterations, objective \(r.objective), \(file.features.dimension) features, in \(String(format: "%.2f", fitSeconds)) s"
        )
        // Score --test before writing, so a bad test file leaves no model behind.
        var testReport: EvaluationReport?
        if let test {
            let testCorpus = try LabeledCorpus.read(
                [TrainingDataSource(argument: test)], articles: articles.map { URL(fileURLWithPath: $0) })
            let classifier = try TextClassifier(file, name: output ?? "model")
            testReport = try Evaluator.evaluate(
                classifier, task: task, on: Evaluator.extract(testCorpus.documents, extractor: extractor), dataName: test)
        }
        if let output {
            try file.write(to: URL(fileURLWithPath: output))
            log("wrote \(output)")
        }

        switch report {
        case .json:
            var summary = TrainingSummary(file.training, features: file.features.dimension, classes: file.labels, fitSeconds: fitSeconds)
            summary.task = task.rawValue
            summary.l2Penalty = configuration.training.l2Penalty
            summary.testAccuracy = testReport?.metrics.accuracy
            summary.testMacroF1 = testReport?.metrics.macroF1
            summary.testExamples = testReport?.examples
            if !cvRows.isEmpty {
                summary.crossValidation = cvRows.map {
                    .init(
                        l2Penalty: $0.l2Penalty, accuracyMean: $0.summary.meanAccuracy, accuracySd: $0.summary.accuracyStandardDeviation,
                        macroF1Mean: $0.summary.meanMacroF1, macroF1Sd: $0.summary.macroF1StandardDeviation)
                }
            }
            print(try summary.json())
        case .text:
            print(
                "\(task.rawValue) model: λ \(configuration.training.l2Penalty), objective \(r.objective), \(r.iterations) iterations, \(convergence)"
            )
            print("training data (\(file.training.rowCount) examples, optimistic):")
            print(file.training.trainMetrics.formattedTable())
            if let testReport {
                print(
                    "test data (\(test ?? ""), \(testReport.examples) examples): accuracy \(String(format: "%.4f", testReport.metrics.accuracy))  macro-F1 \(String(format: "%.4f", testReport.metrics.macroF1))"
                )
                print(testReport.metrics.formattedTable())
            }
        }
        if !r.converged { log("warning: the solver did not converge; raise --max-iterations or loosen --tolerance") }
    }

}
