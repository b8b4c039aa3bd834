import Foundation
import StanceKit
import StanceLearning
import XCTest

/// The shipped models on the seed article (`../shared/reference/summit-article.txt`) against
/// the stances a careful reader gives (`Fixtures/summit-article-stances.tsv`, labeled blind
/// to the model's output). The article is read at run time, the way `stance-predict` reads
/// a `.txt` file; skips with a message when `../shared` is absent.
///
/// Matching rule: a gold row names a sentence (the kept sentence holding its anchor) and an
/// actor. All predicted rows of that actor in that sentence are pooled, per ANNOTATION.md
/// rule 6 (one actor, one stance per sentence): their four stance distributions are
/// averaged and the actor's stance is the argmax of the mean. An actor with no predicted
/// row in the sentence counts as wrong ("not detected").
final class SummitArticleStanceTests: XCTestCase {
    /// The gold labels' file.
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/summit-article-stances.tsv")
    /// The seed article beside the clone.
    static let article = TestPaths.shared.appendingPathComponent("reference/summit-article.txt")
    /// SHA-256 of the article the offsets index.
    static let articleHash = "64ec3fbea187bb27a0be2a14e903c19fa407b5b03ff36103ab391929e75064a9"

    /// One gold row of the fixture.
    struct Gold {
        let anchor: Range<Int>
        let actor: String
        let stance: String
        let clear: Bool
    }

    /// One gold row compared with the model: the pooled stance, or nil when the actor was not found.
    struct Outcome {
        let gold: Gold
        let sentence: Int
        let predicted: String?
        let rows: [Prediction]
        var right: Bool { predicted == gold.stance }
    }

    /// The fixture's rows, in file order.
    func readGold() throws -> [Gold] {
        let lines = try String(contentsOf: Self.fixture, encoding: .utf8).split(separator: "\n")
        return try lines.drop(while: { $0.hasPrefix("#") }).dropFirst().map { line in
            let split = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let fields = try XCTUnwrap(split.count == 6 ? split : nil, "fixture row without 6 fields: \(line)")
            let offset = try XCTUnwrap(Int(fields[0]))
            let length = try XCTUnwrap(Int(fields[1]))
            XCTAssertTrue(["open", "skeptical", "hardline", "none"].contains(fields[3]), "fixture row \(line)")
            return Gold(anchor: offset..<(offset + length), actor: fields[2], stance: fields[3], clear: fields[4] == "clear")
        }
    }

    /// Runs the shipped predictor on the article and pools each gold actor's rows in its sentence.
    func outcomes() throws -> [Outcome] {
        guard FileManager.default.fileExists(atPath: Self.article.path) else {
            throw XCTSkip("seed article not found at \(Self.article.path): this check needs ../shared/reference beside the clone")
        }
        let data = try Data(contentsOf: Self.article)
        // A changed article would make the offsets point elsewhere: stop rather than count noise.
        _ = try XCTUnwrap(
            SHA256.hex(of: data) == Self.articleHash ? data : nil,
            "the seed article changed: the fixture's offsets index the version with the hash in its header")
        let predictor = try RealNewsTests.predictor.get()
        // The same reading path as `stance-predict FILE.txt`: the input collection's plain-text reader.
        var documents: [Document] = []
        try InputCollection(arguments: [Self.article.path]).forEachDocument { document, _ in documents.append(document) }
        let document = try XCTUnwrap(documents.first)
        XCTAssertEqual(documents.count, 1, "the article is read in one segment")
        let result = predictor.predict(document)
        let sentences = predictor.extractor.extract(document).sentences
        XCTAssertEqual(sentences.map(\.text), result.sentences)
        return try readGold().map { gold in
            let sentence = try XCTUnwrap(
                sentences.first { $0.range.contains(gold.anchor.lowerBound) },
                "no kept sentence holds offset \(gold.anchor.lowerBound)")
            XCTAssertLessThanOrEqual(gold.anchor.upperBound, sentence.range.upperBound, "anchor at \(gold.anchor) crosses a sentence end")
            let rows = result.rows.filter { $0.sentence == sentence.index && $0.actor == gold.actor }
            return Outcome(gold: gold, sentence: sentence.index, predicted: Self.pooledStance(rows), rows: rows)
        }
    }

    /// The argmax of the mean stance distribution over `rows`; nil when there are none.
    static func pooledStance(_ rows: [Prediction]) -> String? {
        guard !rows.isEmpty else { return nil }
        var total: [String: Double] = [:]
        for row in rows { for (label, p) in row.stanceProbabilities { total[label, default: 0] += p } }
        return total.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// The most probable non-none stance over all mentions when any mention's stance is not
    /// none, else none; nil when there are no rows.
    static func anyMentionStance(_ rows: [Prediction]) -> String? {
        guard !rows.isEmpty else { return nil }
        let withStance = rows.flatMap { row in row.stanceProbabilities.filter { $0.key != "none" && row.stance == $0.key } }
        return withStance.max { $0.value < $1.value }?.key ?? "none"
    }

    /// Counts the gold stances the shipped models give, prints the misses, checks the floor.
    func testStancesACarefulReaderGives() throws {
        let all = try outcomes()
        let stances = all.filter { $0.gold.stance != "none" }
        let right = stances.filter(\.right).count
        let clear = stances.filter(\.gold.clear)
        let stanceFree = all.filter { $0.gold.stance == "none" }
        print(
            "seed article: \(right) of \(stances.count) gold stances right (\(clear.filter(\.right).count) of \(clear.count) clear ones);"
                + " none for \(stanceFree.filter(\.right).count) of \(stanceFree.count) stance-free actors")
        for miss in all where !miss.right {
            let got = miss.predicted ?? "not detected"
            let mentions = miss.rows.map { "\($0.mention)=\($0.stance)" }
            print("  miss: sentence \(miss.sentence) \(miss.gold.actor): expected \(miss.gold.stance), got \(got) \(mentions)")
        }
        // For comparison only: a stance when any mention has one (the most probable), else none.
        let lenient = stances.filter { Self.anyMentionStance($0.rows) == $0.gold.stance }.count
        print("  (with the any-mention rule instead of the mean: \(lenient) of \(stances.count))")
        XCTAssertEqual(stances.count, 35)
        // Observed 16 of 35 with the shipped models (2026-12-02; issue 9 asks for 24). The
        // floor is the bootstrap 5th percentile of that count (2,000 seeded resamples of the
        // 35 right/wrong outcomes: 11; about 1.6 binomial standard errors of 2.9 items), so
        // resampling luck passes and a real regression of five or more stances fails.
        XCTAssertGreaterThanOrEqual(right, 11)
    }
}
