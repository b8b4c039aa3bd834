import Foundation
import StanceFeatures
import StanceLearning

/// A wrong prediction shown to the user, most confident first.
package struct WrongPrediction: Codable, Equatable, Sendable {
    /// Document id.
    package var document: String
    /// The sentence.
    package var sentence: String
    /// The mention as written.
    package var mention: String
    /// Gold label.
    package var expected: String
    /// Predicted label.
    package var predicted: String
    /// Probability given to the predicted label.
    package var confidence: Double
}

/// The scores of one model on labeled data.
public struct EvaluationReport: Codable, Equatable, Sendable {
    /// `stance` or `sentiment`.
    package var task: String
    /// The data scored.
    package var data: String
    /// Number of labeled examples scored.
    public var examples: Int
    /// Accuracy, per-class P/R/F1, macro-F1 and confusion matrix.
    public var metrics: ClassificationMetrics
    /// Stance only: the three positions scored on the mentions whose gold label is a
    /// position, choosing the likeliest of the three (the figure "with the mention and the
    /// existence of a stance given" that compares with 3-class models); nil for sentiment.
    public var positions: ClassificationMetrics?
    /// The most confident wrong predictions.
    package var worstErrors: [WrongPrediction]
    /// Labeled targets not scored because they cross a sentence boundary or sit in a
    /// skipped repeated paragraph.
    package var droppedTargets = 0

    enum CodingKeys: String, CodingKey {
        case task, data, examples, metrics, positions
        case worstErrors = "worst_errors"
        case droppedTargets = "dropped_targets"
    }
}

/// Scores models on labeled documents.
public enum Evaluator {
    /// Extracts instances of labeled documents with a gazetteer for the other actors.
    package static func extract(_ documents: [Document], extractor: InstanceExtractor) -> [(Document, ExtractedDocument)] {
        return documents.map { ($0, extractor.extract($0)) }
    }

    /// Scores a predictor's `task` model on documents whose targets carry gold labels (for
    /// example the JSONL that `DocumentReader.read` returns): the call an accuracy test makes.
    /// Stance is scored as `stance-predict` reports it: an actor's mentions in one sentence
    /// share their mean distribution unless `poolsSentenceActor` is false.
    public static func evaluate(
        _ predictor: StancePredictor, task: StanceTask, on documents: [Document], dataName: String,
        worst: Int = 10, poolsSentenceActor: Bool = true
    ) throws -> EvaluationReport {
        try evaluate(
            task == .stance ? predictor.stance : predictor.sentiment, task: task,
            on: extract(documents, extractor: predictor.extractor), dataName: dataName, worst: worst,
            poolsSentenceActor: poolsSentenceActor)
    }

    /// Scores `classifier` on the labeled examples of `task`, listing the `worst` most confident
    /// errors; stance pools an actor's mentions per sentence (`SentenceActorPooling`) unless
    /// `poolsSentenceActor` is false.
    package static func evaluate(
        _ classifier: TextClassifier, task: StanceTask, on extracted: [(Document, ExtractedDocument)],
        dataName: String, worst: Int = 10, poolsSentenceActor: Bool = true
    ) throws -> EvaluationReport {
        let data = TextModelTrainer.examples(task, from: extracted)
        guard !data.examples.isEmpty else {
            throw StanceKitError(
                file: dataName, "no \(task.rawValue) labels to score (the \(task.rawValue) model needs data with \(task.rawValue) labels)")
        }
        guard classifier.labels == task.labels else {
            throw StanceKitError("the model's labels \(classifier.labels) are not the \(task.rawValue) labels \(task.labels)")
        }
        var (metrics, predicted, probabilities) = TextModelTrainer.evaluate(classifier, on: data)
        if task == .stance && poolsSentenceActor {
            probabilities = SentenceActorPooling.pooled(probabilities, keys: data.instances.map(SentenceActorPooling.key(of:)))
            predicted = probabilities.map { argmax($0) }
            metrics = ClassificationMetrics(truth: data.labels, predicted: predicted, labels: classifier.labels)
        }
        var errors: [WrongPrediction] = []
        for i in data.labels.indices where predicted[i] != data.labels[i] {
            let inst = data.instances[i]
            errors.append(
                WrongPrediction(
                    document: inst.documentID, sentence: inst.example.sentence, mention: inst.surface,
                    expected: task.labels[data.labels[i]], predicted: task.labels[predicted[i]],
                    confidence: probabilities[i][predicted[i]]))
        }
        errors.sort { ($0.confidence, $1.document) > ($1.confidence, $0.document) }
        return EvaluationReport(
            task: task.rawValue, data: dataName, examples: data.examples.count, metrics: metrics,
            positions: task == .stance ? positionMetrics(truth: data.labels, probabilities: probabilities) : nil,
            worstErrors: Array(errors.prefix(worst)), droppedTargets: data.droppedTargets)
    }

    /// The 3-class view of 4-class stance predictions: mentions whose gold label is a
    /// position, each predicted as the likeliest position (`none` set aside).
    static func positionMetrics(truth: [Int], probabilities: [[Double]]) -> ClassificationMetrics? {
        let positions = TaskLabels.positions.count
        var gold: [Int] = []
        var predicted: [Int] = []
        for (label, p) in zip(truth, probabilities) where label < positions && p.count >= positions {
            gold.append(label)
            predicted.append(argmax(p[0..<positions]))
        }
        return gold.isEmpty ? nil : ClassificationMetrics(truth: gold, predicted: predicted, labels: TaskLabels.positions)
    }

    /// Which task a model answers, from its labels.
    package static func task(of classifier: TextClassifier) -> StanceTask? {
        StanceTask.allCases.first { $0.labels == classifier.labels }
    }
}
