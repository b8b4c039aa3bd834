import Foundation
import StanceFeatures
import StanceKit
import StanceLearning
import XCTest

/// The shipped detector and stance model on real news: the project's labels of the 45
/// real articles in ../shared (TrainingData/realnews) and of NewsMTSC sentences
/// (TrainingData/newsmtsc-stance). Skips with a message when ../shared is absent.
///
/// Floors are the bootstrap 5th percentile of the figure observed when they were set
/// (`stance-eval --format json … | python3 Scripts/bootstrap_floor.py`), so they trip on
/// a real regression rather than on resampling luck; the observed values are in
/// Models/README.md.
final class RealNewsTests: XCTestCase {
    static let predictor = Result { try StancePredictor.load(modelDirectory: TestPaths.models) }

    func documents(_ name: String) throws -> [Document] {
        _ = try TestPaths.requireRealNews()
        _ = try TestPaths.requireNewsMTSC()
        return try LabeledCorpus.read([TestPaths.trainingData.appendingPathComponent(name)]).documents
    }

    /// Mention detection on all 45 articles (detection has no training split: the rules
    /// and word lists are general; see Models/README.md for train and dev separately).
    func testMentionDetectionFindsWhatReadersLabel() throws {
        let p = try Self.predictor.get()
        let docs = try documents("realnews/train.jsonl") + documents("realnews/dev.jsonl")
        let r = MentionEvaluator.evaluate(docs, extractor: p.extractor, dataName: "realnews")
        print(MentionEvaluator.formatted(r))
        XCTAssertEqual(r.recall.total, 1525)
        // Observed 0.900 recall (1,372/1,525), 0.860 precision, 0.934 recall with a stance (2026-12-02);
        // the floors sit about two binomial standard errors below.
        XCTAssertGreaterThanOrEqual(r.recall.value ?? 0, 0.88)
        XCTAssertGreaterThanOrEqual(r.precision.value ?? 0, 0.84)
        XCTAssertGreaterThanOrEqual(r.recallWithStance.value ?? 0, 0.91)
        XCTAssertGreaterThanOrEqual(r.recallByKind["pronoun"]?.value ?? 0, 0.85)
        XCTAssertGreaterThanOrEqual(r.recallByKind["name"]?.value ?? 0, 0.93)
    }

    /// The shipped stance model on one labeled file: the report, its positions view and `none`.
    func stanceScores(_ name: String) throws -> (
        report: EvaluationReport, positions: ClassificationMetrics, none: ClassificationMetrics.ClassMetrics
    ) {
        let p = try Self.predictor.get()
        let data = Evaluator.extract(try documents(name), extractor: p.extractor)
        let report = try Evaluator.evaluate(p.stance, task: .stance, on: data, dataName: name)
        let positions = try XCTUnwrap(report.positions)
        let none = try XCTUnwrap(report.metrics.perClass.first { $0.label == "none" })
        print(
            "stance on \(name): n=\(report.examples) 4-class macro-F1=\(report.metrics.macroF1) positions macro-F1=\(positions.macroF1) none F1=\(none.f1)"
        )
        return (report, positions, none)
    }

    /// Stance with the mention given on the real-news dev split (6 topic clusters never trained on).
    func testStanceOnRealNewsDevArticles() throws {
        let (report, positions, none) = try stanceScores("realnews/dev.jsonl")
        XCTAssertGreaterThanOrEqual(report.examples, 490)
        // Observed 0.705 (positions, 177 mentions; bootstrap 5th percentile 0.635) and none F1 0.820 (0.792)
        // with an actor's mentions in a sentence pooled (2026-12-03), where the floors were raised
        // again; 0.680 (0.611) and 0.816 (0.788) per mention; 0.666 (0.593) and 0.810 (0.781)
        // after the older corpus articles were rewritten;
        // 0.652 (0.578) and 0.786 (0.756) before, after issue 9's corpus items.
        XCTAssertGreaterThanOrEqual(positions.macroF1, 0.63)
        XCTAssertGreaterThanOrEqual(none.f1, 0.79)
    }

    /// Stance on the dev split of the project's NewsMTSC stance labels (articles never trained on).
    func testStanceOnNewsMTSCDevSentences() throws {
        let (report, positions, none) = try stanceScores("newsmtsc-stance/dev.jsonl")
        XCTAssertEqual(report.examples, 543)
        // Observed 0.653 (positions, 96 targets; bootstrap 5th percentile 0.560) and none F1 0.889 (0.870)
        // with the d9 articles (2026-12-03); 0.660 (0.570) and 0.884 (0.864) after the older corpus
        // articles were rewritten, where the floors were raised;
        // 0.654 (0.564) and 0.886 (0.867) before, after issue 9's corpus items.
        XCTAssertGreaterThanOrEqual(positions.macroF1, 0.57)
        XCTAssertGreaterThanOrEqual(none.f1, 0.86)
    }

    /// The real-news dev articles with their labeled mentions given as `text` + `targets` lines,
    /// the shape in which a user hands stance-predict a whole article with known mentions: each
    /// article is split into sentences and every mention gets the row (sentence, offsets,
    /// probabilities) the labeled article gives it. Before, such a line was one "sentence" read
    /// in a 1,000-character window around each target: positions 0.550, `none` F1 0.731 on
    /// these mentions with stance-predict's defaults (2026-12-03), against 0.681 and 0.817
    /// read sentence by sentence. Scored here per mention, as `stance-eval --per-mention`
    /// scores the labeled articles: 0.680 and 0.816 (bootstrap 5th percentiles 0.611, 0.788).
    func testMentionsGivenInWholeArticlesAreReadSentenceBySentence() throws {
        struct Line: Encodable {
            struct Span: Encodable {
                let from: Int
                let to: Int
            }
            let id: String
            let text: String
            let targets: [Span]
        }
        let p = try Self.predictor.get()
        let options = PredictionOptions(poolsSentenceActor: false)
        let labels = ["open", "skeptical", "hardline", "none"]
        var truth: [Int] = []
        var predicted: [Int] = []
        var positionTruth: [Int] = []
        var positionPredicted: [Int] = []
        for document in try documents("realnews/dev.jsonl") {
            let targets = try XCTUnwrap(document.targets)
            let line = Line(id: document.id, text: document.text, targets: targets.map { .init(from: $0.start, to: $0.end) })
            let json = String(decoding: try JSONEncoder().encode(line), as: UTF8.self)
            let given = try DocumentReader.document(fromJSONLine: Substring(json), number: 1, file: "given.jsonl")
            let rows = p.predict(given, options: options).rows
            let reference = p.predict(document, options: options).rows
            XCTAssertEqual(rows.count, targets.count, document.id)
            XCTAssertEqual(rows.count, reference.count, document.id)
            for (target, (row, expected)) in zip(targets, zip(rows, reference)) {
                XCTAssertEqual(row.sentence, expected.sentence, document.id)
                XCTAssertEqual(row.text, expected.text, document.id)
                XCTAssertEqual(row.start, expected.start, document.id)
                XCTAssertEqual(row.stanceDistribution.labels, expected.stanceDistribution.labels)
                for (value, other) in zip(row.stanceDistribution.values, expected.stanceDistribution.values) {
                    XCTAssertEqual(value, other, accuracy: 1e-12, document.id)
                }
                let probability = Dictionary(
                    uniqueKeysWithValues: zip(row.stanceDistribution.labels, row.stanceDistribution.values))
                let gold = try XCTUnwrap(labels.firstIndex(of: target.stance ?? "none"))
                truth.append(gold)
                predicted.append(labels.indices.max { probability[labels[$0], default: 0] < probability[labels[$1], default: 0] } ?? 3)
                if gold < 3 {
                    positionTruth.append(gold)
                    positionPredicted.append((0..<3).max { probability[labels[$0], default: 0] < probability[labels[$1], default: 0] } ?? 0)
                }
            }
        }
        let positions = ClassificationMetrics(truth: positionTruth, predicted: positionPredicted, labels: Array(labels.prefix(3)))
        let all = ClassificationMetrics(truth: truth, predicted: predicted, labels: labels)
        let none = try XCTUnwrap(all.perClass.first { $0.label == "none" })
        print("given mentions in whole dev articles: n=\(truth.count) positions macro-F1=\(positions.macroF1) none F1=\(none.f1)")
        XCTAssertGreaterThanOrEqual(truth.count, 490)
        XCTAssertGreaterThanOrEqual(positions.macroF1, 0.61)
        XCTAssertGreaterThanOrEqual(none.f1, 0.78)
    }
}
