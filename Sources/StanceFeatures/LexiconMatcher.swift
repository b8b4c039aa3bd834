/// Finds lexicon phrases in a sentence by light stem, longest match first.
///
/// A trie over stem ids: node 0 is the root, and an edge `(node, stem)` is one key in a
/// `FeatureKeyTable`. Matching scans left to right and takes the longest phrase that
/// starts at each position, then continues after it, so "ruled out talks" is one hit of
/// "ruled out" and not also a hit of a shorter entry inside it.
struct LexiconMatcher: Sendable {
    /// One match: tokens `start..<end` (indices into the prepared tokens) of `category`.
    struct Hit: Equatable, Sendable {
        var start: Int32
        var end: Int32
        var category: UInt8
    }

    private var edges: FeatureKeyTable
    private var terminal: [Int8]
    /// Number of phrases that were added (after removing exact stem duplicates).
    private(set) var phraseCount: Int

    /// Builds the trie from phrases given as stem-id sequences per category; the first
    /// category listing a sequence keeps it.
    init(phrases: [(stems: [Int32], category: UInt8)]) {
        var edgeList: [(key: UInt64, value: Int32)] = []
        var edgeMap: [UInt64: Int32] = [:]
        var terminal: [Int8] = [-1]
        var count = 0
        for phrase in phrases where !phrase.stems.isEmpty && !phrase.stems.contains(where: { $0 < 0 }) {
            var node: Int32 = 0
            for stem in phrase.stems {
                let key = LexiconMatcher.edgeKey(node, stem)
                if let next = edgeMap[key] {
                    node = next
                } else {
                    let next = Int32(terminal.count)
                    terminal.append(-1)
                    edgeMap[key] = next
                    edgeList.append((key, next))
                    node = next
                }
            }
            if terminal[Int(node)] < 0 {
                terminal[Int(node)] = Int8(phrase.category)
                count += 1
            }
        }
        edges = FeatureKeyTable(edgeList)
        self.terminal = terminal
        phraseCount = count
    }

    @inline(__always)
    private static func edgeKey(_ node: Int32, _ stem: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: stem))
    }

    /// The hits among prepared tokens; punctuation and unknown words (stem -1) match nothing.
    func hits(in tokens: [PreparedToken]) -> [Hit] {
        var hits: [Hit] = []
        if phraseCount == 0 { return hits }
        var start = 0
        while start < tokens.count {
            var node: Int32 = 0
            var position = start
            var bestEnd = -1
            var bestCategory: Int8 = -1
            while position < tokens.count, !tokens[position].isPunctuation, tokens[position].stem >= 0 {
                let next = edges.value(for: LexiconMatcher.edgeKey(node, tokens[position].stem))
                if next < 0 { break }
                node = next
                position += 1
                let category = terminal[Int(node)]
                if category >= 0 {
                    bestEnd = position
                    bestCategory = category
                }
            }
            if bestEnd > 0 {
                hits.append(Hit(start: Int32(start), end: Int32(bestEnd), category: UInt8(bestCategory)))
                start = bestEnd
            } else {
                start += 1
            }
        }
        return hits
    }

    /// The stems of a phrase's word tokens, as the matcher sees them.
    static func stems(of phrase: String, tokenizer: Tokenizer) -> [String] {
        TokenFilter.kept(tokenizer.tokenize(phrase)).filter { $0.kind != .punctuation }.map { LightStemmer.stem($0.text) }
    }
}

/// Drops the whole of a hyphenated name compound when its parts follow as tokens.
///
/// The tokenizer emits `zelensky-putin`, `zelensky`, `putin` for "Zelensky-Putin";
/// features keep the parts, so each name can become its own `<actor>`/`<target>`.
enum TokenFilter {
    /// The tokens without compound wholes whose parts follow.
    static func kept(_ tokens: [Token]) -> [Token] {
        var kept: [Token] = []
        kept.reserveCapacity(tokens.count)
        for index in tokens.indices {
            if isCompoundWhole(tokens, index) { continue }
            kept.append(tokens[index])
        }
        return kept
    }

    /// Whether `tokens[index]` is a compound whole followed by its first part.
    @inline(__always)
    static func isCompoundWhole(_ tokens: [Token], _ index: Int) -> Bool {
        guard index + 1 < tokens.count else { return false }
        let range = tokens[index].range
        let next = tokens[index + 1].range
        return next.lowerBound >= range.lowerBound && next.upperBound <= range.upperBound && next != range
    }
}
