extension FeatureEngine {
  /// Analyses one sentence's tokens; `offset` is subtracted from token ranges so they
  /// are relative to the sentence. With `collectKeys`, bag-of-words keys are kept for fitting.
  func prepare(tokens rawTokens: [Token], offset: Int, collectKeys: Bool) -> PreparedSentence {
    var tokens: [PreparedToken] = []
    tokens.reserveCapacity(rawTokens.count)
    var previousFlags: WordClasses.Flags = []
    var inScope = false
    var distance = 0
    var clause: Int16 = 0
    var sawWord = false
    var clauseEndsAtComma = false
    for index in rawTokens.indices {
      if TokenFilter.isCompoundWhole(rawTokens, index) { continue }
      let token = rawTokens[index]
      let entry = self.entry(token.text)
      let flags = entry.flags
      let isPunctuation = token.kind == .punctuation
      var prepared = PreparedToken(
        start: Int32(token.range.lowerBound - offset), end: Int32(token.range.upperBound - offset), raw: entry.id,
        stem: entry.stem, flags: flags, isPunctuation: isPunctuation, negated: false, negationDistance: 0,
        isVerb: false, clause: 0, quote: -1)
      // Negation scope: from a negation word to the next punctuation mark.
      if isPunctuation {
        inScope = false
        distance = 0
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

  /// Clause boundaries that open a subordinate clause when they start a sentence.
  static let subordinators: Set<String> = ["although", "though", "while", "whereas", "whilst"]

  /// Whether a word is a clause's verb candidate, judged from its class and inflection.
  @inline(__always)
  static func isVerb(_ flags: WordClasses.Flags, text: String, previous: WordClasses.Flags) -> Bool {
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
      // "…," Smith said is the usual order in news copy; then Smith said: "…".
      var attribution = after
      var verb = after.first(where: { tokens[$0].flags.contains(.speechVerb) }) ?? -1
      if verb < 0 {
        attribution = before
        verb = before.last(where: { tokens[$0].flags.contains(.speechVerb) }) ?? -1
        if verb < 0, let last = before.last, tokens[last].flags.contains(.colon) { verb = last }
      }
      quotes.append(QuoteSpan(content: content, attribution: attribution, verb: verb))
    }
    return quotes
  }
}
