/// A sentence analysed once for all its actor mentions: tokens with word ids, negation
/// scopes, clauses, quotes with their attributions, lexicon hits, and its bag of words.
///
/// Make one with `Featurizer.prepare(_:)` and pass it to `Featurizer.vector(for:target:otherActors:)`
/// for every mention of the sentence; it is only meaningful with the featurizer that made it.
package struct PreparedSentence: Sendable {
    /// The sentence's bag-of-words block (empty when the block is off), already weighted
    /// and normalised; callers may cache it per sentence.
    package let bagOfWords: SparseVector
    /// Number of tokens kept for features (punctuation included).
    package var tokenCount: Int { tokens.count }

    let tokens: [PreparedToken]
    let lexiconHits: [LexiconMatcher.Hit]
    let quotes: [QuoteSpan]
    /// Bag-of-words keys with their term counts, kept only while fitting.
    let bagOfWordsKeys: [(key: UInt64, count: Int)]

    /// The analysis of no text: a placeholder until a caller has analysed its first sentence.
    package static let empty = PreparedSentence(
        bagOfWords: SparseVector(indices: [], values: []), tokens: [], lexiconHits: [], quotes: [], bagOfWordsKeys: [])
}

/// One token of a prepared sentence.
struct PreparedToken: Sendable {
    /// Unicode scalar offsets within the sentence, end exclusive.
    var start: Int32, end: Int32
    /// Id of the token text in the word table, -1 when unseen in training.
    var raw: Int32
    /// Id of the token's light stem, -1 when unseen.
    var stem: Int32
    /// The word's classes (auxiliary, preposition, negator, …) from the word table.
    var flags: WordFlags
    /// Punctuation: kept for positions and clause breaks, never a feature itself.
    var isPunctuation: Bool
    /// Inside a negation scope (after not/never/no/n't and before the next punctuation).
    var negated: Bool
    /// Words since the negation word that opened the scope (1 for the next word), 0 outside.
    var negationDistance: UInt8
    /// Guessed to be a verb (see `FeatureEngine.isVerb`): the subject approximation needs it.
    var isVerb: Bool
    /// Clause number, counted from 0 at clause boundaries.
    var clause: Int16
    /// Index into `quotes` of the quote this token stands inside, -1 outside any quote.
    var quote: Int16
    /// The word's rated valence (`Lexicons.valence`) in tenths, 0 when unrated or the
    /// valence features are off.
    var valence: Int8
}

/// A quotation and where its attribution ("…," Smith said) is.
struct QuoteSpan: Sendable {
    /// Tokens inside the quote marks.
    var content: Range<Int>
    /// Tokens where the speaker may stand (between this quote and its neighbours).
    var attribution: Range<Int>
    /// The speech verb (or the colon of "Smith: …") in `attribution`, -1 when none.
    var verb: Int
}
