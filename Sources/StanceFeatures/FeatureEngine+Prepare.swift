extension FeatureEngine {
    /// Analyses one sentence's tokens; `offset` is subtracted from token ranges so they
    /// are relative to the sentence. With `collectKeys`, bag-of-words keys are kept for fitting.
    /// `words`, when given, holds each token's `entry(_:)`, looked up by the caller.
    func prepare(
        tokens rawTokens: [Token], offset: Int, collectKeys: Bool, words: [WordEntry]? = nil
    ) -> PreparedSentence {
        var tokens: [PreparedToken] = []
        tokens.reserveCapacity(rawTokens.count)
        var previousFlags: WordFlags = []
        var inScope = false
        var distance = 0
        var clause: Int16 = 0
        var sawWord = false
        var clauseEndsAtComma = false
        for index in rawTokens.indices {
            if TokenFilter.isCompoundWhole(rawTokens, index) { continue }
            let token = rawTokens[index]
            let entry = words?[index] ?? self.entry(token.text)
            let flags = entry.flags
            let isPunctuation = token.kind == .punctuation
            var prepared = PreparedToken(
                start: Int32(token.range.lowerBound - offset), end: Int32(token.range.upperBound - offset), raw: entry.id,
                stem: entry.stem, flags: flags, isPunctuation: isPunctuation, negated: false, negationDistance: 0,
                isVerb: false, clause: 0, quote: -1, valence: 0)
            if entry.id >= 0 && Int(entry.id) < valenceOfWord.count && !flags.contains(.negator) {
                prepared.valence = valenceOfWord[Int(entry.id)]
            }
            // Negation scope: from a negation word to the next punctuation mark; quote marks
            // and brackets do not end it ("did not 'rule out' talks", "nobody [had] rejected").
            if isPunctuation {
                if !FeatureEngine.isScopeTransparent(token.text) {
                    inScope = false
                    distance = 0
                }
            } else if flags.contains(.negator) {
                inScope = true
                distance = 0
            } else if inScope {
                distance += 1
                prepared.negated = true
                prepared.negationDistance = UInt8(min(distance, 255))
            }
            if flags.contains(.clauseBoundary) {
                clause &+= 1
                // A sentence-initial subordinate clause ("Although Kyiv hesitated, …") ends at
                // its comma; a sentence-initial "But" does not open one.
                if !sawWord && FeatureEngine.subordinators.contains(token.text) { clauseEndsAtComma = true }
            } else if clauseEndsAtComma && token.text == "," {
                clause &+= 1
                clauseEndsAtComma = false
            }
            if !isPunctuation { sawWord = true }
            prepared.clause = clause
            if !isPunctuation {
                prepared.isVerb = FeatureEngine.isVerb(flags, text: token.text, previous: previousFlags)
            }
            previousFlags = isPunctuation ? [] : flags
            tokens.append(prepared)
        }
        let quotes = FeatureEngine.findQuotes(&tokens)
        var hits: [LexiconMatcher.Hit] = []
        if actorContext.enabled && actorContext.lexicons {
            hits = lexicon.hits(in: tokens)
        }
        var bag = SparseVector()
        var keys: [(key: UInt64, count: Int)] = []
        if bagOfWords.enabled {
            if collectKeys {
                keys = BagOfWordsVectorizer.keyCounts(tokens, options: bagOfWords)
            } else {
                bag = BagOfWordsVectorizer.vector(tokens, engine: self)
            }
        }
        return PreparedSentence(bagOfWords: bag, tokens: tokens, lexiconHits: hits, quotes: quotes, bagOfWordsKeys: keys)
    }

    /// Whether punctuation leaves a negation scope open: quote marks and brackets (`"`, `'`,
    /// `[`, `]`). Judged from the bytes, since a set look-up hashes a string per punctuation mark.
    @inline(__always)
    static func isScopeTransparent(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == 1, let byte = utf8.first else { return false }
        return byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }

    /// Clause boundaries that open a subordinate clause when they start a sentence.
    static let subordinators: Set<String> = ["although", "though", "while", "whereas", "whilst"]

    /// Whether a word is a clause's verb candidate, judged from its class and inflection.
    @inline(__always)
    static func isVerb(_ flags: WordFlags, text: String, previous: WordFlags) -> Bool {
        if flags.contains(.auxiliary) || flags.contains(.speechVerb) { return true }
        // After a determiner a past form is an adjective ("the proposed deal").
        let afterNounMarker = previous.contains(.determiner) || previous.contains(.preposition)
        if flags.contains(.pastForm) { return !afterNounMarker }
        if flags.contains(.verbStem), text.utf8.last == UInt8(ascii: "s") { return !afterNounMarker }
        return false
    }

    /// Pairs quote marks, marks the tokens inside each quote, and locates attributions.
    ///
    /// Double quotes pair in order (the tokenizer folds curly ones to `"`, so opening and
    /// closing look alike). Single quotes are ambiguous with apostrophes (`leaders'`), so
    /// one opens only when it is attached to the next token and detached from the previous,
    /// and closes when attached to the previous one.
    static func findQuotes(_ tokens: inout [PreparedToken]) -> [QuoteSpan] {
        var marks: [(open: Int, close: Int)] = []
        var pendingOpen: Int? = nil
        for index in tokens.indices where tokens[index].flags.contains(.doubleQuote) {
            if let open = pendingOpen {
                marks.append((open, index))
                pendingOpen = nil
            } else {
                pendingOpen = index
            }
        }
        if let open = pendingOpen { marks.append((open, tokens.count)) }
        if marks.isEmpty {
            pendingOpen = nil
            for index in tokens.indices where tokens[index].flags.contains(.singleQuote) {
                let attachedBefore = index > 0 && tokens[index - 1].end == tokens[index].start
                let attachedAfter = index + 1 < tokens.count && tokens[index + 1].start == tokens[index].end
                if let open = pendingOpen, attachedBefore {
                    marks.append((open, index))
                    pendingOpen = nil
                } else if pendingOpen == nil, attachedAfter, !attachedBefore {
                    pendingOpen = index
                }
            }
        }
        if marks.isEmpty { return [] }
        var quotes: [QuoteSpan] = []
        for (number, mark) in marks.enumerated() {
            let content = (mark.open + 1)..<max(mark.open + 1, mark.close)
            for index in content { tokens[index].quote = Int16(truncatingIfNeeded: number) }
            let previousEnd = number > 0 ? min(marks[number - 1].close + 1, mark.open) : 0
            let nextStart = number + 1 < marks.count ? marks[number + 1].open : tokens.count
            let after = min(mark.close + 1, nextStart)..<nextStart
            let before = previousEnd..<mark.open
            quotes.append(attribution(content: content, before: before, after: after, tokens: tokens))
        }
        return quotes
    }

    /// Words a quote needs before it can have a speaker: one- or two-word quotes are
    /// scare quotes ("the 'tough' nature") or titles, not speech.
    static let minimumSpokenQuoteWords = 3
    /// How far after a quote's end its speech verb may stand ("…," the foreign minister told reporters).
    static let attributionAfterReach = 6
    /// How far before a quote's start its speech verb or colon may stand (Smith said on Tuesday: "…").
    static let attributionBeforeReach = 5

    /// The quote with the speech verb of its attribution, if it has one.
    ///
    /// "…," Smith said is the usual order in news copy, so the words right after the quote
    /// are tried first; they count only when the quote ends in punctuation or a comma
    /// follows it. Otherwise the words right before the quote (Smith said: "…"; or a
    /// headline's Smith: '…') are tried, when a colon, comma or the verb itself touches the quote.
    static func attribution(content: Range<Int>, before: Range<Int>, after: Range<Int>, tokens: [PreparedToken])
        -> QuoteSpan
    {
        var words = 0
        for index in content where !tokens[index].isPunctuation { words += 1 }
        guard words >= minimumSpokenQuoteWords else { return QuoteSpan(content: content, attribution: after, verb: -1) }
        let endsInPunctuation = content.last.map { tokens[$0].isPunctuation } ?? false
        let commaFollows = after.first.map { tokens[$0].isPunctuation } ?? false
        if endsInPunctuation || commaFollows {
            if let verb = after.prefix(attributionAfterReach + 1).first(where: { tokens[$0].flags.contains(.speechVerb) }) {
                return QuoteSpan(content: content, attribution: after, verb: verb)
            }
        }
        let reach = before.suffix(attributionBeforeReach)
        if let last = reach.last, tokens[last].isPunctuation || tokens[last].flags.contains(.speechVerb) {
            if let verb = reach.last(where: { tokens[$0].flags.contains(.speechVerb) }) {
                return QuoteSpan(content: content, attribution: before, verb: verb)
            }
            if tokens[last].flags.contains(.colon) { return QuoteSpan(content: content, attribution: before, verb: last) }
        }
        return QuoteSpan(content: content, attribution: after, verb: -1)
    }
}
