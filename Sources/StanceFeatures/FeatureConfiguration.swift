/// Every switch and parameter of the two feature blocks; stored in the model file so
/// predicting rebuilds exactly the features that training saw.
///
/// Decoding fills any missing key with its default, so a hand-written configuration
/// may name only what it changes.
public struct FeatureConfiguration: Codable, Equatable, Sendable {
    /// Sentence-level bag of words (`bow:` features).
    package var bagOfWords: BagOfWordsOptions
    /// Features of one actor mention in its sentence (`ctx:`, `clause:`, `quote:`, `subj`, `lex:`).
    package var actorContext: ActorContextOptions

    /// The configuration used when none is given.
    public static let `default` = FeatureConfiguration()

    /// Creates a configuration; every argument defaults to its documented default.
    package init(bagOfWords: BagOfWordsOptions = .init(), actorContext: ActorContextOptions = .init()) {
        self.bagOfWords = bagOfWords
        self.actorContext = actorContext
    }

    private enum CodingKeys: String, CodingKey { case bagOfWords, actorContext }

    /// Decodes a configuration, using defaults for missing blocks.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bagOfWords = try container.decodeIfPresent(BagOfWordsOptions.self, forKey: .bagOfWords) ?? .init()
        actorContext = try container.decodeIfPresent(ActorContextOptions.self, forKey: .actorContext) ?? .init()
    }
}

/// Options of the sentence bag of words: TF-IDF weighted unigrams and bigrams.
package struct BagOfWordsOptions: Codable, Equatable, Sendable {
    /// Whether the block is built at all. Default `true`.
    package var enabled: Bool
    /// Single-token features (`bow:rejected`). Default `true`.
    package var unigrams: Bool
    /// Adjacent-token features (`bow:ruled out`); they carry phrasal cues that single
    /// words miss ("ruled out", "open to"). Default `false`: the lexicons and the context
    /// block already carry those phrases, and sentence bigrams mostly memorise the training
    /// disputes. Turning them off raised stance 5-fold grouped CV macro-F1 (train+dev, λ 3)
    /// from 0.738 to 0.758 and NewsMTSC rw_dev / mt_dev (λ 30) from 0.686 / 0.573 to
    /// 0.688 / 0.577 (with the target-relative block on; tuner, Nov 2026).
    package var bigrams: Bool
    /// Prefix tokens after a negation word with `not_` up to the next punctuation mark
    /// (`did not rule out` → `not_rule`, `not_out`), the scope rule of Das & Chen (2001)
    /// and Pang et al. (2002). Default `true`: "rejected" and "not rejected" mean opposites.
    package var markNegation: Bool
    /// Words that open a negation scope, compared with lower-cased token text.
    /// Default `not`, `n't`, `never`, `no`, `cannot`, `nobody`, `neither`, `nor`, `without`
    /// ("nobody rejected the offer" does not reject it).
    package var negationWords: [String]
    /// Keep a term only if it occurs in at least this many training examples. Default 2:
    /// a term seen once cannot be weighted reliably and only inflates the model.
    package var minimumDocumentFrequency: Int
    /// Use `1 + ln(tf)` instead of the raw count, so a word repeated in a sentence does not
    /// dominate (Manning et al., *Introduction to Information Retrieval*, §6.4.1). Default `true`.
    package var sublinearTermFrequency: Bool
    /// Multiply by the smoothed inverse document frequency `ln((1 + N) / (1 + df)) + 1`
    /// (scikit-learn's `smooth_idf`), learned at fit time. Default `true`.
    package var inverseDocumentFrequency: Bool
    /// Scale the block to unit Euclidean length, so long sentences do not get larger
    /// scores. Default `true`.
    package var l2Normalize: Bool
    /// Multiplies the finished block, setting its weight against the context block, whose
    /// indicators are 1 each (an L2 penalty shrinks every column alike, so a block with
    /// larger values costs less to use). Default 2: the context block of a mention has
    /// dozens of unit indicators against this block's unit length, and doubling the sentence
    /// words' weight raised stance CV from 0.758 to 0.762 and rw_dev / mt_dev from
    /// 0.688 / 0.577 to 0.696 / 0.591 (0.5 lowered all three; 3 and 4 gained CV but lost
    /// stance dev).
    package var scale: Double

    /// Creates options; every argument defaults to its documented default.
    package init(
        enabled: Bool = true, unigrams: Bool = true, bigrams: Bool = false, markNegation: Bool = true,
        negationWords: [String] = BagOfWordsOptions.defaultNegationWords, minimumDocumentFrequency: Int = 2,
        sublinearTermFrequency: Bool = true, inverseDocumentFrequency: Bool = true, l2Normalize: Bool = true,
        scale: Double = 2
    ) {
        (self.enabled, self.unigrams, self.bigrams, self.markNegation) = (enabled, unigrams, bigrams, markNegation)
        (self.negationWords, self.minimumDocumentFrequency, self.sublinearTermFrequency, self.inverseDocumentFrequency) = (
            negationWords, minimumDocumentFrequency, sublinearTermFrequency, inverseDocumentFrequency
        )
        (self.l2Normalize, self.scale) = (l2Normalize, scale)
    }

    /// The default negation words; `n't` is the tokenizer's clitic of `didn't`, `won't`.
    package static let defaultNegationWords = ["not", "n't", "never", "no", "cannot", "nobody", "neither", "nor", "without"]

    private enum CodingKeys: String, CodingKey {
        case enabled, unigrams, bigrams, markNegation, negationWords, minimumDocumentFrequency
        case sublinearTermFrequency, inverseDocumentFrequency, l2Normalize, scale
    }

    /// The keys a configuration gives (synthesized decoding leaves missing ones nil).
    private struct Given: Decodable {
        var enabled, unigrams, bigrams, markNegation, sublinearTermFrequency, inverseDocumentFrequency, l2Normalize: Bool?
        var negationWords: [String]?
        var minimumDocumentFrequency: Int?
        var scale: Double?
    }

    /// Decodes options, using the default for every missing key.
    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let g = try Given(from: decoder), d = BagOfWordsOptions()
        self.init(
            enabled: g.enabled ?? d.enabled, unigrams: g.unigrams ?? d.unigrams, bigrams: g.bigrams ?? d.bigrams,
            markNegation: g.markNegation ?? d.markNegation, negationWords: g.negationWords ?? d.negationWords,
            minimumDocumentFrequency: g.minimumDocumentFrequency ?? d.minimumDocumentFrequency,
            sublinearTermFrequency: g.sublinearTermFrequency ?? d.sublinearTermFrequency,
            inverseDocumentFrequency: g.inverseDocumentFrequency ?? d.inverseDocumentFrequency,
            l2Normalize: g.l2Normalize ?? d.l2Normalize, scale: g.scale ?? d.scale)
        guard scale.isFinite, abs(scale) <= BagOfWordsOptions.maximumScale else {
            throw DecodingError.dataCorruptedError(
                forKey: .scale, in: c,
                debugDescription:
                    "scale \(scale) must be a number between -\(BagOfWordsOptions.maximumScale) and \(BagOfWordsOptions.maximumScale)")
        }
        guard minimumDocumentFrequency >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .minimumDocumentFrequency, in: c,
                debugDescription: "minimumDocumentFrequency \(minimumDocumentFrequency) must be 0 or more")
        }
    }

    /// Largest `scale` accepted on decoding: larger values could overflow the scores.
    package static let maximumScale = 1e3
}

/// Options of the actor context block: what surrounds one actor mention.
///
/// The mention becomes `<target>` and every other actor `<actor>`, so a weight learned
/// for "`<target>` rejected" in one dispute applies to every name in every other.
package struct ActorContextOptions: Codable, Equatable, Sendable {
    /// Whether the block is built at all. Default `true`.
    package var enabled: Bool
    /// Words left and right of the mention by side and distance bucket (`ctx:L1:temper`,
    /// `ctx:R3-4:talk`). Default `true`.
    package var window: Bool
    /// Upper bounds of the distance buckets, strictly increasing; the last is the window
    /// size. Default `[1, 2, 4, 8]` (buckets `1`, `2`, `3-4`, `5-8`): the nearest words
    /// (the verb right after a subject) get their own weights, farther ones are pooled.
    package var distanceBuckets: [Int]
    /// Words of the clause holding the mention (`clause:refus`). Default `true`.
    package var clause: Bool
    /// Token texts that end a clause. Default `but`, `while`, `although`, `whereas`, `;`:
    /// contrastive clauses often carry a different actor's position.
    package var clauseBoundaries: [String]
    /// `quote:speaker` when the actor speaks a quote of the sentence, the quote's words
    /// (`quote:w:…`), and `quote:inside` when the mention stands inside a quote. Default `true`.
    package var quote: Bool
    /// `subj` when the mention is not right after a verb or preposition and a verb follows
    /// it in its clause, a parser-free approximation of the grammatical subject. Default `true`.
    package var subject: Bool
    /// Counts of lexicon cue phrases (`lex:hardline`) in the sentence, and separately in
    /// the mention's clause, window, spoken quote, and clause when it is the subject
    /// (`lex:clause:open`, `lex:window:…`, `lex:quote:…`, `lex:subj:…`). Default `true`:
    /// these are the features that carry over to disputes absent from training.
    package var lexicons: Bool
    /// Key context words by a light stem (`rejected`, `rejects` → `reject`). Default `true`:
    /// training sets are small, and inflections should share a weight.
    package var stemWords: Bool
    /// Prefix context words in a negation scope with `not_`, as in the bag of words. Default `true`.
    package var markNegation: Bool
    /// Count a lexicon hit that starts within this many words after a negation word as its
    /// opposite: hardline ↔ open, skeptical → open, positive ↔ negative ("did not rule out"
    /// is open, as the annotation guide says). 0 turns flipping off. Default 3, which reaches
    /// "did not *rule out*" and "has never *agreed to*" but not far-off words of a long scope.
    package var lexiconNegationReach: Int
    /// Keep a context feature only if it occurs in at least this many training examples.
    /// Default 2, for the same reason as in the bag of words.
    package var minimumDocumentFrequency: Int
    /// Target-relative features (`rel:w:w`, `rel:…`, see `ActorContextVectorizer+Relative`):
    /// the mention's own segment of its clause, split from other actors' segments. Default
    /// `true`: the bag of words and sentence counts are shared by every actor of a sentence,
    /// so only mention-relative features can tell them apart. Adding them raised stance CV
    /// from 0.731 to 0.738, stance dev from 0.734 to 0.755 and mt_dev from 0.565 to 0.573.
    package var relative: Bool
    /// Most words of the mention's segment (rightwards) and left segment. Default 6, enough
    /// for a subject's verb phrase ("rejected the offer outright"). 10 tied with it (stance
    /// CV 0.762 vs 0.762, stance dev 0.756 vs 0.762, rw_dev 0.684 vs 0.696, mt_dev 0.592
    /// vs 0.591, with the other defaults).
    package var segmentLength: Int
    /// Word-valence features (`val:…`, see `ActorContextVectorizer+Valence`): counts of
    /// positive and negative words of the rated lexicon (`Lexicons.valence`, VADER's) by
    /// where they stand relative to the mention, with negation flips. Default `false`, so
    /// stance models do not change; the sentiment configurations turn it on.
    package var valence: Bool
    /// The mention's own words (`tgt:w`, see `ActorContextVectorizer+Target`). Default
    /// `false`: stance models learn from `<target>` only, so they carry over to actors absent
    /// from training.
    package var targetWords: Bool
    /// Cluster ids of context words (`cl:…`, see `ActorContextVectorizer+Clusters`) from the
    /// map in `Lexicons.wordClusters`, so words unseen in labeled data share weights with
    /// words used alike in unlabeled news. Default `false`, so existing models do not change.
    package var wordClusters: Bool
    /// Where cluster features are taken (`WordClusterScope` names: `segment`, `left`,
    /// `window`, `clause`). Default `segment`, `left`, `window`: the mention-relative scopes.
    package var wordClusterScopes: [String]

    /// Creates options; every argument defaults to its documented default.
    package init(
        enabled: Bool = true, window: Bool = true, distanceBuckets: [Int] = [1, 2, 4, 8], clause: Bool = true,
        clauseBoundaries: [String] = ActorContextOptions.defaultClauseBoundaries, quote: Bool = true,
        subject: Bool = true, lexicons: Bool = true, stemWords: Bool = true, markNegation: Bool = true,
        lexiconNegationReach: Int = 3, minimumDocumentFrequency: Int = 2, relative: Bool = true, segmentLength: Int = 6,
        valence: Bool = false, targetWords: Bool = false, wordClusters: Bool = false,
        wordClusterScopes: [String] = ActorContextOptions.defaultWordClusterScopes
    ) {
        (self.enabled, self.window, self.distanceBuckets, self.clause) = (enabled, window, distanceBuckets, clause)
        (self.clauseBoundaries, self.quote, self.subject, self.lexicons) = (clauseBoundaries, quote, subject, lexicons)
        (self.stemWords, self.markNegation, self.lexiconNegationReach, self.minimumDocumentFrequency) = (
            stemWords, markNegation, lexiconNegationReach, minimumDocumentFrequency
        )
        (self.relative, self.segmentLength, self.valence, self.targetWords) = (relative, segmentLength, valence, targetWords)
        (self.wordClusters, self.wordClusterScopes) = (wordClusters, wordClusterScopes)
    }

    /// The default clause boundaries.
    package static let defaultClauseBoundaries = ["but", "while", "although", "whereas", ";"]

    /// The default word-cluster scopes.
    package static let defaultWordClusterScopes = ["segment", "left", "window"]

    /// Encodes every option; the word-cluster pair only when clusters are on, so models
    /// without them keep their bytes.
    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(window, forKey: .window)
        try c.encode(distanceBuckets, forKey: .distanceBuckets)
        try c.encode(clause, forKey: .clause)
        try c.encode(clauseBoundaries, forKey: .clauseBoundaries)
        try c.encode(quote, forKey: .quote)
        try c.encode(subject, forKey: .subject)
        try c.encode(lexicons, forKey: .lexicons)
        try c.encode(stemWords, forKey: .stemWords)
        try c.encode(markNegation, forKey: .markNegation)
        try c.encode(lexiconNegationReach, forKey: .lexiconNegationReach)
        try c.encode(minimumDocumentFrequency, forKey: .minimumDocumentFrequency)
        try c.encode(relative, forKey: .relative)
        try c.encode(segmentLength, forKey: .segmentLength)
        try c.encode(valence, forKey: .valence)
        try c.encode(targetWords, forKey: .targetWords)
        if wordClusters {
            try c.encode(wordClusters, forKey: .wordClusters)
            try c.encode(wordClusterScopes, forKey: .wordClusterScopes)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case enabled, window, distanceBuckets, clause, clauseBoundaries, quote, subject, lexicons
        case stemWords, markNegation, lexiconNegationReach, minimumDocumentFrequency, relative, segmentLength
        case valence, targetWords, wordClusters, wordClusterScopes
    }

    /// The keys a configuration gives (synthesized decoding leaves missing ones nil).
    private struct Given: Decodable {
        var enabled, window, clause, quote, subject, lexicons, stemWords, markNegation, relative, valence, targetWords: Bool?
        var wordClusters: Bool?
        var distanceBuckets: [Int]?
        var clauseBoundaries, wordClusterScopes: [String]?
        var lexiconNegationReach, minimumDocumentFrequency, segmentLength: Int?
    }

    /// Decodes options, using the default for every missing key.
    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let g = try Given(from: decoder), d = ActorContextOptions()
        self.init(
            enabled: g.enabled ?? d.enabled, window: g.window ?? d.window, distanceBuckets: g.distanceBuckets ?? d.distanceBuckets,
            clause: g.clause ?? d.clause, clauseBoundaries: g.clauseBoundaries ?? d.clauseBoundaries, quote: g.quote ?? d.quote,
            subject: g.subject ?? d.subject, lexicons: g.lexicons ?? d.lexicons, stemWords: g.stemWords ?? d.stemWords,
            markNegation: g.markNegation ?? d.markNegation, lexiconNegationReach: g.lexiconNegationReach ?? d.lexiconNegationReach,
            minimumDocumentFrequency: g.minimumDocumentFrequency ?? d.minimumDocumentFrequency, relative: g.relative ?? d.relative,
            segmentLength: g.segmentLength ?? d.segmentLength, valence: g.valence ?? d.valence, targetWords: g.targetWords ?? d.targetWords,
            wordClusters: g.wordClusters ?? d.wordClusters, wordClusterScopes: g.wordClusterScopes ?? d.wordClusterScopes)
        if let unknown = wordClusterScopes.first(where: { WordClusterScope(rawValue: $0) == nil }) {
            throw DecodingError.dataCorruptedError(
                forKey: .wordClusterScopes, in: c,
                debugDescription: "unknown word cluster scope \"\(unknown)\" (expected "
                    + WordClusterScope.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        let buckets = distanceBuckets
        guard !buckets.isEmpty, buckets.count <= ActorContextOptions.maximumBucketCount, buckets[0] >= 1,
            zip(buckets, buckets.dropFirst()).allSatisfy({ $0 < $1 }),
            buckets[buckets.count - 1] <= ActorContextOptions.maximumWindow
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .distanceBuckets, in: c,
                debugDescription: "distanceBuckets \(buckets) must be 1 to \(ActorContextOptions.maximumBucketCount) "
                    + "strictly increasing positive numbers up to \(ActorContextOptions.maximumWindow), e.g. [1, 2, 4, 8]")
        }
        for (key, value, limit) in [
            (CodingKeys.segmentLength, segmentLength, ActorContextOptions.maximumWindow),
            (.lexiconNegationReach, lexiconNegationReach, ActorContextOptions.maximumWindow),
            (.minimumDocumentFrequency, minimumDocumentFrequency, Int.max),
        ]
        where !(0...limit).contains(value) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "\(key.stringValue) \(value) must be between 0 and \(limit)")
        }
    }

    /// Largest distance bucket, segment length or negation reach accepted on decoding (in
    /// words): longer windows only add cost, and tables are sized by them.
    package static let maximumWindow = 256

    /// The most distance buckets a configuration may have (the feature key reserves 5 bits).
    package static let maximumBucketCount = 16

    /// Labels of the distance buckets: `1`, `2`, `3-4`, `5-8` for `[1, 2, 4, 8]`.
    package var bucketLabels: [String] {
        var labels: [String] = []
        var lower = 1
        for upper in distanceBuckets {
            labels.append(lower == upper ? "\(upper)" : "\(lower)-\(upper)")
            lower = upper + 1
        }
        return labels
    }
}
