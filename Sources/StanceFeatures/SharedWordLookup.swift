/// The word entries of one sentence's tokens for one featurizer, in token order, for
/// `Featurizer.prepare(tokens:sentenceStart:words:)`.
package struct TokenWords: Sendable {
    let entries: [FeatureEngine.WordEntry]
}

/// Every featurizer's word entry of a token text, found with one hash lookup.
///
/// A predictor analyses each sentence once per model, and each analysis looked every token
/// up in its own word table: two lookups of the same text in two multi-megabyte tables,
/// each a likely cache miss (issue 11: the word look-ups were the largest single cost of
/// prediction). This table holds the union of the featurizers' words with each one's entry
/// side by side. A word that is in none of them is looked up in each featurizer as before,
/// so every entry is exactly what that featurizer's own lookup returns.
package struct SharedWordLookup: Sendable {
    private let engines: [FeatureEngine]
    /// The known word texts; a text's entry index (insertion order) is its row.
    private let rows: TokenTable<Bool>
    /// `entries[row * engines.count + engine]`.
    private let entries: [FeatureEngine.WordEntry]

    /// Builds the table for `featurizers`, in that order.
    package init(_ featurizers: [Featurizer]) {
        engines = featurizers.map(\.engine)
        var rows = TokenTable<Bool>([:])
        var entries: [FeatureEngine.WordEntry] = []
        // Rows in the featurizers' own word order, so the table is the same on every run.
        for engine in engines {
            for text in engine.wordTexts where rows.entryIndex(of: text) == nil {
                _ = rows.insert(text, true)
                for other in engines { entries.append(other.entry(text)) }
            }
        }
        self.rows = rows
        self.entries = entries
    }

    /// Number of featurizers.
    package var count: Int { engines.count }

    /// Each featurizer's entries for `tokens` (element `i` for featurizer `i`).
    package func words(of tokens: [Token]) -> [TokenWords] {
        let width = engines.count
        var columns = [[FeatureEngine.WordEntry]](repeating: [], count: width)
        for engine in 0..<width { columns[engine].reserveCapacity(tokens.count) }
        entries.withUnsafeBufferPointer { entries in
            for token in tokens {
                if let row = rows.entryIndex(of: token.text) {
                    let base = row * width
                    for engine in 0..<width { columns[engine].append(entries[base + engine]) }
                } else {
                    for engine in 0..<width { columns[engine].append(engines[engine].entry(token.text)) }
                }
            }
        }
        return columns.map { TokenWords(entries: $0) }
    }
}
