import Foundation
import XCTest

@testable import StanceFeatures

/// Builders shared by the feature tests.
enum FeatureFixtures {
    /// Scalar offsets of the `occurrence`-th (from 0) appearance of `needle` in `text`.
    static func range(of needle: String, in text: String, occurrence: Int = 0) -> Range<Int> {
        let haystack = Array(text.unicodeScalars)
        let pattern = Array(needle.unicodeScalars)
        var seen = 0
        var start = 0
        while start + pattern.count <= haystack.count {
            if Array(haystack[start..<(start + pattern.count)]) == pattern {
                if seen == occurrence { return start..<(start + pattern.count) }
                seen += 1
            }
            start += 1
        }
        XCTFail("\"\(needle)\" not found in \"\(text)\"")
        return 0..<0
    }

    /// An example whose target and other actors are given by their text.
    static func example(_ sentence: String, target: String, others: [String] = []) -> FeatureExample {
        FeatureExample(
            sentence: sentence, target: range(of: target, in: sentence),
            otherActors: others.map { range(of: $0, in: sentence) })
    }

    /// A configuration keeping every feature seen once, after `change`.
    static func configuration(_ change: (inout FeatureConfiguration) -> Void = { _ in }) -> FeatureConfiguration {
        var configuration = FeatureConfiguration()
        configuration.bagOfWords.minimumDocumentFrequency = 1
        configuration.actorContext.minimumDocumentFrequency = 1
        change(&configuration)
        return configuration
    }

    /// A row as a name → value map.
    static func named(_ featurizer: Featurizer, _ vector: SparseVector) -> [String: Double] {
        var result: [String: Double] = [:]
        for (name, value) in featurizer.describe(vector) { result[name] = value }
        return result
    }

    /// The names of a row that start with one of `prefixes`.
    static func names(_ featurizer: Featurizer, _ vector: SparseVector, prefixes: [String]) -> Set<String> {
        Set(featurizer.describe(vector).map(\.name).filter { name in prefixes.contains { name.hasPrefix($0) } })
    }

    /// Small lexicons for exact expectations (the shipped ones are tested on their own).
    static let lexicons = Lexicons(
        open: ["ruled out a deal", "open to", "agreed"], skeptical: ["played down", "remains to be seen"],
        hardline: ["ruled out", "rejected", "strike"], positive: ["praised"], negative: ["condemned"])
}

final class FeaturizerTests: XCTestCase {
    private let sentences = [
        "Putin rejected the offer, but Zelensky said talks remain possible.",
        "Zelensky praised the mediators in Doha.",
        "\u{201C}We are open to talks,\u{201D} Putin said on Monday.",
    ]

    private func trainingExamples() -> [FeatureExample] {
        [
            FeatureFixtures.example(sentences[0], target: "Putin", others: ["Zelensky"]),
            FeatureFixtures.example(sentences[0], target: "Zelensky", others: ["Putin"]),
            FeatureFixtures.example(sentences[1], target: "Zelensky"),
            FeatureFixtures.example(sentences[2], target: "Putin"),
        ]
    }

    private func fitted(_ configuration: FeatureConfiguration = FeatureFixtures.configuration()) -> Featurizer {
        Featurizer.fit(trainingExamples(), configuration: configuration, lexicons: FeatureFixtures.lexicons)
    }

    func testFeatureNamesAreSortedAndIndexTheColumns() {
        let featurizer = fitted()
        XCTAssertEqual(featurizer.dimension, featurizer.vocabulary.terms.count)
        XCTAssertEqual(
            featurizer.vocabulary.terms,
            featurizer.vocabulary.terms.sorted {
                $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
            })
        for index in [0, featurizer.dimension / 2, featurizer.dimension - 1] {
            XCTAssertEqual(featurizer.featureIndex(named: featurizer.featureName(index)), index)
        }
        XCTAssertEqual(featurizer.featureName(-1), "?")
        XCTAssertEqual(featurizer.featureName(featurizer.dimension), "?")
        XCTAssertNil(featurizer.featureIndex(named: "bow:absent"))
    }

    func testRowsAreSortedAndJoinBothBlocks() {
        let featurizer = fitted()
        let row = featurizer.vector(for: trainingExamples()[0])
        XCTAssertEqual(row.indices, row.indices.sorted())
        XCTAssertEqual(Set(row.indices).count, row.count)
        let names = FeatureFixtures.named(featurizer, row)
        XCTAssertNotNil(names["bow:rejected"])
        XCTAssertEqual(names["ctx:R1:reject"], 1)
        XCTAssertEqual(names["subj"], 1)
        XCTAssertEqual(names["lex:subj:hardline"], 1)
    }

    func testPreparedSentenceGivesTheSameRowAsTheExample() {
        let featurizer = fitted()
        let example = trainingExamples()[1]
        let prepared = featurizer.prepare(example.sentence)
        XCTAssertEqual(
            featurizer.vector(for: prepared, target: example.target, otherActors: example.otherActors),
            featurizer.vector(for: example))
        // The same sentence inside an article, decoded once: offsets are relative to the sentence.
        let article = "Headline here.\n\n" + example.sentence
        let scalars = Array(article.unicodeScalars)
        let start = scalars.count - example.sentence.unicodeScalars.count
        let fromArticle = featurizer.prepare(scalars, in: start..<scalars.count)
        XCTAssertEqual(
            featurizer.vector(for: fromArticle, target: example.target, otherActors: example.otherActors),
            featurizer.vector(for: example))
        let tokens = Tokenizer().tokenize(scalars, in: start..<scalars.count)
        let fromTokens = featurizer.prepare(tokens: tokens, sentenceStart: start)
        XCTAssertEqual(
            featurizer.vector(for: fromTokens, target: example.target, otherActors: example.otherActors),
            featurizer.vector(for: example))
    }

    func testOtherActorsMayIncludeTheTarget() {
        let featurizer = fitted()
        let example = trainingExamples()[0]
        var withTarget = example
        withTarget.otherActors.append(example.target)
        XCTAssertEqual(featurizer.vector(for: withTarget), featurizer.vector(for: example))
    }

    func testTransformDropsUnseenTerms() {
        let featurizer = fitted()
        let unseen = FeatureFixtures.example("Xi welcomed the envoy warmly.", target: "Xi")
        let names = FeatureFixtures.named(featurizer, featurizer.vector(for: unseen))
        // Only "the" and structural features were seen in training; every other word is dropped.
        // "bow:the" is the whole unit-length block times the default block scale, 2.
        XCTAssertEqual(
            names,
            [
                "bow:the": 2, "ctx:R2:the": 1, "clause:the": 1, "rel:w:the": 1, "subj": 1,
                "rel:first": 1,
            ])
    }

    func testEmptyAndWhitespaceSentencesGiveEmptyRows() {
        let featurizer = fitted()
        XCTAssertEqual(featurizer.vector(for: FeatureExample(sentence: "", target: 0..<0)), SparseVector())
        XCTAssertEqual(featurizer.vector(for: FeatureExample(sentence: "   \n ", target: 0..<3)), SparseVector())
        // A target outside the sentence keeps the sentence features only.
        let row = featurizer.vector(for: FeatureExample(sentence: sentences[1], target: 500..<510))
        XCTAssertEqual(FeatureFixtures.names(featurizer, row, prefixes: ["ctx:", "clause:", "subj", "quote:"]), [])
        XCTAssertEqual(FeatureFixtures.named(featurizer, row)["lex:positive"], 1)
    }

    func testMessyInputAtEveryTargetPositionGivesValidRows() {
        let messy = [
            "\u{201C}Unclosed quote from Smith, who said: \u{2018}no",
            "\"\"\" ; ; but -- \u{2014} \u{2026} '",
            "Kyiv\u{2019}s U.S.-backed plan \u{1F54A}\u{FE0F} was \"not\" rejected ( nor accepted ) by Zelensky-Putin talks.",
            "e\u{301}mile said NO, never; although while whereas.",
            "   ",
        ]
        let featurizer = fitted()
        for sentence in messy {
            let count = sentence.unicodeScalars.count
            for start in stride(from: 0, through: count + 2, by: 3) {
                let target = start..<(start + 4)
                let row = featurizer.vector(for: FeatureExample(sentence: sentence, target: target, otherActors: [0..<2, target]))
                XCTAssertEqual(row.indices, row.indices.sorted(), sentence)
                XCTAssertEqual(Set(row.indices).count, row.count, sentence)
                XCTAssertTrue(row.indices.allSatisfy { $0 >= 0 && Int($0) < featurizer.dimension }, sentence)
                XCTAssertTrue(row.values.allSatisfy { $0.isFinite && $0 > 0 }, sentence)
            }
        }
    }

    func testMinimumDocumentFrequencyAppliesPerBlock() {
        let featurizer = fitted(
            FeatureFixtures.configuration {
                $0.bagOfWords.minimumDocumentFrequency = 3
                $0.actorContext.minimumDocumentFrequency = 2
            })
        // Counted over examples: the first sentence has two mentions, so its words count twice;
        // "said", "talks", "the" reach three with the other sentences, "rejected" only two.
        let bag = featurizer.vocabulary.terms.filter { $0.hasPrefix("bow:") }
        XCTAssertEqual(bag, ["bow:putin", "bow:said", "bow:talks", "bow:the", "bow:zelensky"])
        XCTAssertEqual(featurizer.vocabulary.documentFrequencies[featurizer.featureIndex(named: "bow:putin") ?? 0], 3)
        XCTAssertNotNil(featurizer.featureIndex(named: "subj"))
        XCTAssertNil(featurizer.featureIndex(named: "ctx:R1:reject"))
    }

    func testCodableRoundTripRebuildsTheSameRows() throws {
        let featurizer = fitted()
        let data = try JSONEncoder().encode(featurizer)
        let decoded = try JSONDecoder().decode(Featurizer.self, from: data)
        XCTAssertEqual(decoded, featurizer)
        for example in trainingExamples() {
            XCTAssertEqual(decoded.vector(for: example), featurizer.vector(for: example))
        }
    }

    func testEncodingIsDeterministic() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(fitted())
        let second = try encoder.encode(fitted())
        let shuffled = try encoder.encode(
            Featurizer.fit(
                trainingExamples().reversed(), configuration: FeatureFixtures.configuration(), lexicons: FeatureFixtures.lexicons))
        XCTAssertEqual(first, second)
        XCTAssertEqual(first, shuffled)
    }

    func testDecodingRejectsAForeignVocabularyTerm() throws {
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(fitted())) as? [String: Any])
        var vocabulary = try XCTUnwrap(json["vocabulary"] as? [String: Any])
        var terms = try XCTUnwrap(vocabulary["terms"] as? [String])
        var frequencies = try XCTUnwrap(vocabulary["documentFrequencies"] as? [Int])
        terms.append("zz:unknown")
        frequencies.append(1)
        vocabulary["terms"] = terms
        vocabulary["documentFrequencies"] = frequencies
        json["vocabulary"] = vocabulary
        let data = try JSONSerialization.data(withJSONObject: json)
        XCTAssertThrowsError(try JSONDecoder().decode(Featurizer.self, from: data)) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(
                context.debugDescription.contains("\"zz:unknown\" is not a feature this version builds"),
                context.debugDescription)
        }
    }

    func testDecodingRejectsAnUnsortedVocabulary() throws {
        let json = #"{"terms": ["subj", "bow:a"], "documentFrequencies": [1, 1], "documentCount": 1}"#
        XCTAssertThrowsError(try JSONDecoder().decode(Vocabulary.self, from: Data(json.utf8))) { error in
            XCTAssertTrue("\(error)".contains("\"bow:a\" is not after \"subj\""), "\(error)")
        }
    }

    func testConfigurationDecodingFillsMissingKeysWithDefaults() throws {
        let empty = try JSONDecoder().decode(FeatureConfiguration.self, from: Data("{}".utf8))
        XCTAssertEqual(empty, .default)
        let partial = try JSONDecoder().decode(
            FeatureConfiguration.self, from: Data(#"{"bagOfWords": {"bigrams": true}, "actorContext": {"window": false}}"#.utf8))
        var expected = FeatureConfiguration.default
        expected.bagOfWords.bigrams = true
        expected.actorContext.window = false
        XCTAssertEqual(partial, expected)
        let roundTrip = try JSONDecoder().decode(FeatureConfiguration.self, from: JSONEncoder().encode(expected))
        XCTAssertEqual(roundTrip, expected)
    }

    func testConfigurationDecodingRejectsUnorderedBuckets() {
        let json = #"{"actorContext": {"distanceBuckets": [2, 1]}}"#
        XCTAssertThrowsError(try JSONDecoder().decode(FeatureConfiguration.self, from: Data(json.utf8))) { error in
            XCTAssertTrue("\(error)".contains("strictly increasing"), "\(error)")
        }
    }

    func testDefaultsAreDocumentedValues() {
        let configuration = FeatureConfiguration.default
        XCTAssertEqual(configuration.actorContext.bucketLabels, ["1", "2", "3-4", "5-8"])
        XCTAssertEqual(configuration.bagOfWords.minimumDocumentFrequency, 2)
        XCTAssertFalse(configuration.bagOfWords.bigrams)
        XCTAssertEqual(configuration.bagOfWords.scale, 2)
        XCTAssertTrue(configuration.actorContext.relative)
        XCTAssertEqual(configuration.actorContext.segmentLength, 6)
        XCTAssertEqual(configuration.actorContext.clauseBoundaries, ["but", "while", "although", "whereas", ";"])
        XCTAssertEqual(
            configuration.bagOfWords.negationWords,
            ["not", "n't", "never", "no", "cannot", "nobody", "neither", "nor", "without"])
    }
}
