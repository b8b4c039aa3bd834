import Foundation
import StanceFeatures
import StanceKit
import StanceLearning
import XCTest

/// A JSONL line with `text` and given `targets` may be a whole article with its known
/// mentions: it is split into sentences and each target is classified in its own sentence,
/// while NewsMTSC's `sentence_normalized` stays one sentence by construction.
final class GivenTargetArticleTests: XCTestCase {
    static let first = "Putin said on Tuesday that Moscow was ready to discuss a ceasefire."
    static let second = "Zelensky rejected any talks held under pressure."
    static let article = first + " " + second

    /// The document of one JSONL line, read as stance-predict reads it.
    func document(_ key: String, _ text: String, targets: [Range<Int>]) throws -> Document {
        let spans = targets.map { "{\"from\":\($0.lowerBound),\"to\":\($0.upperBound)}" }.joined(separator: ",")
        let escaped = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
        let line = "{\"id\":\"a\",\"\(key)\":\(escaped),\"targets\":[\(spans)]}"
        return try DocumentReader.document(fromJSONLine: Substring(line), number: 1, file: "given.jsonl")
    }

    /// The code point range of the first `word` in `text` at or after `from`.
    func span(_ word: String, in text: String, from: Int = 0) throws -> Range<Int> {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(word.unicodeScalars)
        let start = try XCTUnwrap((from...(scalars.count - needle.count)).first { Array(scalars[$0..<$0 + needle.count]) == needle })
        return start..<start + needle.count
    }

    func testTextWithTargetsIsSplitIntoSentencesAndEachTargetReadInItsOwn() throws {
        let predictor = try ShippedModelAccuracyTests.predictor.get()
        let putin = try span("Putin", in: Self.article)
        let zelensky = try span("Zelensky", in: Self.article)
        let given = try document("text", Self.article, targets: [putin, zelensky])
        let rows = predictor.predict(given).rows
        XCTAssertEqual(rows.map(\.sentence), [0, 1])
        // One row per target, in the line's order, whatever the order of the spans.
        let reversed = predictor.predict(try document("text", Self.article, targets: [zelensky, putin])).rows
        XCTAssertEqual(reversed.map(\.mention), ["Zelensky", "Putin"])
        XCTAssertEqual(reversed.map(\.stanceProbabilities), [rows[1].stanceProbabilities, rows[0].stanceProbabilities])
        XCTAssertEqual(rows.map(\.text), [Self.first, Self.second])
        XCTAssertEqual(rows.map(\.mention), ["Putin", "Zelensky"])
        XCTAssertEqual(rows[1].start, 0)
        // Each row is what the sentence alone gives its target.
        for (row, sentence) in zip(rows, [Self.first, Self.second]) {
            let alone = try document("sentence_normalized", sentence, targets: [try span(row.mention, in: sentence)])
            let expected = try XCTUnwrap(predictor.predict(alone).rows.first)
            XCTAssertEqual(row.stanceProbabilities, expected.stanceProbabilities, row.mention)
            XCTAssertEqual(row.sentimentProbabilities, expected.sentimentProbabilities, row.mention)
        }
    }

    func testSentenceNormalizedStaysOneSentence() throws {
        let predictor = try ShippedModelAccuracyTests.predictor.get()
        let given = try document(
            "sentence_normalized", Self.article, targets: [try span("Putin", in: Self.article), try span("Zelensky", in: Self.article)])
        XCTAssertFalse(given.mayHoldSeveralSentences)
        let rows = predictor.predict(given).rows
        XCTAssertEqual(rows.map(\.sentence), [0, 0])
        XCTAssertEqual(rows.map(\.text), [Self.article, Self.article])
    }

    func testOneSentenceTextIsReadAsBefore() throws {
        let predictor = try ShippedModelAccuracyTests.predictor.get()
        let target = try span("Putin", in: Self.first)
        let asText = predictor.predict(try document("text", Self.first, targets: [target])).rows
        let asSentence = predictor.predict(try document("sentence_normalized", Self.first, targets: [target])).rows
        XCTAssertEqual(asText, asSentence)
    }

    /// Training and evaluation leave out a target in no single sentence; prediction reads it
    /// in a window around it, so every given span gets a row.
    func testTargetAcrossASentenceEndStillGetsARow() throws {
        let predictor = try ShippedModelAccuracyTests.predictor.get()
        let across = try span("ceasefire. Zelensky", in: Self.article)
        let given = try document("text", Self.article, targets: [across])
        XCTAssertEqual(predictor.extractor.extract(given).droppedTargets, 1)
        XCTAssertEqual(predictor.extractor.extract(given).instances.count, 0)
        let rows = predictor.predict(given).rows
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.mention, "ceasefire. Zelensky")
        XCTAssertEqual(rows.first?.text, Self.article)
        XCTAssertEqual(rows.first?.sentence, 0)
    }

    func testTargetInARepeatedParagraphStillGetsARow() throws {
        let predictor = try ShippedModelAccuracyTests.predictor.get()
        let text = Self.first + "\n\n" + Self.second + "\n\n" + Self.first
        let repeated = try span("Putin", in: text, from: 1)
        let given = try document("text", text, targets: [try span("Putin", in: text), repeated])
        XCTAssertEqual(predictor.extractor.extract(given).skippedDuplicateParagraphs, 1)
        let rows = predictor.predict(given).rows
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows.map(\.mention), ["Putin", "Putin"])
        // Numbered as the last sentence before it, its text the window around it (here the whole text).
        XCTAssertEqual(rows[1].sentence, 1)
        XCTAssertEqual(rows[1].text, text)
        XCTAssertEqual(rows[1].start, repeated.lowerBound)
    }

    /// A bare span takes the actor the detector resolved for exactly that span, so "he" and
    /// the name it stands for share one stance in their sentence; a named target keeps its name.
    func testBareSpansTakeTheDetectedActor() throws {
        let predictor = try ShippedModelAccuracyTests.predictor.get()
        let text = "Zelensky said he was ready to meet Putin."
        let spans = [try span("Zelensky", in: text), try span("he", in: text), try span("Putin", in: text)]
        let rows = predictor.predict(try document("text", text, targets: spans)).rows
        XCTAssertEqual(rows.map(\.actor), ["Volodymyr Zelensky", "Volodymyr Zelensky", "Vladimir Putin"])
        XCTAssertEqual(rows[0].stanceProbabilities, rows[1].stanceProbabilities)
        let perMention = predictor.predict(
            try document("text", text, targets: spans), options: PredictionOptions(poolsSentenceActor: false)
        ).rows
        XCTAssertNotEqual(perMention[0].stanceProbabilities, perMention[1].stanceProbabilities)
        let named = #"{"text":"Zelensky said he was ready.","targets":[{"from":0,"to":8,"actor":"the president"}]}"#
        let document = try DocumentReader.document(fromJSONLine: Substring(named), number: 1, file: "given.jsonl")
        XCTAssertEqual(predictor.predict(document).rows.map(\.actor), ["the president"])
    }

    /// Random articles (sentences, paragraph breaks, a repeated paragraph, long runs without a
    /// sentence end) with random spans, some across sentence ends: every line gives one row per
    /// target in order, and each row's offsets pick its mention out of its own text.
    func testRandomTargetsEachGetTheirRowAtTheRightOffsets() throws {
        let predictor = try ShippedModelAccuracyTests.predictor.get()
        var random = SeededGenerator(seed: 11)
        let words = [
            "Putin", "said", "Kyiv", "rejected", "the", "talks", "and", "NATO", "urged", "a", "ceasefire", "he", "would", "meet",
            "Zelensky", "in", "Geneva",
        ]
        for round in 0..<150 {
            var paragraphs: [String] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                var sentences: [String] = []
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let length = Int.random(in: 3...(round % 10 == 0 ? 260 : 14), using: &random)
                    sentences.append((0..<length).map { _ in words.randomElement(using: &random) ?? "the" }.joined(separator: " ") + ".")
                }
                paragraphs.append(sentences.joined(separator: " "))
            }
            if round % 3 == 0, let first = paragraphs.first { paragraphs.append(first) }
            let text = paragraphs.joined(separator: "\n\n")
            let count = text.unicodeScalars.count
            var spans: [Range<Int>] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let start = Int.random(in: 0..<(count - 1), using: &random)
                spans.append(start..<min(count, start + Int.random(in: 1...30, using: &random)))
            }
            let rows = predictor.predict(try document("text", text, targets: spans)).rows
            XCTAssertEqual(rows.count, spans.count, "round \(round)")
            let scalars = Array(text.unicodeScalars)
            for (row, span) in zip(rows, spans) {
                let mention = String(String.UnicodeScalarView(scalars[span]))
                XCTAssertEqual(row.mention, mention, "round \(round)")
                let own = Array(row.text.unicodeScalars)
                XCTAssertTrue(row.start >= 0 && row.end <= own.count && row.start < row.end, "round \(round)")
                if row.start >= 0 && row.end <= own.count && row.start < row.end {
                    XCTAssertEqual(String(String.UnicodeScalarView(own[row.start..<row.end])), mention, "round \(round)")
                }
            }
        }
    }
}
