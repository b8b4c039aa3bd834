import Foundation

/// The lookup tables a `Featurizer` derives from its configuration, lexicons and
/// vocabulary: word ids, feature keys to columns, idf weights and the lexicon trie.
///
/// Immutable after construction, so one instance is shared by every copy of a
/// featurizer and across threads.
final class FeatureEngine: Sendable {
    /// A word's id, its stem's id, and its class flags.
    struct WordEntry: Sendable {
        var id: Int32
        var stem: Int32
        var flags: WordFlags
    }

    /// The first vocabulary term that no template makes (a model from another version), if any.
    let firstUnknownTerm: (index: Int, term: String)?

    let configuration: FeatureConfiguration
    /// `configuration.actorContext`, and the bag-of-words switches, read once per row.
    let actorContext: ActorContextOptions
    let bagOfWords: BagOfWordsOptions
    let words: TokenTable<WordEntry>
    let wordTexts: [String]
    let targetWord: Int32
    let actorWord: Int32
    let features: FeatureKeyTable
    /// The column of each word's unigram, at `2 × word id`, and of its negated unigram at
    /// `2 × word id + 1` (-1 outside the vocabulary): a dense array the bag of words indexes
    /// instead of probing the multi-megabyte key table for every word of every sentence.
    let unigramColumns: [Int32]
    let inverseDocumentFrequency: [Double]
    let lexicon: LexiconMatcher
    /// Word ids the target-relative features test for.
    let relativeWords: RelativeWords
    /// Distance bucket of each distance 0...windowSize (index 0 unused).
    let bucketOfDistance: [UInt8]
    let bucketLabels: [String]
    let windowSize: Int
    /// Rated valence in tenths by word id (see `Lexicons.valence`); empty when the valence features are off.
    let valenceOfWord: [Int8]
    /// Cluster id by word id (see `ActorContextVectorizer+Clusters`); empty when the cluster features are off.
    let wordClusterIDs: [Int32]
    /// The cluster features' scopes as `WordClusterScope` bits; 0 when they are off.
    let wordClusterScopeMask: UInt8
    let tokenizer = Tokenizer()

    /// Builds tables for `terms` (a sorted vocabulary); `extraWords` are added to the word
    /// table so that fitting can key every training word before the vocabulary exists.
    /// A term that no template produces is left unused and reported in `firstUnknownTerm`.
    init(
        configuration: FeatureConfiguration, lexicons: Lexicons, terms: [String], documentFrequencies: [Int],
        documentCount: Int, extraWords: [String]
    ) {
        self.configuration = configuration
        actorContext = configuration.actorContext
        bagOfWords = configuration.bagOfWords
        let buckets = FeatureEngine.sanitizedBuckets(configuration.actorContext.distanceBuckets)
        var labelOptions = configuration.actorContext
        labelOptions.distanceBuckets = buckets
        bucketLabels = labelOptions.bucketLabels
        windowSize = buckets.last ?? 0
        var bucketOfDistance = [UInt8](repeating: 0, count: windowSize + 1)
        var bucket = 0
        for distance in 1...max(1, windowSize) where distance <= windowSize {
            while buckets[bucket] < distance { bucket += 1 }
            bucketOfDistance[distance] = UInt8(bucket)
        }
        self.bucketOfDistance = bucketOfDistance

        var builder = WordTableBuilder(
            negators: Set(configuration.bagOfWords.negationWords),
            clauseBoundaries: Set(configuration.actorContext.clauseBoundaries))
        targetWord = builder.intern("<target>")
        actorWord = builder.intern("<actor>")
        for word in WordClasses.listedWords { builder.intern(word) }
        for word in configuration.bagOfWords.negationWords { builder.intern(word) }
        for word in configuration.actorContext.clauseBoundaries { builder.intern(word) }
        for word in RelativeWords.listedWords { builder.intern(word) }
        for word in extraWords { builder.intern(word) }
        for word in FeatureEngine.clusterWords(configuration, lexicons) { builder.intern(word) }
        // Rated words get ids in every table, so prediction finds them without a vocabulary entry.
        let useValence = configuration.actorContext.enabled && configuration.actorContext.valence
        let valenceWords = useValence ? lexicons.valence.keys.sorted() : []
        var valenceIDs: [(id: Int32, tenths: Int8)] = []
        for word in valenceWords {
            let tenths = ((lexicons.valence[word] ?? 0) * 10).rounded()
            valenceIDs.append((builder.intern(word), Int8(max(-127, min(127, tenths)))))
        }

        // Lexicon phrases by stem id.
        var phrases: [(stems: [Int32], category: UInt8)] = []
        for (categoryIndex, category) in Lexicons.Category.allCases.enumerated() {
            for phrase in lexicons[category] {
                let stems = LexiconMatcher.stems(of: phrase, tokenizer: tokenizer)
                phrases.append((stems.map { builder.intern($0) }, UInt8(categoryIndex)))
            }
        }

        // Vocabulary terms to keys.
        var labelIndex: [String: Int] = [:]
        for (index, label) in bucketLabels.enumerated() { labelIndex[label] = index }
        var pairs: [(key: UInt64, value: Int32)] = []
        pairs.reserveCapacity(terms.count)
        var idf = [Double](repeating: 1, count: terms.count)
        let useIDF = configuration.bagOfWords.inverseDocumentFrequency
        var firstUnknownTerm: (index: Int, term: String)? = nil
        for (index, term) in terms.enumerated() {
            guard let key = FeatureEngine.parse(term, labels: labelIndex, words: &builder) else {
                if firstUnknownTerm == nil { firstUnknownTerm = (index, term) }
                continue
            }
            pairs.append((key, Int32(index)))
            if useIDF && FeatureKey.isBagOfWords(key) && index < documentFrequencies.count {
                // Smoothed idf, as scikit-learn's TfidfTransformer(smooth_idf=True).
                idf[index] = log(Double(1 + documentCount) / Double(1 + documentFrequencies[index])) + 1
            }
        }
        features = FeatureKeyTable(pairs)
        inverseDocumentFrequency = idf
        self.firstUnknownTerm = firstUnknownTerm

        let table = builder.finish()
        var valenceOfWord: [Int8] = useValence ? [Int8](repeating: 0, count: table.texts.count) : []
        for entry in valenceIDs where Int(entry.id) < valenceOfWord.count { valenceOfWord[Int(entry.id)] = entry.tenths }
        self.valenceOfWord = valenceOfWord
        wordClusterIDs = FeatureEngine.clusterTable(configuration, lexicons, words: table.words, wordCount: table.texts.count)
        wordClusterScopeMask = WordClusterScope.mask(configuration.actorContext)
        var unigramColumns = [Int32](repeating: -1, count: 2 * table.texts.count)
        for id in 0..<table.texts.count {
            for negated in [false, true] {
                unigramColumns[2 * id + (negated ? 1 : 0)] = features.value(
                    for: FeatureKey.make(FeatureKey.bowUnigram, Int32(truncatingIfNeeded: id), negated: negated))
            }
        }
        self.unigramColumns = unigramColumns
        words = table.words
        relativeWords = RelativeWords(words)
        wordTexts = table.texts
        lexicon = LexiconMatcher(phrases: phrases)
    }

    /// Distance buckets made valid: positive, strictly increasing, at most the key's 16.
    static func sanitizedBuckets(_ buckets: [Int]) -> [Int] {
        let cleaned = Array(Set(buckets.filter { $0 >= 1 })).sorted()
        return Array(cleaned.prefix(ActorContextOptions.maximumBucketCount))
    }

    // MARK: - Names

    /// The readable name of a key.
    func name(for key: UInt64) -> String {
        let template = FeatureKey.template(key)
        let flags = FeatureKey.flags(key)
        func word(_ id: Int32, negated: Bool) -> String {
            let text = id >= 0 && Int(id) < wordTexts.count ? wordTexts[Int(id)] : "?"
            return negated ? FeatureKey.negationPrefix + text : text
        }
        let first = word(FeatureKey.first(key), negated: flags & 1 != 0)
        switch template {
        case FeatureKey.bowUnigram: return "bow:" + first
        case FeatureKey.bowBigram: return "bow:" + first + " " + word(FeatureKey.second(key), negated: flags & 2 != 0)
        case FeatureKey.clauseWord: return "clause:" + first
        case FeatureKey.quoteWord: return "quote:w:" + first
        case FeatureKey.fixed: return FixedFeature(rawValue: Int(FeatureKey.first(key)))?.name ?? "?"
        case FeatureKey.segmentWord: return "rel:w:" + first
        case FeatureKey.relativeFixed: return RelativeFeature(rawValue: Int(FeatureKey.first(key)))?.name ?? "?"
        case FeatureKey.targetWord: return "tgt:" + first
        case FeatureKey.valenceFixed: return ValenceFeature(rawValue: Int(FeatureKey.first(key)))?.name ?? "?"
        case FeatureKey.clusterWord: return clusterName(key)
        default:
            let slot = Int(template) - Int(FeatureKey.windowBase)
            let side = slot / 16 == 0 ? "L" : "R"
            let bucket = slot % 16
            let label = bucket < bucketLabels.count ? bucketLabels[bucket] : "?"
            return "ctx:" + side + label + ":" + first
        }
    }

    // MARK: - Words

    /// The entry of a token text; unseen words get id -1 and, if their stem is known, its id.
    @inline(__always)
    func entry(_ text: String) -> WordEntry {
        if let entry = words.value(for: text) { return entry }
        let stemText = LightStemmer.stem(text)
        var flags: WordFlags = []
        if WordClasses.looksPast(text) { flags.insert(.pastForm) }
        if let stem = words.value(for: stemText) {
            // A known stem carries the verb-stem flag computed when the table was built.
            if stem.flags.contains(.verbStem) { flags.insert(.verbStem) }
            return WordEntry(id: -1, stem: stem.id, flags: flags)
        }
        return WordEntry(id: -1, stem: -1, flags: flags)
    }
}

/// Accumulates the word table: ids in first-seen order, stems and flags per word.
struct WordTableBuilder {
    /// The words with their entries; entry `i` is `texts[i]`.
    private(set) var table = TokenTable<FeatureEngine.WordEntry>([:])
    private(set) var texts: [String] = []
    /// Entries (indices into `texts`) whose stem is not yet interned.
    private var pendingStems: [Int] = []
    /// The flags of the listed words (word classes, negators, clause boundaries).
    private let listed: TokenTable<WordFlags>

    init(negators: Set<String>, clauseBoundaries: Set<String>) {
        listed = TokenTable(WordClasses.listedFlags(negators: negators, clauseBoundaries: clauseBoundaries))
    }

    /// The id of `text`, adding it (and later its stem) when new.
    @discardableResult
    mutating func intern(_ text: String) -> Int32 {
        if let entry = table.entryIndex(of: text) { return table[entry: entry].id }
        let id = Int32(min(texts.count, Int(FeatureKey.maximumWordID)))
        let entry = table.insert(text, FeatureEngine.WordEntry(id: id, stem: -1, flags: WordClasses.ownFlags(text, listed: listed)))
        texts.append(text)
        pendingStems.append(entry)
        return id
    }

    /// The id of the word whose UTF-8 bytes are `bytes` (valid UTF-8), as `intern` gives it;
    /// a `String` is made only for a new word (most vocabulary terms repeat known words).
    mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let entry = table.entryIndex(ofBytes: bytes) { return table[entry: entry].id }
        return intern(String(decoding: bytes, as: UTF8.self))
    }

    /// The finished table: every word's stem interned and its stem flags set.
    mutating func finish() -> (words: TokenTable<FeatureEngine.WordEntry>, texts: [String]) {
        while let entry = pendingStems.popLast() {
            let stemText = LightStemmer.stem(texts[entry])
            let stemID = intern(stemText)
            table[entry: entry].stem = stemID
            if WordClasses.verbStemTable.value(for: stemText) != nil { table[entry: entry].flags.insert(.verbStem) }
        }
        return (table, texts)
    }
}
