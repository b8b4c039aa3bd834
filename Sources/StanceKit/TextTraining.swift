import Foundation
import StanceFeatures
import StanceLearning

/// Labeled documents read from one or more JSONL files, with the digest of their bytes.
package struct LabeledCorpus: Sendable {
    /// The documents, in file and line order.
    package var documents: [Document]
    /// SHA-256 (hex) over the bytes of every file, in order: recorded in the model.
    package var digest: String

    /// Reads TrainingData or NewsMTSC JSONL files (the shape is detected per line).
    package static func read(_ urls: [URL]) throws -> LabeledCorpus {
        try read(urls.map { TrainingDataSource(format: .detect, url: $0) })
    }

    /// Reads labeled sources of any format into one corpus; `articles` is where
    /// `realnews` sources find their article texts.
    /// - Throws: `StanceKitError` naming the file and line of an unreadable or unlabeled
    ///   line, or a line whose shape is not the format its source names.
    package static func read(
        _ sources: [TrainingDataSource],
        articles: URL? = nil
    ) throws -> LabeledCorpus {
        var hasher = SHA256()
        var documents: [Document] = []
        for source in sources {
            let url = source.url
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw StanceKitError(file: url.path, "cannot read file (\(describeReadError(error)))")
            }
            hasher.update(data)
            if source.format == .realnews {
                documents += try RealNewsLabelReader.documents(from: data, file: url.path, articles: articles, hasher: &hasher)
                continue
            }
            for line in try JSONLines.lines(of: data, name: url.path) {
                let doc = try DocumentReader.document(fromJSONLine: line.text, number: line.number, file: url.path)
                guard doc.targets != nil else {
                    throw StanceKitError(
                        file: url.path, line: line.number,
                        "no labels: a training line needs 'mentions' (TrainingData) or 'targets' (NewsMTSC)")
                }
                switch source.format {
                case .trainingdata where doc.isSingleSentence:
                    throw StanceKitError(
                        file: url.path, line: line.number, "a NewsMTSC line in a source marked trainingdata: write newsmtsc:\(url.path)")
                case .newsmtsc where !doc.isSingleSentence:
                    throw StanceKitError(
                        file: url.path, line: line.number, "a TrainingData line in a source marked newsmtsc: write trainingdata:\(url.path)"
                    )
                default: break
                }
                documents.append(doc)
            }
        }
        return LabeledCorpus(documents: documents, digest: hasher.finalizeHex())
    }
}

/// A complete text-model training run: read data, optionally cross-validate a
/// penalty grid, fit, and score held-out files. `stance-train` is a thin shell over it.
package struct TextTrainingRun {
    /// Which task to train.
    package var task: StanceTask
    /// Feature and solver settings.
    package var configuration: TextTrainingConfiguration
    /// The cue-word lexicons, embedded in the model.
    package var lexicons: Lexicons
    /// Finds the other actors of each sentence.
    package var extractor: InstanceExtractor

    /// Creates a run.
    package init(task: StanceTask, configuration: TextTrainingConfiguration, lexicons: Lexicons, extractor: InstanceExtractor) {
        self.task = task
        self.configuration = configuration
        self.lexicons = lexicons
        self.extractor = extractor
    }

    /// The labeled examples of this run's task in a corpus.
    package func examples(_ corpus: LabeledCorpus) -> TaskExamples {
        TextModelTrainer.examples(task, from: corpus.documents.map { ($0, extractor.extract($0)) })
    }

    /// Cross-validates each L2 penalty in `grid`, returning one row per penalty.
    package func crossValidate(_ data: TaskExamples, folds: Int, grid: [Double]) throws -> [(
        l2Penalty: Double, summary: CrossValidationResult
    )] {
        try grid.map { penalty in
            var c = configuration
            c.training.l2Penalty = penalty
            return (penalty, try TextModelTrainer.crossValidate(data, task: task, configuration: c, lexicons: lexicons, folds: folds))
        }
    }

    /// Fits the model on all of `data`.
    package func fit(_ data: TaskExamples, digest: String, progress: ((TrainingProgress) -> Void)? = nil) throws -> TextModelFile {
        try TextModelTrainer.train(
            data, task: task, configuration: configuration, lexicons: lexicons, dataDigest: digest, progress: progress)
    }
}

/// Formats a cross-validation table: mean ± sd of accuracy and macro-F1 per penalty.
package func formatCrossValidationTable(_ rows: [(l2Penalty: Double, summary: CrossValidationResult)], folds: Int, best: Double?) -> String
{
    var out = "cross-validation, \(folds) folds grouped by setting\n"
    out += "  l2-penalty    accuracy          macro-F1\n"
    for r in rows {
        let a = (mean: r.summary.meanAccuracy, sd: r.summary.accuracyStandardDeviation)
        let f = (mean: r.summary.meanMacroF1, sd: r.summary.macroF1StandardDeviation)
        out +=
            "  " + String(format: "%-12g  %.4f ± %.4f   %.4f ± %.4f", r.l2Penalty, a.mean, a.sd, f.mean, f.sd)
            + (r.l2Penalty == best ? "   <- best" : "") + "\n"
    }
    return out
}
