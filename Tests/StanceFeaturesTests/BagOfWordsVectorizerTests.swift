import Foundation
import XCTest

@testable import StanceFeatures

final class BagOfWordsVectorizerTests: XCTestCase {
    /// Bag of words only, raw counts: every switch of the block can be checked alone.
    private func rawCounts(_ change: (inout BagOfWordsOptions) -> Void = { _ in }) -> FeatureConfiguration {
        FeatureFixtures.configuration {
            $0.actorContext.enabled = false
            $0.bagOfWords.sublinearTermFrequency = false
            $0.bagOfWords.inverseDocumentFrequency = false
            $0.bagOfWords.l2Normalize = false
            $0.bagOfWords.scale = 1
            change(&$0.bagOfWords)
        }
    }

    private func row(_ sentence: String, _ configuration: FeatureConfiguration) -> [String: Double] {
        let example = FeatureExample(sentence: sentence, target: 0..<0)
        let featurizer = Featurizer.fit([example], configuration: configuration, lexicons: .empty)
        return FeatureFixtures.named(featurizer, featurizer.vector(for: example))
    }

    func testNegationScopeRunsToTheNextPunctuation() {
        let names = row(
            "Kyiv did not rule out talks, but never said no deal; Moscow didn't reply.",
            rawCounts { $0.bigrams = false })
        XCTAssertEqual(
            names,
            [
                "bow:kyiv": 1, "bow:did": 2, "bow:not": 1, "bow:not_rule": 1, "bow:not_out": 1, "bow:not_talks": 1,
                // A negation word inside a scope opens a new scope rather than being marked itself.
                "bow:but": 1, "bow:never": 1, "bow:not_said": 1, "bow:no": 1, "bow:not_deal": 1,
                "bow:moscow": 1, "bow:n't": 1, "bow:not_reply": 1,
            ])
    }

    func testQuoteMarksAndBracketsDoNotEndANegationScope() {
        let names = row("Nobody [had] \u{2018}rejected\u{2019} it.", rawCounts { $0.bigrams = false })
        XCTAssertEqual(names, ["bow:nobody": 1, "bow:not_had": 1, "bow:not_rejected": 1, "bow:not_it": 1])
    }

    func testNegationMarkingCanBeSwitchedOff() {
        let names = row(
            "They will not sign.",
            rawCounts {
                $0.bigrams = false
                $0.markNegation = false
            })
        XCTAssertEqual(names, ["bow:they": 1, "bow:will": 1, "bow:not": 1, "bow:sign": 1])
    }

    func testBigramsJoinNeighboursButNotAcrossPunctuation() {
        let names = row(
            "Talks resumed; envoys met \u{2014} briefly.",
            rawCounts {
                $0.unigrams = false
                $0.bigrams = true
            })
        XCTAssertEqual(names, ["bow:talks resumed": 1, "bow:envoys met": 1])
        let negated = row(
            "No ceasefire yet.",
            rawCounts {
                $0.unigrams = false
                $0.bigrams = true
            })
        XCTAssertEqual(negated, ["bow:no not_ceasefire": 1, "bow:not_ceasefire not_yet": 1])
    }

    func testPossessivesAndCurlyQuotesAreNormalised() {
        let names = row("\u{201C}Hamas\u{2019}s offer,\u{201D} the U.S. envoy said.", rawCounts { $0.bigrams = false })
        XCTAssertEqual(
            names,
            [
                "bow:hamas": 1, "bow:'s": 1, "bow:offer": 1, "bow:the": 1, "bow:u.s.": 1,
                "bow:envoy": 1, "bow:said": 1,
            ])
    }

    func testSublinearTermFrequencyInverseDocumentFrequencyAndNorm() {
        let examples = [
            FeatureExample(sentence: "Talks, talks and a truce.", target: 0..<0),
            FeatureExample(sentence: "A truce.", target: 0..<0),
        ]
        let configuration = FeatureFixtures.configuration {
            $0.actorContext.enabled = false
            $0.bagOfWords.bigrams = false
        }
        let featurizer = Featurizer.fit(examples, configuration: configuration, lexicons: .empty)
        let names = FeatureFixtures.named(featurizer, featurizer.vector(for: examples[0]))
        // N = 2; df(talks) = df(and) = 1, df(a) = df(truce) = 2; idf = ln((1 + N) / (1 + df)) + 1.
        let rareIDF = log(3.0 / 2.0) + 1
        let talks = (1 + log(2.0)) * rareIDF
        let and = 1 * rareIDF
        let common = 1.0
        // The unit-length block is then multiplied by the default block scale, 2.
        let norm = (talks * talks + and * and + 2 * common * common).squareRoot() / 2
        XCTAssertEqual(Set(names.keys), ["bow:talks", "bow:and", "bow:a", "bow:truce"])
        XCTAssertEqual(names["bow:talks"] ?? 0, talks / norm, accuracy: 1e-12)
        XCTAssertEqual(names["bow:and"] ?? 0, and / norm, accuracy: 1e-12)
        XCTAssertEqual(names["bow:a"] ?? 0, common / norm, accuracy: 1e-12)
        XCTAssertEqual(names["bow:truce"] ?? 0, common / norm, accuracy: 1e-12)
        let bag = featurizer.vector(for: examples[0])
        XCTAssertEqual(bag.norm, 2, accuracy: 1e-12)
        // The second sentence has only common terms: equal weights 2/√2.
        let second = FeatureFixtures.named(featurizer, featurizer.vector(for: examples[1]))
        XCTAssertEqual(second["bow:a"] ?? 0, 2 / 2.0.squareRoot(), accuracy: 1e-12)
    }

    func testEachWeightingStepCanBeSwitchedOff() {
        let sentence = "Talks, talks and a truce."
        XCTAssertEqual(
            row(sentence, rawCounts { $0.bigrams = false }),
            ["bow:talks": 2, "bow:and": 1, "bow:a": 1, "bow:truce": 1])
        let sublinear = row(
            sentence,
            rawCounts {
                $0.bigrams = false
                $0.sublinearTermFrequency = true
            })
        XCTAssertEqual(sublinear["bow:talks"] ?? 0, 1 + log(2.0), accuracy: 1e-12)
        let normalised = row(
            sentence,
            rawCounts {
                $0.bigrams = false
                $0.l2Normalize = true
            })
        XCTAssertEqual(normalised["bow:talks"] ?? 0, 2 / 7.0.squareRoot(), accuracy: 1e-12)
        let scaled = row(
            sentence,
            rawCounts {
                $0.bigrams = false
                $0.l2Normalize = true
                $0.scale = 3
            })
        XCTAssertEqual(scaled["bow:talks"] ?? 0, 3 * 2 / 7.0.squareRoot(), accuracy: 1e-12)
        let scaledRaw = row(
            sentence,
            rawCounts {
                $0.bigrams = false
                $0.scale = 0.5
            })
        XCTAssertEqual(scaledRaw["bow:talks"] ?? 0, 1, accuracy: 1e-12)
    }

    func testMinimumDocumentFrequencyCountsTrainingExamples() {
        let examples = ["Strike talks resumed.", "Strike talks stalled.", "Port strike ended."].map {
            FeatureExample(sentence: $0, target: 0..<0)
        }
        let configuration = rawCounts {
            $0.minimumDocumentFrequency = 2
            $0.bigrams = true
        }
        let featurizer = Featurizer.fit(examples, configuration: configuration, lexicons: .empty)
        XCTAssertEqual(featurizer.vocabulary.terms, ["bow:strike", "bow:strike talks", "bow:talks"])
        XCTAssertEqual(featurizer.vocabulary.documentFrequencies, [3, 2, 2])
        XCTAssertEqual(featurizer.vocabulary.documentCount, 3)
        // Unseen and rare terms are dropped at transform time.
        let names = FeatureFixtures.named(
            featurizer,
            featurizer.vector(
                for: FeatureExample(
                    sentence: "Strike talks collapsed again.", target: 0..<0)))
        XCTAssertEqual(names, ["bow:strike": 1, "bow:strike talks": 1, "bow:talks": 1])
    }

    func testDisabledBlockYieldsNoBagOfWordsFeatures() {
        let example = FeatureFixtures.example("Putin rejected the plan.", target: "Putin")
        let configuration = FeatureFixtures.configuration { $0.bagOfWords.enabled = false }
        let featurizer = Featurizer.fit([example], configuration: configuration, lexicons: FeatureFixtures.lexicons)
        XCTAssertFalse(featurizer.vocabulary.terms.contains { $0.hasPrefix("bow:") })
        XCTAssertEqual(featurizer.prepare(example.sentence).bagOfWords, SparseVector())
        XCTAssertFalse(featurizer.vector(for: example).isEmpty)
    }
}
