import Foundation
import StanceFeatures
import StanceKit
import StanceLearning
import XCTest

/// Quality floors of the shipped models on data they never saw.
///
/// Each floor records the value observed when it was set (see Models/README.md);
/// a change that lowers a score below its floor fails here.
final class ShippedModelAccuracyTests: XCTestCase {
    static let predictor = Result { try StancePredictor.load(modelDirectory: TestPaths.models) }

    func loadPredictor() throws -> StancePredictor { try Self.predictor.get() }

    func extracted(_ file: URL, predictor: StancePredictor) throws -> [(Document, ExtractedDocument)] {
        Evaluator.extract(try LabeledCorpus.read([file]).documents, extractor: predictor.extractor)
    }

    /// Test split: 9 settings that the training split never contains. The three positions
    /// are scored on the mentions whose gold label is one (as the 3-class model was), and
    /// all four outcomes on every mention.
    func testStanceMacroF1OnHeldOutSettings() throws {
        let p = try loadPredictor()
        let data = try extracted(TestPaths.trainingData.appendingPathComponent("test.jsonl"), predictor: p)
        let report = try Evaluator.evaluate(p.stance, task: .stance, on: data, dataName: "test.jsonl")
        let positions = try XCTUnwrap(report.positions)
        let none = try XCTUnwrap(report.metrics.perClass.first { $0.label == "none" })
        print(
            "stance on TrainingData/test.jsonl: n=\(report.examples) 4-class macro-F1=\(report.metrics.macroF1) positions macro-F1=\(positions.macroF1) none F1=\(none.f1)"
        )
        XCTAssertEqual(report.examples, 2152)
        XCTAssertGreaterThanOrEqual(positions.macroF1, ShippedScores.stanceTestPositionsMacroF1Floor)
        XCTAssertGreaterThanOrEqual(report.metrics.macroF1, ShippedScores.stanceTestMacroF1Floor)
        XCTAssertGreaterThanOrEqual(none.f1, ShippedScores.stanceTestNoneF1Floor)
    }

    func testSentimentMacroF1OnHeldOutSettings() throws {
        let p = try loadPredictor()
        let data = try extracted(TestPaths.trainingData.appendingPathComponent("test.jsonl"), predictor: p)
        let report = try Evaluator.evaluate(p.sentiment, task: .sentiment, on: data, dataName: "test.jsonl")
        print(
            "sentiment on TrainingData/test.jsonl: n=\(report.examples) accuracy=\(report.metrics.accuracy) macro-F1=\(report.metrics.macroF1)"
        )
        XCTAssertGreaterThanOrEqual(report.metrics.macroF1, ShippedScores.sentimentTestMacroF1Floor)
    }

    /// Real news: the shipped sentiment model (trained on NewsMTSC's train file and the corpus) on NewsMTSC's real-world devtest.
    func testShippedSentimentOnNewsMTSCRealWorldDevtest() throws {
        let dir = try TestPaths.requireNewsMTSC()
        let p = try loadPredictor()
        let data = try extracted(dir.appendingPathComponent("devtest_rw.jsonl"), predictor: p)
        let report = try Evaluator.evaluate(p.sentiment, task: .sentiment, on: data, dataName: "devtest_rw.jsonl")
        print(
            "shipped sentiment on NewsMTSC devtest_rw: n=\(report.examples) accuracy=\(report.metrics.accuracy) macro-F1=\(report.metrics.macroF1)"
        )
        XCTAssertEqual(report.examples, 1146)
        XCTAssertGreaterThanOrEqual(report.metrics.macroF1, ShippedScores.sentimentNewsMTSCRealWorldFloor)
    }

}

/// The floors, in one place so Models/README.md and the tests agree: the bootstrap 5th
/// percentile of the shipped models' held-out figure (`bash Scripts/real-news-figures.sh`),
/// or a stated goal where that is higher, so only a real regression trips them.
enum ShippedScores {
    /// Positions observed 0.7623 on the rewritten test settings (1,055 mentions with a stance;
    /// bootstrap 5th percentile 0.741; 2026-12-03, same model); on the older writing of the
    /// same settings, 0.7662 with the d9 articles (bootstrap 5th percentile 0.744;
    /// 2026-12-03); 0.7645 (0.742) after the older train articles were rewritten against issue
    /// 9's frames; 0.7767 before it (1,044
    /// mentions with a stance, 9 unseen settings; bootstrap 5th percentile 0.754; 2026-12-02,
    /// after issue 9's corpus items). The floor was set at
    /// 0.7600 observed (bootstrap 5th percentile 0.737) on the split before
    /// philippines-bangsamoro-peace replaced korea-dmz-talks, whose actors train already knew;
    /// it still holds on the new split and is left where it was. The split's labels changed
    /// earlier with rule 6 of the annotation guide (37 null mentions now carry their actor's
    /// stance): the model shipped before that scored 0.7588 on the new labels.
    static let stanceTestPositionsMacroF1Floor = 0.73
    /// All four outcomes observed 0.6473 on the rewritten test settings (2,152 mentions, 51 %
    /// null; bootstrap 5th percentile 0.627; 2026-12-03, same model): the floor is left at 0.64,
    /// above that percentile, rather than lowered again. On the older writing (1,408 mentions):
    /// 0.6461 with an actor's mentions per sentence pooled
    /// (bootstrap 5th percentile 0.625; 2026-12-03), 0.6472 per mention with the d9 articles
    /// (0.626); 0.6650 (1,408 mentions; 0.644) after the rewrite, 0.7192 before it (0.700).
    /// The floor moved down with the rewrite, to that model's 5th percentile by the same rule:
    /// the rewrite made 52 % of the train split's mentions null (32 % before), as in real
    /// news, while the test settings keep the older writing (74 % with a stance), so the model
    /// now says none more often on them (none precision 0.50 with pooling, 0.65 before the
    /// rewrite); the model is chosen by the real-news dev splits, which rose
    /// (Models/README.md). 0.7074 on the split before the swap (1,432 mentions; 0.687).
    static let stanceTestMacroF1Floor = 0.64
    /// `none` F1 observed 0.7934 (P 0.706, R 0.905) once the test settings were rewritten like
    /// train (51 % of their mentions null, as in real news; bootstrap 5th percentile 0.779;
    /// 2026-12-03); on the older writing it was 0.61, a split 74 % stance-bearing.
    static let stanceTestNoneF1Floor = 0.77
    /// Observed 0.6076 on the rewritten test settings (2,152 mentions; bootstrap 5th percentile
    /// 0.571; 2026-12-03, same model; the floor is left where it was). On the older writing:
    /// 0.6253 with the d9 articles (bootstrap 5th percentile 0.587; 2026-12-03);
    /// 0.6345 (0.596) after the older train articles were rewritten; 0.6896 on the new split before it (1,408 examples; bootstrap
    /// 5th percentile 0.650; 2026-12-02, after issue 9's corpus items); 0.6321 with naive-Bayes scaling on the
    /// split before (1,432 examples; bootstrap 5th percentile 0.589), 0.6241 before it. It was
    /// 0.7029 when the model learned from the corpus alone and 0.6403 with NewsMTSC added:
    /// the model is chosen by real news (NewsMTSC devtest_rw 0.331 -> 0.667, real-news dev
    /// 0.464 -> 0.495), which judges the corpus's rare polar mentions as news copy does.
    static let sentimentTestMacroF1Floor = 0.58
    /// Observed 0.6509 with the d9 articles (bootstrap 5th percentile 0.627; 2026-12-03),
    /// 0.6544 (0.630) after the older train articles were rewritten; 0.6630 after issue 9's corpus items (0.639; 2026-12-02); 0.6679 with naive-Bayes scaling before it (1,146 targets; bootstrap 5th
    /// percentile 0.644), 0.6665 before that, trained on NewsMTSC's
    /// train file but never on devtest. It was 0.3312 from the corpus alone. The floor is the
    /// issue's goal, 0.65.
    static let sentimentNewsMTSCRealWorldFloor = 0.65
}
