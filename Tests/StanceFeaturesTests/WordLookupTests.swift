import XCTest

@testable import StanceFeatures

/// The word tables behind every token lookup, and the shared lookup that serves both models.
final class WordLookupTests: XCTestCase {
    /// The row as prediction scores it: the sentence's bag of words, then the mention block
    /// from the stack buffer. Equal to the built (merged, column-sorted) row only because every
    /// bag-of-words column precedes every mention column.
    private func streamedRow(_ featurizer: Featurizer, _ prepared: PreparedSentence, _ example: FeatureExample) -> SparseVector {
        featurizer.withContextEntries(for: prepared, target: example.target, otherActors: example.otherActors) { packed in
            SparseVector(
                indices: prepared.bagOfWords.indices + packed.map { Int32(truncatingIfNeeded: $0 >> 32) },
                values: prepared.bagOfWords.values + packed.map { Double(UInt32(truncatingIfNeeded: $0)) })
        }
    }

    /// Keys around the sixteen bytes kept inside a slot, and keys that share those bytes.
    func testTokenTableFindsKeysOfEveryLengthAndNothingElse() {
        var keys: [String] = [""]
        for length in 1...40 { keys.append(String(repeating: "a", count: length - 1) + "b") }
        keys += ["sixteen-bytes-ab", "sixteen-bytes-abc", "sixteen-bytes-abd", "café", "über-long-compound-word", "ü"]
        var dictionary: [String: Int] = [:]
        for (index, key) in keys.enumerated() { dictionary[key] = index }
        let built = TokenTable(dictionary)
        var inserted = TokenTable<Int>([:])
        for (index, key) in keys.enumerated() { XCTAssertEqual(inserted.insert(key, index), index) }
        for (index, key) in keys.enumerated() {
            XCTAssertEqual(built.value(for: key), index, key)
            XCTAssertEqual(inserted.value(for: key), index, key)
            XCTAssertEqual(inserted.entryIndex(of: key), index, key)
        }
        // Same first sixteen bytes or same length, yet different keys; and prefixes and extensions.
        let absent = [
            "sixteen-bytes-abe", "sixteen-bytes-ab ", "sixteen-bytes-a", "a", "aac", "ab ", "c", "bb",
            String(repeating: "a", count: 30) + "c", "cafe", "über-long-compound-wore", "\u{0}",
        ]
        for key in absent {
            XCTAssertNil(built.value(for: key), key)
            XCTAssertNil(inserted.value(for: key), key)
        }
    }

    /// Each featurizer's entry through the shared lookup equals its own lookup, for known
    /// words, words only one featurizer knows, and words neither knows.
    func testSharedLookupGivesEachFeaturizersOwnEntries() {
        let first = Featurizer.fit(
            [FeatureFixtures.example("Putin rejected the offer in Doha.", target: "Putin")],
            configuration: FeatureFixtures.configuration(), lexicons: FeatureFixtures.lexicons)
        let second = Featurizer.fit(
            [FeatureFixtures.example("Zelensky praised the mediators, who rejected nothing.", target: "Zelensky")],
            configuration: FeatureFixtures.configuration { $0.bagOfWords.bigrams = true }, lexicons: FeatureFixtures.lexicons)
        let shared = SharedWordLookup([first, second])
        XCTAssertEqual(shared.count, 2)
        let sentence = "Putin rejected talks, Zelensky's mediators praised unseenword and the offers in Doha."
        let tokens = Tokenizer().tokenize(sentence)
        let words = shared.words(of: tokens)
        XCTAssertEqual(words.count, 2)
        for (featurizer, entries) in zip([first, second], words) {
            XCTAssertEqual(entries.entries.count, tokens.count)
            for (token, entry) in zip(tokens, entries.entries) {
                let own = featurizer.engine.entry(token.text)
                XCTAssertEqual(entry.id, own.id, token.text)
                XCTAssertEqual(entry.stem, own.stem, token.text)
                XCTAssertEqual(entry.flags, own.flags, token.text)
            }
            let example = FeatureFixtures.example(sentence, target: "Putin", others: ["Zelensky"])
            let viaShared = featurizer.prepare(tokens: tokens, sentenceStart: 0, words: entries)
            let direct = featurizer.prepare(tokens: tokens, sentenceStart: 0)
            XCTAssertEqual(
                featurizer.vector(for: viaShared, target: example.target, otherActors: example.otherActors),
                featurizer.vector(for: direct, target: example.target, otherActors: example.otherActors))
        }
        // Entries from other tokens are not trusted: the featurizer looks the words up itself.
        let mismatched = first.prepare(tokens: Array(tokens.prefix(3)), sentenceStart: 0, words: words[0])
        XCTAssertEqual(mismatched.tokenCount, first.prepare(tokens: Array(tokens.prefix(3)), sentenceStart: 0).tokenCount)
    }

    /// The stack-built row is the row `vector(for:target:otherActors:)` returns.
    func testRowInStackMemoryEqualsTheBuiltRow() {
        let featurizer = Featurizer.fit(
            [
                FeatureFixtures.example("Putin rejected the offer, but Zelensky said talks remain possible.", target: "Putin"),
                FeatureFixtures.example("Zelensky praised the mediators in Doha.", target: "Zelensky"),
            ],
            configuration: FeatureFixtures.configuration(), lexicons: FeatureFixtures.lexicons)
        for (sentence, target, others) in [
            ("Putin rejected the offer, but Zelensky said talks remain possible.", "Zelensky", ["Putin"]),
            ("Nothing here is in the vocabulary at all", "Nothing", []),
        ] {
            let example = FeatureFixtures.example(sentence, target: target, others: others)
            let prepared = featurizer.prepare(sentence)
            let built = featurizer.vector(for: prepared, target: example.target, otherActors: example.otherActors)
            XCTAssertEqual(streamedRow(featurizer, prepared, example), built, sentence)
        }
    }

    /// A row with more context entries than the stack buffer holds moves them to the heap and
    /// is still the built row.
    func testRowWithMoreContextThanTheStackBufferEqualsTheBuiltRow() {
        let words = (0..<900).map { "word\($0 / 26)\(Character(Unicode.Scalar(97 + $0 % 26)!))" }
        let sentence = "Putin said " + words.joined(separator: " ") + "."
        let featurizer = Featurizer.fit(
            [FeatureFixtures.example(sentence, target: "Putin"), FeatureFixtures.example(sentence, target: "Putin")],
            configuration: FeatureFixtures.configuration(), lexicons: FeatureFixtures.lexicons)
        let example = FeatureFixtures.example(sentence, target: "Putin")
        let prepared = featurizer.prepare(sentence)
        XCTAssertGreaterThan(
            featurizer.contextVector(for: prepared, target: example.target).indices.count, Featurizer.stackContextEntries)
        let built = featurizer.vector(for: prepared, target: example.target, otherActors: example.otherActors)
        XCTAssertEqual(streamedRow(featurizer, prepared, example), built)
    }

    /// Unigram columns from the dense per-word array are the key table's columns, negated or not.
    func testDenseUnigramColumnsMatchTheKeyTable() {
        let sentences = ["Putin did not reject the offer, Zelensky said.", "Talks did not reject talks in Doha."]
        let featurizer = Featurizer.fit(
            [
                FeatureFixtures.example(sentences[0], target: "Putin"),
                FeatureFixtures.example(sentences[1], target: "Doha"),
            ],
            configuration: FeatureFixtures.configuration { $0.bagOfWords.bigrams = true }, lexicons: FeatureFixtures.lexicons)
        let engine = featurizer.engine
        for sentence in sentences + ["Nobody here is known, not one word."] {
            let prepared = featurizer.prepare(sentence)
            let expected = Set(
                BagOfWordsVectorizer.keyCounts(prepared.tokens, options: engine.bagOfWords).map { engine.features.value(for: $0.key) }
                    .filter { $0 >= 0 })
            XCTAssertEqual(Set(prepared.bagOfWords.indices), expected, sentence)
            XCTAssertFalse(expected.isEmpty && sentence != "Nobody here is known, not one word.", sentence)
        }
        XCTAssertTrue(engine.unigramColumns.contains { $0 >= 0 })
    }
}
