import Foundation

/// The sentence block: TF-IDF weighted unigrams and bigrams with negation marking.
///
/// For a term `t` of the vocabulary, the value is `w(tf) · idf(t)` with
/// `w(tf) = 1 + ln tf` (sublinear) or `tf`, and `idf(t) = ln((1 + N) / (1 + df(t))) + 1`
/// learned at fit time; the block is then scaled to unit length. Punctuation is not a
/// term and breaks bigrams; a word in a negation scope is `not_word`.
enum BagOfWordsVectorizer {
    /// Calls `add` with the key of each of a sentence's terms, repeats included.
    @inline(__always)
    static func forEachKey(_ tokens: [PreparedToken], options: BagOfWordsOptions, _ add: (UInt64) -> Void) {
        forEachTerm(
            tokens, options: options,
            unigram: { word, negated in add(FeatureKey.make(FeatureKey.bowUnigram, word, negated: negated)) }, bigram: add)
    }

    /// Calls `unigram` with the word id and negation of each unigram term and `bigram` with
    /// the key of each bigram, in sentence order, repeats included; rows read unigrams from a
    /// dense per-word array, so they are handed over before being made into keys.
    @inline(__always)
    static func forEachTerm(
        _ tokens: [PreparedToken], options: BagOfWordsOptions, unigram: (Int32, Bool) -> Void, bigram: (UInt64) -> Void
    ) {
        var previous: Int32 = -1
        var previousNegated = false
        for token in tokens {
            if token.isPunctuation {
                previous = -1
                continue
            }
            let negated = options.markNegation && token.negated
            if token.raw >= 0 {
                if options.unigrams { unigram(token.raw, negated) }
                if options.bigrams && previous >= 0 {
                    bigram(
                        FeatureKey.make(
                            FeatureKey.bowBigram, previous, negated: previousNegated, token.raw, secondNegated: negated))
                }
            }
            previous = token.raw
            previousNegated = negated
        }
    }

    /// The distinct keys of a sentence with their term counts, for fitting.
    static func keyCounts(_ tokens: [PreparedToken], options: BagOfWordsOptions) -> [(key: UInt64, count: Int)] {
        var keys: [UInt64] = []
        forEachKey(tokens, options: options) { keys.append($0) }
        keys.sort()
        var counts: [(key: UInt64, count: Int)] = []
        for key in keys {
            if let last = counts.last, last.key == key {
                counts[counts.count - 1].count += 1
            } else {
                counts.append((key, 1))
            }
        }
        return counts
    }

    /// The weighted, normalised block of a sentence; terms outside the vocabulary are dropped.
    static func vector(_ tokens: [PreparedToken], engine: FeatureEngine) -> SparseVector {
        let options = engine.bagOfWords
        var columns: [Int32] = []
        columns.reserveCapacity(tokens.count * 2)
        let table = engine.features
        engine.unigramColumns.withUnsafeBufferPointer { unigramColumns in
            forEachTerm(
                tokens, options: options,
                unigram: { word, negated in
                    let slot = 2 * Int(word) + (negated ? 1 : 0)
                    let column =
                        slot < unigramColumns.count
                        ? unigramColumns[slot] : table.value(for: FeatureKey.make(FeatureKey.bowUnigram, word, negated: negated))
                    if column >= 0 { columns.append(column) }
                },
                bigram: { key in
                    let column = table.value(for: key)
                    if column >= 0 { columns.append(column) }
                })
        }
        if columns.isEmpty { return SparseVector() }
        columns.withUnsafeMutableBufferPointer { InPlaceSort.sort($0) }
        var indices: [Int32] = []
        var values: [Double] = []
        indices.reserveCapacity(columns.count)
        values.reserveCapacity(columns.count)
        var position = 0
        var sumOfSquares = 0.0
        while position < columns.count {
            let column = columns[position]
            var end = position + 1
            while end < columns.count && columns[end] == column { end += 1 }
            let count = end - position
            // Most terms occur once, and 1 + ln 1 = 1: skip the logarithm for them.
            let frequency = count == 1 ? 1 : options.sublinearTermFrequency ? 1 + log(Double(count)) : Double(count)
            let value = frequency * engine.inverseDocumentFrequency[Int(column)]
            indices.append(column)
            values.append(value)
            sumOfSquares += value * value
            position = end
        }
        var scale = options.scale
        if options.l2Normalize && sumOfSquares > 0 { scale /= sumOfSquares.squareRoot() }
        if scale != 1 {
            for index in values.indices { values[index] *= scale }
        }
        return SparseVector(indices: indices, values: values)
    }
}
