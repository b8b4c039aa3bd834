import Foundation
import StanceFeatures
import StanceKit
import StanceLearning
import XCTest

/// Real news nobody here wrote: the training tooling fitted on NewsMTSC's training
/// file and scored on the paper's test portions (Hamborg & Donnay, EACL 2021).
///
/// Reads ../shared/data/newsmtsc at run time and skips when it is absent. The model is
/// what `stance-train --format newsmtsc --task sentiment --data train.jsonl` builds with
/// no other flag: the sentiment defaults, and the penalty its 5-fold cross-validation
/// grouped by article picks on the training file (λ 10; CV macro-F1 0.681). Refitting at
/// that λ here, instead of rerunning the grid, keeps the suite to one fit (a debug build
/// fits NewsMTSC in about a minute). No setting was chosen on the test portions.
final class NewsMTSCSuiteTests: XCTestCase {
    /// The default sentiment settings at the penalty cross-validation chose.
    static let configuration: TextTrainingConfiguration = {
        var c = TextTrainingConfiguration.defaults(for: .sentiment)
        c.training.l2Penalty = NewsMTSCScores.crossValidatedPenalty
        return c
    }()

    static let trained = Result { () throws -> (TextClassifier, InstanceExtractor) in
        let dir = TestPaths.newsMTSC
        let extractor = InstanceExtractor(gazetteer: try ActorGazetteer.load(from: TestPaths.models.appendingPathComponent("actors.json")))
        let lexicons = try Lexicons.load(directory: TestPaths.models.appendingPathComponent("lexicons"))
        let corpus = try LabeledCorpus.read([dir.appendingPathComponent("train.jsonl")])
        let run = TextTrainingRun(task: .sentiment, configuration: configuration, lexicons: lexicons, extractor: extractor)
        let file = try run.fit(run.examples(corpus), digest: corpus.digest)
        return (try TextClassifier(file, name: "newsmtsc-sentiment"), extractor)
    }

    func score(_ relativePath: String) throws -> EvaluationReport {
        let dir = try TestPaths.requireNewsMTSC()
        let (classifier, extractor) = try Self.trained.get()
        let documents = try LabeledCorpus.read([dir.appendingPathComponent(relativePath)]).documents
        let report = try Evaluator.evaluate(
            classifier, task: .sentiment, on: Evaluator.extract(documents, extractor: extractor), dataName: relativePath)
        print(
            "NewsMTSC-trained sentiment on \(relativePath): n=\(report.examples) accuracy=\(report.metrics.accuracy) macro-F1=\(report.metrics.macroF1)"
        )
        return report
    }

    /// Peers on rw_test: TF-IDF + logistic regression 63.0, fastText 60.8 macro-F1.
    func testBeatsTFIDFAndFastTextOnRealWorldTest() throws {
        let report = try score("paper_split/rw_test.jsonl")
        XCTAssertEqual(report.examples, 803)
        XCTAssertGreaterThanOrEqual(report.metrics.macroF1, NewsMTSCScores.realWorldTestFloor)
        XCTAssertGreaterThan(report.metrics.macroF1, NewsMTSCPeers.tfidfRealWorld)
        XCTAssertGreaterThan(report.metrics.macroF1, NewsMTSCPeers.fastTextRealWorld)
    }

    /// Peers on mt_test: TF-IDF + logistic regression 58.7, fastText 55.2 macro-F1.
    func testBeatsTFIDFAndFastTextOnMultiTargetTest() throws {
        let report = try score("paper_split/mt_test.jsonl")
        XCTAssertEqual(report.examples, 1034)
        XCTAssertGreaterThanOrEqual(report.metrics.macroF1, NewsMTSCScores.multiTargetTestFloor)
        XCTAssertGreaterThan(report.metrics.macroF1, NewsMTSCPeers.tfidfMultiTarget)
        XCTAssertGreaterThan(report.metrics.macroF1, NewsMTSCPeers.fastTextMultiTarget)
    }

    /// The suite's settings are the command line's defaults for the task.
    func testSuiteUsesTheSentimentDefaults() {
        var expected = TextTrainingConfiguration.defaults(for: .sentiment)
        expected.training.l2Penalty = Self.configuration.training.l2Penalty
        XCTAssertEqual(Self.configuration, expected)
        XCTAssertTrue(TextTrainingConfiguration.defaultL2Grid.contains(NewsMTSCScores.crossValidatedPenalty))
    }
}

/// Observed scores of the default tooling on the paper's test portions (2026-12-02), and
/// floors one bootstrap standard deviation below them (1,000 resamples of sentences,
/// rounded down to two decimals) or the goal where that is higher, so only a real
/// regression trips them.
enum NewsMTSCScores {
    /// λ picked by `stance-train --format newsmtsc --task sentiment` (5-fold CV grouped by
    /// article over 0.3…100: 0.660, 0.664, 0.672, 0.681, 0.678, 0.661; before naive-Bayes
    /// scaling 0.650, 0.655, 0.661, 0.669, 0.666, 0.654).
    static let crossValidatedPenalty = 10.0
    /// Observed 0.6870 (accuracy 0.696, 803 targets), bootstrap sd 0.0174 (before naive-Bayes
    /// scaling 0.6728). Goal 0.68: reached, within one sd. The floor is the goal, higher than
    /// one sd below (0.66), as elsewhere in these suites: the fit is deterministic, so the
    /// figure only moves when the tooling changes, and issue 10 asks for this goal in XCTest.
    static let realWorldTestFloor = 0.68
    /// Observed 0.6572 (accuracy 0.694, 1,034 targets), bootstrap sd 0.0158 (before naive-Bayes
    /// scaling 0.6339). Goal 0.64: reached.
    static let multiTargetTestFloor = 0.64
}

/// Peer scores (macro-F1) on the NewsMTSC paper test portions, quoted in issue 4.
enum NewsMTSCPeers {
    static let tfidfRealWorld = 0.630
    static let fastTextRealWorld = 0.608
    static let tfidfMultiTarget = 0.587
    static let fastTextMultiTarget = 0.552
}
