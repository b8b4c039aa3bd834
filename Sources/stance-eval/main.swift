// swift-format-ignore-file
// The commands keep each ArgumentParser declaration on one line, as written, so the help
// text of an option reads in one place; the rest of the package is formatted by swift-format.
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
        Data: TrainingData JSONL (scores stance and sentiment), the project's real-news labels \
        (TrainingData/realnews, TrainingData/newsmtsc-stance: the text is read from ../shared), \
        or NewsMTSC JSONL (scores sentiment). --mentions also scores actor detection against \
        labeled mentions.

        Examples:
          stance-eval TrainingData/test.jsonl
          stance-eval --task stance --worst 20 TrainingData/dev.jsonl
          stance-eval --model my-sentiment.json ../shared/data/newsmtsc/devtest_rw.jsonl
          stance-eval --mentions TrainingData/realnews/dev.jsonl
          stance-eval --task stance TrainingData/newsmtsc-stance/dev.jsonl
          stance-eval --format json TrainingData/test.jsonl > scores.json
        """)

    @Argument(help: ArgumentHelp("Labeled JSONL files (TrainingData or NewsMTSC); realnews:FILE for the project's real-news labels.", valueName: "FILE"))
    var data: [String]

    @Option(help: ArgumentHelp("Where real-news label files find their article texts. (default: $STANCE_REALNEWS_ARTICLES, else ../shared/data/realnews/articles beside the package holding the labels)", valueName: "DIR"))
    var articles: String?

    @Option(help: ArgumentHelp("Score only this model file (its labels tell the task) instead of the model directory's pair.", valueName: "FILE"))
    var model: String?

    @Option(help: "Score only one task: stance or sentiment (default: every task the data has labels for).")
    var task: StanceTask?

    @Flag(help: "Also score actor mention detection against the data's labeled mentions (recall and precision by kind).")
    var mentions = false

    @Flag(help: "Score each mention's own stance distribution instead of the mean over its actor's mentions in the sentence (what stance-predict reports by default).")
    var perMention = false

    @Option(parsing: .unconditional, help: "Number of most confident errors to list.")
    var worst: Int = 10

    @Option(help: "Output: table or json.")
    var format: ReportFormat = .table

    @OptionGroup var models: ModelDirectoryOptions

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one labeled JSONL file") }
        if worst < 0 { throw ValidationError("--worst must be 0 or more, got \(worst)") }
    }

    func run() throws {
        try runReportingErrors("stance-eval") {
            var documents: [Document] = []
            for path in data {
                if path.lowercased().hasPrefix("realnews:") {
                    let source = try TrainingDataSource(argument: path)
                    documents += try LabeledCorpus.read([source], articles: articles.map { URL(fileURLWithPath: $0) }).documents
                    continue
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    throw StanceKitError(file: path, "no such file")
                }
                if isDirectory.boolValue { throw StanceKitError(file: path, "is a directory; stance-eval takes labeled JSONL files") }
                documents += try DocumentReader.read(URL(fileURLWithPath: path))
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
            if let task { classifiers = classifiers.filter { $0.0 == task } }
            let extracted = Evaluator.extract(documents, extractor: try models.loadExtractor())
            var reports: [EvaluationReport] = []
            for (t, c) in classifiers {
                let hasLabels = extracted.contains { $0.1.instances.contains { (t == .stance ? $0.goldStance : $0.goldSentiment) != nil } }
                if !hasLabels && classifiers.count > 1 { continue }
                reports.append(
                    try Evaluator.evaluate(
                        c, task: t, on: extracted, dataName: data.joined(separator: ","), worst: worst,
                        poolsSentenceActor: !perMention))
            }
            if reports.isEmpty { throw StanceKitError(file: data.joined(separator: ","), "no labels to score") }
            let extractor = try models.loadExtractor()
            let mentionReport = mentions
                ? MentionEvaluator.evaluate(documents, extractor: extractor, dataName: data.joined(separator: ",")) : nil
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let out = try mentionReport.map { try encoder.encode(EvaluationOutput(models: reports, mentions: $0)) }
                    ?? encoder.encode(reports)
                FileHandle.standardOutput.write(out + Data("\n".utf8))
            case .table:
                for r in reports {
                    var out = "== \(r.task) on \(r.data): \(r.examples) examples\n"
                    if r.droppedTargets > 0 {
                        out += "(\(r.droppedTargets) labeled targets not scored: they cross a sentence boundary or sit in a repeated paragraph)\n"
                    }
                    out += r.metrics.formattedTable() + "\n"
                    if let p = r.positions {
                        out += "positions only (\(p.confusion.joined().reduce(0, +)) mentions whose gold label is a stance; "
                        out += "likeliest of open/skeptical/hardline): 3-class macro-F1 \(String(format: "%.4f", p.macroF1))\n"
                        out += p.formattedTable() + "\n"
                    }
                    if !r.worstErrors.isEmpty {
                        out += "most confident errors:\n"
                        for e in r.worstErrors {
                            out += "  [\(e.document)] \(e.mention): expected \(e.expected), predicted \(e.predicted) (\(String(format: "%.2f", e.confidence)))\n"
                            out += "      \(e.sentence)\n"
                        }
                    }
                    FileHandle.standardOutput.write(Data((out + "\n").utf8))
                }
                if let mentionReport { FileHandle.standardOutput.write(Data((MentionEvaluator.formatted(mentionReport) + "\n").utf8)) }
            }
        }
    }
}


/// The JSON report when mentions are scored too.
struct EvaluationOutput: Encodable {
    var models: [EvaluationReport]
    var mentions: MentionReport
}
