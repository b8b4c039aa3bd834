import ArgumentParser
import Foundation
import StanceCLI
import StanceKit
import StanceLearning

/// Scores the stance and sentiment models on labeled data.
@main
struct StanceEval: ParsableCommand {
    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    static let configuration = CommandConfiguration(
        commandName: "stance-eval",
        abstract: "Score models on labeled data: accuracy, per-class precision/recall/F1, macro-F1, confusion matrix, worst errors.",
        discussion: """
        Data: TrainingData JSONL (scores stance and sentiment) or NewsMTSC JSONL (scores sentiment; \
        stance too with --stance-labels, which joins this project's own labels by id and offsets).

        Examples:
          stance-eval TrainingData/test.jsonl
          stance-eval --task stance --worst 20 TrainingData/dev.jsonl
          stance-eval --model my-sentiment.json ../shared/data/newsmtsc/devtest_rw.jsonl
          stance-eval --stance-labels TrainingData/newsmtsc-dev-labels.jsonl ../shared/data/newsmtsc/train.jsonl
          stance-eval --format json TrainingData/test.jsonl > scores.json
        """)

    @Argument(help: ArgumentHelp("Labeled JSONL files (TrainingData or NewsMTSC); realnews:FILE for the project's real-news labels.", valueName: "FILE"))
    var data: [String]

    @Option(help: ArgumentHelp("Where realnews:FILE label files find their article texts.", valueName: "DIR"))
    var articles: String = TrainingDataSource.defaultArticlesDirectory.relativePath

    @Option(help: ArgumentHelp("Score only this model file (its labels tell the task) instead of the model directory's pair.", valueName: "FILE"))
    var model: String?

    @Option(help: "Score only one task: stance or sentiment (default: every task the data has labels for).")
    var task: String?

    @Option(name: .customLong("stance-labels"), help: ArgumentHelp("Stance labels for NewsMTSC targets ({primary_gid, from, to, stance} per line).", valueName: "FILE"))
    var stanceLabels: String?

    @Option(help: "Number of most confident errors to list.")
    var worst: Int = 10

    @Option(help: "Output: table or json.")
    var format: ReportFormat = .table

    @OptionGroup var models: ModelDirectoryOptions

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one labeled JSONL file") }
        if let task, StanceTask(rawValue: task) == nil { throw ValidationError("--task must be stance or sentiment, got \(task)") }
        if worst < 0 { throw ValidationError("--worst must be 0 or more") }
    }

    func run() throws {
        try runReportingErrors("stance-eval") {
            var documents: [Document] = []
            for path in data {
                if path.lowercased().hasPrefix("realnews:") {
                    let source = try TrainingDataSource(argument: path)
                    documents += try LabeledCorpus.read([source], articles: URL(fileURLWithPath: articles)).documents
                    continue
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    throw StanceKitError(file: path, "no such file")
                }
                if isDirectory.boolValue { throw StanceKitError(file: path, "is a directory; stance-eval takes labeled JSONL files") }
                documents += try DocumentReader.read(URL(fileURLWithPath: path))
            }
            if let stanceLabels {
                documents = try ExternalStanceLabels.load(URL(fileURLWithPath: stanceLabels)).apply(to: documents)
                if documents.isEmpty { throw StanceKitError(file: stanceLabels, "none of its ids and offsets occur in the data") }
            }
            var classifiers: [(StanceTask, TextClassifier)] = []
            if let model {
                let c = try TextClassifier.load(URL(fileURLWithPath: model))
                guard let t = Evaluator.task(of: c) else {
                    throw StanceKitError(file: model, "labels \(c.labels) are neither the stance nor the sentiment labels")
                }
                classifiers = [(t, c)]
            } else {
                let predictor = try models.loadPredictor()
                classifiers = [(.stance, predictor.stance), (.sentiment, predictor.sentiment)]
            }
            if let task { classifiers = classifiers.filter { $0.0.rawValue == task } }
            let extracted = Evaluator.extract(documents, extractor: try models.loadExtractor())
            var reports: [EvaluationReport] = []
            for (t, c) in classifiers {
                let hasLabels = extracted.contains { $0.1.instances.contains { (t == .stance ? $0.goldStance : $0.goldSentiment) != nil } }
                if !hasLabels && classifiers.count > 1 { continue }
                reports.append(try Evaluator.evaluate(c, task: t, on: extracted, dataName: data.joined(separator: ","), worst: worst))
            }
            if reports.isEmpty { throw StanceKitError(file: data.joined(separator: ","), "no labels to score") }
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let out = try encoder.encode(reports)
                FileHandle.standardOutput.write(out + Data("\n".utf8))
            case .table:
                for r in reports {
                    var out = "== \(r.task) on \(r.data): \(r.examples) examples\n"
                    out += r.metrics.formattedTable() + "\n"
                    if !r.worstErrors.isEmpty {
                        out += "most confident errors:\n"
                        for e in r.worstErrors {
                            out += "  [\(e.document)] \(e.mention): expected \(e.expected), predicted \(e.predicted) (\(String(format: "%.2f", e.confidence)))\n"
                            out += "      \(e.sentence)\n"
                        }
                    }
                    FileHandle.standardOutput.write(Data((out + "\n").utf8))
                }
            }
        }
    }
}

