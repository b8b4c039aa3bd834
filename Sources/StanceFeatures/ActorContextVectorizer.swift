/// Receives the features of one row as they are produced.
///
/// Fitting collects raw keys; building a row looks each key up as it comes, so no
/// intermediate list of keys is allocated per row.
protocol FeatureSink {
    /// Adds feature `key` with `value` (1 for indicators, a count for lexicon features).
    mutating func add(_ key: UInt64, _ value: Int)
}

/// Collects raw keys, for fitting.
struct FeatureKeyCollector: FeatureSink {
    var keys: [UInt64] = []
    mutating func add(_ key: UInt64, _ value: Int) { keys.append(key) }
}

/// Looks keys up and keeps `column << 32 | value` for those in the vocabulary, in a buffer
/// the caller lends (stack memory on the prediction path), moving to a heap array only when
/// a row has more entries than the buffer holds.
struct FeatureColumnBuffer: FeatureSink {
    let table: FeatureKeyTable
    let buffer: UnsafeMutableBufferPointer<UInt64>
    private(set) var count = 0
    /// Every entry once the buffer overflowed (nil until then).
    private(set) var overflow: [UInt64]?

    init(table: FeatureKeyTable, buffer: UnsafeMutableBufferPointer<UInt64>) {
        self.table = table
        self.buffer = buffer
    }

    @inline(__always)
    mutating func add(_ key: UInt64, _ value: Int) {
        let column = table.value(for: key)
        guard column >= 0 else { return }
        let entry = UInt64(UInt32(bitPattern: column)) << 32 | UInt64(UInt32(clamping: value))
        if count < buffer.count && overflow == nil {
            buffer[count] = entry
            count += 1
        } else {
            if overflow == nil { overflow = Array(buffer[0..<count]) }
            overflow?.append(entry)
        }
    }
}

/// The mention block: what surrounds one actor mention in its sentence.
///
/// The mention's tokens collapse into one `<target>` item and every other actor's into
/// `<actor>`; punctuation is skipped when counting distances. Features (binary unless
/// stated):
/// - `ctx:L1:w` … `ctx:R5-8:w`: the word `d` items left or right, by distance bucket;
/// - `clause:w`: words of the mention's clause (clauses end at but/while/although/whereas/;);
/// - `quote:inside` when the mention stands inside a quote; `quote:speaker` when the
///   actor is the attributed speaker of a quote, and `quote:w:w` for that quote's words;
/// - `subj` when the mention is the approximate subject of its clause;
/// - `lex:c`, `lex:clause:c`, `lex:window:c`, `lex:quote:c`, `lex:subj:c`: counts of
///   lexicon hits of category `c` in the sentence, clause, window, spoken quote, and
///   clause when the mention is its subject (hits on the mention itself are not counted).
enum ActorContextVectorizer {
    /// One non-punctuation position of the sentence as the mention sees it.
    struct Item {
        var word: Int32
        var negated: Bool
        var token: Int32
        var role: UInt8
    }

    /// Which category a negated hit counts as, by category index (see `Lexicons.Category.negated`).
    static let negatedCategory: [Int] = Lexicons.Category.allCases.map { category in
        Lexicons.Category.allCases.firstIndex(of: category.negated) ?? 0
    }

    /// Adds the keys and values of the mention's features to `features`.
    static func appendFeatures<Sink: FeatureSink>(
        _ sentence: PreparedSentence, target: Range<Int>, otherActors: [Range<Int>], engine: FeatureEngine,
        into features: inout Sink
    ) {
        guard engine.actorContext.enabled else { return }
        // The per-token scratch lives on the stack (heap only for very long sentences): a
        // fresh array per mention and model cost more than filling it, as the allocation
        // goes through the standard library's unspecialised path.
        let count = sentence.tokens.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, count)) { role in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, count)) { position in
                withUnsafeTemporaryAllocation(of: Item.self, capacity: max(1, count)) { itemStorage in
                    role.initialize(repeating: 0)
                    position.initialize(repeating: -1)
                    appendFeatures(
                        sentence, target: target, otherActors: otherActors, engine: engine, role: role,
                        position: position, itemStorage: itemStorage, into: &features)
                }
            }
        }
    }

    /// `appendFeatures` with its scratch: `role` (0 nobody, 1 the target, 2 another actor)
    /// and `position` (item index, -1 for punctuation) per token, filled with 0 and -1, and
    /// room for one item per token.
    private static func appendFeatures<Sink: FeatureSink>(
        _ sentence: PreparedSentence, target: Range<Int>, otherActors: [Range<Int>], engine: FeatureEngine,
        role: UnsafeMutableBufferPointer<UInt8>, position: UnsafeMutableBufferPointer<Int32>,
        itemStorage: UnsafeMutableBufferPointer<Item>, into features: inout Sink
    ) {
        let options = engine.actorContext
        let tokens = sentence.tokens
        let count = tokens.count
        var targetFirst = -1
        var targetLast = -1
        for index in 0..<count where overlaps(tokens[index], target) {
            role[index] = 1
            if targetFirst < 0 { targetFirst = index }
            targetLast = index
        }
        for range in otherActors {
            for index in 0..<count where role[index] == 0 && overlaps(tokens[index], range) { role[index] = 2 }
        }

        // Items: one per word, one per actor span.
        var itemCount = 0
        var targetPosition = -1
        var previousRole: UInt8 = 0
        for index in 0..<count {
            let token = tokens[index]
            let tokenRole = role[index]
            if token.isPunctuation {
                if tokenRole == 0 { previousRole = 0 }
                continue
            }
            if tokenRole != 0 && tokenRole == previousRole {
                position[index] = Int32(itemCount - 1)
                continue
            }
            previousRole = tokenRole
            let word: Int32
            switch tokenRole {
            case 1: word = engine.targetWord
            case 2: word = engine.actorWord
            default: word = options.stemWords ? token.stem : token.raw
            }
            if tokenRole == 1 && targetPosition < 0 { targetPosition = itemCount }
            position[index] = Int32(itemCount)
            itemStorage.initializeElement(
                at: itemCount,
                to: Item(
                    word: word, negated: tokenRole == 0 && options.markNegation && token.negated,
                    token: Int32(index), role: tokenRole))
            itemCount += 1
        }
        let items = UnsafeBufferPointer(rebasing: itemStorage[0..<itemCount])
        let role = UnsafeBufferPointer(role)
        let position = UnsafeBufferPointer(position)
        let hasTarget = targetPosition >= 0
        let targetClause = hasTarget ? tokens[targetFirst].clause : -1
        let targetQuote = hasTarget ? tokens[targetFirst].quote : -1

        // Window.
        if options.window && hasTarget && engine.windowSize > 0 {
            for distance in 1...engine.windowSize {
                let bucket = engine.bucketOfDistance[distance]
                let left = targetPosition - distance
                if left >= 0, items[left].word >= 0 {
                    features.add(
                        FeatureKey.make(
                            FeatureKey.windowBase + bucket, items[left].word,
                            negated: items[left].negated), 1)
                }
                let right = targetPosition + distance
                if right < items.count, items[right].word >= 0 {
                    features.add(
                        FeatureKey.make(
                            FeatureKey.windowBase + 16 + bucket, items[right].word,
                            negated: items[right].negated), 1)
                }
            }
        }

        // Clause.
        if options.clause && hasTarget {
            for item in items where item.role != 1 && item.word >= 0 {
                let token = tokens[Int(item.token)]
                if token.clause == targetClause && !token.flags.contains(.clauseBoundary) {
                    features.add(FeatureKey.make(FeatureKey.clauseWord, item.word, negated: item.negated), 1)
                }
            }
        }

        // Quotes.
        var spokenQuotes: [Int] = []
        if options.quote && hasTarget {
            if targetQuote >= 0 { features.add(FeatureKey.fixed(.quoteInside), 1) }
            for (number, quote) in sentence.quotes.enumerated() where quote.verb >= 0 {
                if speaker(of: quote, tokens: tokens, role: role) == 1 { spokenQuotes.append(number) }
            }
            if !spokenQuotes.isEmpty {
                features.add(FeatureKey.fixed(.quoteSpeaker), 1)
                for number in spokenQuotes {
                    for index in sentence.quotes[number].content {
                        let itemIndex = position[index]
                        if itemIndex < 0 { continue }
                        let item = items[Int(itemIndex)]
                        if item.role == 1 || item.word < 0 { continue }
                        features.add(FeatureKey.make(FeatureKey.quoteWord, item.word, negated: item.negated), 1)
                    }
                }
            }
        }

        // Subject.
        var isSubject = false
        if (options.subject || options.lexicons) && hasTarget {
            isSubject = approximateSubject(
                items: items, tokens: tokens, targetPosition: targetPosition,
                clause: targetClause, quote: targetQuote)
            if isSubject && options.subject { features.add(FeatureKey.fixed(.subject), 1) }
        }

        // Lexicon counts.
        if options.lexicons && !sentence.lexiconHits.isEmpty {
            withZeroedCounts(25) { counts in
                let reach = options.lexiconNegationReach
                for hit in sentence.lexiconHits {
                    let start = Int(hit.start)
                    let last = Int(hit.end) - 1
                    if hasTarget && start <= targetLast && last >= targetFirst { continue }
                    var category = Int(hit.category)
                    let negationDistance = Int(tokens[start].negationDistance)
                    if reach > 0 && negationDistance >= 1 && negationDistance <= reach { category = negatedCategory[category] }
                    counts[category] += 1
                    guard hasTarget else { continue }
                    if tokens[start].clause == targetClause {
                        counts[5 + category] += 1
                        if isSubject { counts[20 + category] += 1 }
                    }
                    let distance =
                        last < targetFirst
                        ? targetPosition - Int(position[last]) : Int(position[start]) - targetPosition
                    if position[start] >= 0 && position[last] >= 0 && distance >= 1 && distance <= engine.windowSize {
                        counts[10 + category] += 1
                    }
                    if tokens[start].quote >= 0 && spokenQuotes.contains(Int(tokens[start].quote)) { counts[15 + category] += 1 }
                }
                for scope in FixedFeature.LexiconScope.allCases {
                    for category in 0..<5 {
                        let value = counts[scope.rawValue * 5 + category]
                        if value > 0 {
                            features.add(FeatureKey.fixed(FixedFeature.lexicon(scope, category)), value)
                        }
                    }
                }
            }
        }

        if options.targetWords && hasTarget {
            appendTargetWords(sentence, targetFirst: targetFirst, targetLast: targetLast, into: &features)
        }

        if options.valence && hasTarget {
            appendValenceFeatures(
                sentence, items: items, position: position, targetPosition: targetPosition,
                targetFirst: targetFirst, targetLast: targetLast, isSubject: isSubject,
                spokenQuotes: spokenQuotes, engine: engine, into: &features)
        }

        if options.wordClusters && hasTarget {
            appendClusterFeatures(
                sentence, items: items, targetPosition: targetPosition, targetFirst: targetFirst, engine: engine,
                into: &features)
        }

        if options.relative && hasTarget {
            appendRelativeFeatures(
                sentence, items: items, position: position, targetPosition: targetPosition,
                targetFirst: targetFirst, targetLast: targetLast, isSubject: isSubject, engine: engine,
                into: &features)
        }
    }

    /// Calls `body` with `count` zeroed counters on the stack: per-mention tallies need no
    /// heap array (whose allocation takes the standard library's unspecialised path).
    @inline(__always)
    static func withZeroedCounts<Result>(_ count: Int, _ body: (UnsafeMutableBufferPointer<Int>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { counts in
            counts.initialize(repeating: 0)
            return body(counts)
        }
    }

    @inline(__always)
    private static func overlaps(_ token: PreparedToken, _ range: Range<Int>) -> Bool {
        Int(token.start) < range.upperBound && Int(token.end) > range.lowerBound && !range.isEmpty
    }

    /// The role (1 target, 2 other actor, 0 nobody) of the speaker of a quote: the actor
    /// nearest before the speech verb in the attribution, else nearest after it
    /// ("…," Smith said / "…," said Smith). A pronoun in between ("…," he told Smith)
    /// means the speaker is not a listed actor.
    static func speaker(of quote: QuoteSpan, tokens: [PreparedToken], role: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var index = quote.verb - 1
        while index >= quote.attribution.lowerBound {
            if role[index] != 0 { return role[index] }
            if tokens[index].flags.contains(.pronoun) { return 0 }
            index -= 1
        }
        index = quote.verb + 1
        while index < quote.attribution.upperBound {
            if role[index] != 0 { return role[index] }
            if tokens[index].flags.contains(.pronoun) { return 0 }
            index += 1
        }
        return 0
    }

    /// Whether the mention is the clause's subject, approximated from word order: it is
    /// not right after a verb or preposition (determiners skipped, a punctuation mark ends
    /// the look-back), and a verb follows it in its clause, on the same side of any quote.
    /// "Putin, in a statement, rejected …" is a subject; "Trump met Putin", "talks with
    /// Hamas stalled" and "was rejected by Kyiv" are not.
    static func approximateSubject(
        items: UnsafeBufferPointer<Item>, tokens: [PreparedToken], targetPosition: Int, clause: Int16, quote: Int16
    ) -> Bool {
        // "Trump met Putin", "talks with Putin": an object.
        var back = targetPosition - 1
        while back >= 0 {
            let item = items[back]
            let token = tokens[Int(item.token)]
            if item.role != 0 || token.clause != clause || token.quote != quote { break }
            // Punctuation between the two ends the look-back ("As talks resumed, Putin said").
            if items[back + 1].token - item.token > 1 { break }
            if token.flags.contains(.determiner) {
                back -= 1
                continue
            }
            if token.isVerb || token.flags.contains(.preposition) { return false }
            break
        }
        var next = targetPosition + 1
        while next < items.count {
            let item = items[next]
            let token = tokens[Int(item.token)]
            if token.clause != clause { return false }
            next += 1
            if token.quote != quote || item.role != 0 { continue }
            if token.isVerb { return true }
        }
        return false
    }
}
