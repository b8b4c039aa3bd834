import Foundation

/// One (sentence, actor mention) pair to turn into a feature row.
public struct FeatureExample: Sendable, Equatable {
    /// The sentence text.
    package var sentence: String
    /// The mention, as Unicode scalar offsets within `sentence`.
    package var target: Range<Int>
    /// Other actors' mentions in the sentence, as Unicode scalar offsets within `sentence`.
    /// It may include `target` itself (the target wins), so callers can pass one list of
    /// all mentions of the sentence for each of them.
    package var otherActors: [Range<Int>]

    /// Creates an example.
    public init(sentence: String, target: Range<Int>, otherActors: [Range<Int>] = []) {
        self.sentence = sentence
        self.target = target
        self.otherActors = otherActors
    }
}

/// Turns (sentence, mention) pairs into sparse rows: the sentence's bag of words plus the
/// mention's context, over one vocabulary learned by `fit`.
///
/// Stored inside the model file (configuration, lexicons and vocabulary; the lookup
/// tables are rebuilt on decoding), so predicting builds exactly the columns training
/// saw. Terms unseen at fit time are dropped.
public struct Featurizer: Codable, Equatable, Sendable {
    /// The switches and parameters the features were built with.
    package let configuration: FeatureConfiguration
    /// The cue-phrase lists the lexicon counts use.
    package let lexicons: Lexicons
    /// The columns: feature names with their training document frequencies.
    package let vocabulary: Vocabulary
    /// The lookup tables; `SharedWordLookup` reads the word table too.
    let engine: FeatureEngine

    /// Number of columns.
    package var dimension: Int { vocabulary.count }

    private init(configuration: FeatureConfiguration, lexicons: Lexicons, vocabulary: Vocabulary, engine: FeatureEngine) {
        self.configuration = configuration
        self.lexicons = lexicons
        self.vocabulary = vocabulary
        self.engine = engine
    }

    /// Learns the vocabulary (and idf) from training examples.
    ///
    /// A feature is kept when it occurs in at least the block's minimum document frequency
    /// of examples (each example counts once per feature, so a sentence with three actors
    /// counts three times for its words).
    public static func fit(
        _ examples: [FeatureExample], configuration: FeatureConfiguration = .default, lexicons: Lexicons
    ) -> Featurizer {
        // A model whose features ignore word valences does not store them.
        let lexicons = (configuration.actorContext.valence ? lexicons : lexicons.withoutValence)
            .keepingWordClusters(for: configuration.actorContext)
        let tokenizer = Tokenizer()
        var tokensBySentence: [String: [Token]] = [:]
        var words = Set<String>()
        for example in examples where tokensBySentence[example.sentence] == nil {
            let tokens = tokenizer.tokenize(example.sentence)
            tokensBySentence[example.sentence] = tokens
            for token in tokens { words.insert(token.text) }
        }
        // An engine with every training word and no vocabulary yields raw keys.
        let collector = FeatureEngine(
            configuration: configuration, lexicons: lexicons, terms: [], documentFrequencies: [], documentCount: 0,
            extraWords: words.sorted())
        var frequencies: [UInt64: Int] = [:]
        do {  // scoped so the sentence cache is freed before the vocabulary is built
            var prepared: [String: PreparedSentence] = [:]
            var contextFeatures = FeatureKeyCollector()
            var exampleKeys: [UInt64] = []
            for example in examples {
                let sentence: PreparedSentence
                if let cached = prepared[example.sentence] {
                    sentence = cached
                } else {
                    sentence = collector.prepare(tokens: tokensBySentence[example.sentence] ?? [], offset: 0, collectKeys: true)
                    prepared[example.sentence] = sentence
                }
                contextFeatures.keys.removeAll(keepingCapacity: true)
                ActorContextVectorizer.appendFeatures(
                    sentence, target: example.target, otherActors: example.otherActors,
                    engine: collector, into: &contextFeatures)
                exampleKeys.removeAll(keepingCapacity: true)
                exampleKeys.append(contentsOf: sentence.bagOfWordsKeys.map(\.key))
                exampleKeys.append(contentsOf: contextFeatures.keys)
                for key in Set(exampleKeys) { frequencies[key, default: 0] += 1 }
            }
        }
        let minimumBagOfWords = max(1, configuration.bagOfWords.minimumDocumentFrequency)
        let minimumContext = max(1, configuration.actorContext.minimumDocumentFrequency)
        var named: [String: Int] = [:]
        for (key, frequency) in frequencies {
            let minimum = FeatureKey.isBagOfWords(key) ? minimumBagOfWords : minimumContext
            // Distinct keys never share a name; `max` keeps the result independent of
            // dictionary order even if one did.
            guard frequency >= minimum else { continue }
            let name = collector.name(for: key)
            named[name] = max(named[name] ?? 0, frequency)
        }
        let vocabulary = Vocabulary(frequencies: named, documentCount: examples.count)
        return Featurizer(configuration: configuration, lexicons: lexicons, vocabulary: vocabulary)
    }

    /// Builds the tables for a vocabulary that `fit` made, so every term is known.
    private init(configuration: FeatureConfiguration, lexicons: Lexicons, vocabulary: Vocabulary) {
        let engine = FeatureEngine(
            configuration: configuration, lexicons: lexicons, terms: vocabulary.terms,
            documentFrequencies: vocabulary.documentFrequencies, documentCount: vocabulary.documentCount,
            extraWords: [])
        self.init(configuration: configuration, lexicons: lexicons, vocabulary: vocabulary, engine: engine)
    }

    // MARK: - Rows

    /// Analyses a sentence once, for `vector(for:target:otherActors:)` on each of its mentions.
    package func prepare(_ sentence: String) -> PreparedSentence {
        engine.prepare(tokens: engine.tokenizer.tokenize(sentence), offset: 0, collectKeys: false)
    }

    /// Analyses the sentence `scalars[range]` of an article decoded once; offsets of the
    /// prepared sentence (and of the mentions passed later) are relative to `range.lowerBound`.
    package func prepare(_ scalars: [Unicode.Scalar], in range: Range<Int>) -> PreparedSentence {
        engine.prepare(tokens: engine.tokenizer.tokenize(scalars, in: range), offset: range.lowerBound, collectKeys: false)
    }

    /// Analyses a sentence whose tokens the caller already has (the mention detector needs
    /// them too); `sentenceStart` is subtracted from token ranges, as for `prepare(_:in:)`.
    package func prepare(tokens: [Token], sentenceStart: Int) -> PreparedSentence {
        engine.prepare(tokens: tokens, offset: sentenceStart, collectKeys: false)
    }

    /// `prepare(tokens:sentenceStart:)` with the tokens' word entries already looked up (by a
    /// `SharedWordLookup` that includes this featurizer); `words` must come from the same `tokens`.
    package func prepare(tokens: [Token], sentenceStart: Int, words: TokenWords) -> PreparedSentence {
        guard words.entries.count == tokens.count else { return prepare(tokens: tokens, sentenceStart: sentenceStart) }
        return engine.prepare(tokens: tokens, offset: sentenceStart, collectKeys: false, words: words.entries)
    }

    /// The row of one mention of a prepared sentence; ranges are scalar offsets within the
    /// sentence, and `otherActors` may include `target` (pass all of the sentence's mentions).
    package func vector(for sentence: PreparedSentence, target: Range<Int>, otherActors: [Range<Int>] = []) -> SparseVector {
        let context = contextEntries(for: sentence, target: target, otherActors: otherActors)
        let bag = sentence.bagOfWords
        if context.isEmpty { return bag }
        let total = bag.count + context.count
        var values: [Double] = []
        let indices = [Int32](unsafeUninitializedCapacity: total) { outIndices, indexCount in
            values = [Double](unsafeUninitializedCapacity: total) { outValues, valueCount in
                valueCount = context.withUnsafeBufferPointer {
                    Self.merge(bag: bag, context: $0, indices: outIndices, values: outValues)
                }
            }
            indexCount = values.count
        }
        return SparseVector(indices: indices, values: values)
    }

    /// Most context entries of one row kept on the stack; a row with more (a very long
    /// sentence) moves them to the heap.
    static let stackContextEntries = 512

    /// Calls `body` with the mention block as `column << 32 | value`, sorted by column, one
    /// entry per column (`contextEntries(for:target:otherActors:)`), built in stack memory: a
    /// fresh array per row and model cost an allocation and a uniqueness check per feature.
    @inline(__always)
    package func withContextEntries<Result>(
        for sentence: PreparedSentence, target: Range<Int>, otherActors: [Range<Int>],
        _ body: (UnsafeBufferPointer<UInt64>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.stackContextEntries) { buffer in
            var collector = FeatureColumnBuffer(table: engine.features, buffer: buffer)
            ActorContextVectorizer.appendFeatures(
                sentence, target: target, otherActors: otherActors, engine: engine, into: &collector)
            if var overflow = collector.overflow {
                return overflow.withUnsafeMutableBufferPointer { body(UnsafeBufferPointer(Self.sortedUnique($0))) }
            }
            return body(UnsafeBufferPointer(Self.sortedUnique(UnsafeMutableBufferPointer(rebasing: buffer[0..<collector.count]))))
        }
    }

    /// Sorts packed entries and keeps the last (largest) entry of each column, in place;
    /// returns the kept prefix.
    @inline(__always)
    private static func sortedUnique(_ packed: UnsafeMutableBufferPointer<UInt64>) -> UnsafeMutableBufferPointer<UInt64> {
        if packed.count < 2 { return packed }
        InPlaceSort.sort(packed)
        // A word may fill one slot twice (a clause word repeated): after sorting, the
        // largest value of a column comes last, so keep the last entry of each column.
        var write = 0
        for read in 0..<packed.count {
            if read + 1 < packed.count && packed[read] >> 32 == packed[read + 1] >> 32 { continue }
            packed[write] = packed[read]
            write += 1
        }
        return UnsafeMutableBufferPointer(rebasing: packed[0..<write])
    }

    /// Merges the sorted bag-of-words block and the sorted packed context block (the blocks
    /// never share a column) into `indices` and `values`; returns the entry count.
    @inline(__always)
    private static func merge(
        bag: SparseVector, context: UnsafeBufferPointer<UInt64>, indices outIndices: UnsafeMutableBufferPointer<Int32>,
        values outValues: UnsafeMutableBufferPointer<Double>
    ) -> Int {
        bag.indices.withUnsafeBufferPointer { bagIndices in
            bag.values.withUnsafeBufferPointer { bagValues in
                var left = 0
                var write = 0
                for packed in context {
                    let column = Int32(truncatingIfNeeded: packed >> 32)
                    while left < bagIndices.count && bagIndices[left] < column {
                        outIndices[write] = bagIndices[left]
                        outValues[write] = bagValues[left]
                        left += 1
                        write += 1
                    }
                    outIndices[write] = column
                    outValues[write] = Double(UInt32(truncatingIfNeeded: packed))
                    write += 1
                }
                while left < bagIndices.count {
                    outIndices[write] = bagIndices[left]
                    outValues[write] = bagValues[left]
                    left += 1
                    write += 1
                }
                return write
            }
        }
    }

    /// The row of one example: its sentence's bag of words plus its mention's context.
    public func vector(for example: FeatureExample) -> SparseVector {
        vector(for: prepare(example.sentence), target: example.target, otherActors: example.otherActors)
    }

    /// The mention block alone (no bag of words); indicator features are 1, lexicon counts are counts.
    package func contextVector(for sentence: PreparedSentence, target: Range<Int>, otherActors: [Range<Int>] = [])
        -> SparseVector
    {
        let context = contextEntries(for: sentence, target: target, otherActors: otherActors)
        return SparseVector(
            indices: context.map { Int32(truncatingIfNeeded: $0 >> 32) },
            values: context.map { Double(UInt32(truncatingIfNeeded: $0)) })
    }

    /// The mention block as `column << 32 | value`, sorted by column, one entry per column.
    ///
    /// Context values are small whole numbers (indicators and lexicon counts), so packing
    /// them with the column lets one integer sort order the row.
    private func contextEntries(for sentence: PreparedSentence, target: Range<Int>, otherActors: [Range<Int>])
        -> [UInt64]
    {
        withContextEntries(for: sentence, target: target, otherActors: otherActors) { Array($0) }
    }

    /// The readable name of a column: `bow:talks`, `bow:not_reject`, `ctx:L1:temper`,
    /// `clause:refus`, `quote:speaker`, `subj`, `lex:hardline`; `?` outside the vocabulary.
    package func featureName(_ index: Int) -> String {
        index >= 0 && index < vocabulary.count ? vocabulary.terms[index] : "?"
    }

    /// The column of a feature name, or nil when the vocabulary lacks it.
    package func featureIndex(named name: String) -> Int? { vocabulary.index(of: name) }

    /// A row as name/value pairs in column order, for explanations and tests.
    package func describe(_ vector: SparseVector) -> [(name: String, value: Double)] {
        zip(vector.indices, vector.values).map { (featureName(Int($0.0)), $0.1) }
    }

    // MARK: - Codable and Equatable

    private enum CodingKeys: String, CodingKey { case configuration, lexicons, vocabulary }

    /// Encodes configuration, lexicons and vocabulary; arrays only, so the bytes are deterministic.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(configuration, forKey: .configuration)
        try container.encode(lexicons, forKey: .lexicons)
        try container.encode(vocabulary, forKey: .vocabulary)
    }

    /// Decodes a featurizer and rebuilds its tables.
    /// - Throws: `DecodingError.dataCorrupted` naming a vocabulary term that this version
    ///   does not build (a model from another version: retrain it).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let configuration = try container.decode(FeatureConfiguration.self, forKey: .configuration)
        let lexicons = try container.decode(Lexicons.self, forKey: .lexicons)
        let vocabulary = try container.decode(Vocabulary.self, forKey: .vocabulary)
        let engine = FeatureEngine(
            configuration: configuration, lexicons: lexicons, terms: vocabulary.terms,
            documentFrequencies: vocabulary.documentFrequencies, documentCount: vocabulary.documentCount,
            extraWords: [])
        if let unknown = engine.firstUnknownTerm {
            throw DecodingError.dataCorruptedError(
                forKey: .vocabulary, in: container,
                debugDescription: "vocabulary term \(unknown.index) \"\(unknown.term)\" is not a feature this version "
                    + "builds; retrain the model with this version of stance-train")
        }
        self.init(configuration: configuration, lexicons: lexicons, vocabulary: vocabulary, engine: engine)
    }

    /// Featurizers are equal when they build the same rows: same configuration, lexicons and vocabulary.
    public static func == (left: Featurizer, right: Featurizer) -> Bool {
        left.configuration == right.configuration && left.lexicons == right.lexicons
            && left.vocabulary == right.vocabulary
    }
}
