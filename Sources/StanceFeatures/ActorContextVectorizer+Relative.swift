/// Target-relative features: what belongs to the mention itself rather than to its sentence.
///
/// The bag of words, the sentence lexicon counts and most of the clause are shared by
/// every actor of a sentence, so they cannot tell "Kyiv rejected the offer Moscow made"
/// apart for Kyiv and Moscow. These features split the clause at the other actors: the
/// mention's *segment* runs from the mention rightwards to the next actor, the clause's
/// end, or `segmentLength` words (its predicate when the mention is the subject: "Kyiv
/// *rejected the offer*"); the *left segment* runs back to the previous actor. Cues in
/// segments of other actors ("X said *Y refused*") are counted apart, so reported speech
/// does not hand Y's cue to X.
///
/// Features (all named `rel:…`):
/// - `rel:w:w`: the words of the segment, stemmed and negation-marked like the window;
/// - `rel:lex:seg:c`, `rel:lex:left:c`: lexicon hits of category `c` in the segment and
///   left segment; `rel:lex:obj:c` hits ending right before a mention that is not a
///   subject ("accused *X*", "praised *X*"); `rel:lex:rest:c` hits of the mention's clause
///   that lie in other actors' segments;
/// - `rel:mixed`: the segment holds an open cue and a refusing or doubting one ("agreed
///   to talks but only if…" → skeptical);
/// - `rel:cond`: a conditional marker ("unless", "provided", "on condition", "only if")
///   in the mention's clause;
/// - `rel:says`: the first verb of the segment is a speech verb (the mention reports);
/// - `rel:pron`, `rel:pron:subj`: the mention is a pronoun (and the clause's subject);
///   `rel:first`: the mention opens the sentence (headline and lead subjects).
extension ActorContextVectorizer {
    /// The mention's segment as item indices (inclusive): up to `length` plain words on
    /// each side of the target within its clause, stopping at another actor.
    static func segmentBounds(
        items: UnsafeBufferPointer<Item>, tokens: [PreparedToken], targetPosition: Int, clause: Int16,
        length: Int
    ) -> (leftStart: Int, segmentEnd: Int) {
        var segmentEnd = targetPosition
        while segmentEnd + 1 < items.count && segmentEnd - targetPosition < length {
            let item = items[segmentEnd + 1]
            if item.role != 0 || tokens[Int(item.token)].clause != clause { break }
            segmentEnd += 1
        }
        var leftStart = targetPosition
        while leftStart - 1 >= 0 && targetPosition - leftStart < length {
            let item = items[leftStart - 1]
            if item.role != 0 || tokens[Int(item.token)].clause != clause { break }
            leftStart -= 1
        }
        return (leftStart, segmentEnd)
    }

    /// Adds the target-relative features of the mention at item `targetPosition`.
    static func appendRelativeFeatures<Sink: FeatureSink>(
        _ sentence: PreparedSentence, items: UnsafeBufferPointer<Item>, position: UnsafeBufferPointer<Int32>, targetPosition: Int,
        targetFirst: Int,
        targetLast: Int, isSubject: Bool, engine: FeatureEngine, into features: inout Sink
    ) {
        let options = engine.actorContext
        let tokens = sentence.tokens
        let clause = tokens[targetFirst].clause
        let length = max(0, options.segmentLength)

        let (leftStart, segmentEnd) = segmentBounds(
            items: items, tokens: tokens, targetPosition: targetPosition,
            clause: clause, length: length)

        var firstVerbIsSpeech = false
        var sawVerb = false
        if segmentEnd > targetPosition {
            for index in (targetPosition + 1)...segmentEnd {
                let item = items[index]
                let token = tokens[Int(item.token)]
                if !sawVerb && token.isVerb {
                    sawVerb = true
                    firstVerbIsSpeech = token.flags.contains(.speechVerb)
                }
                if item.word >= 0 {
                    features.add(FeatureKey.make(FeatureKey.segmentWord, item.word, negated: item.negated), 1)
                }
            }
        }
        if firstVerbIsSpeech { features.add(FeatureKey.relative(.says), 1) }
        if tokens[targetFirst].flags.contains(.pronoun) {
            features.add(FeatureKey.relative(.pronoun), 1)
            if isSubject { features.add(FeatureKey.relative(.pronounSubject), 1) }
        }
        if targetPosition == 0 { features.add(FeatureKey.relative(.first), 1) }

        // Conditional markers in the mention's clause.
        let markers = engine.relativeWords
        var previousWasOnly = false
        var previousWasOn = false
        for token in tokens where token.clause == clause && !token.isPunctuation {
            let raw = token.raw
            if raw >= 0
                && (markers.isCondition(raw) || (previousWasOnly && raw == markers.ifWord)
                    || (previousWasOn && raw == markers.conditionWord))
            {
                features.add(FeatureKey.relative(.condition), 1)
                break
            }
            previousWasOnly = raw >= 0 && raw == markers.onlyWord
            previousWasOn = raw >= 0 && raw == markers.onWord
        }

        // Lexicon hits by where they fall relative to the mention.
        guard options.lexicons && !sentence.lexiconHits.isEmpty else { return }
        withZeroedCounts(RelativeFeature.LexiconScope.allCases.count * 5) { counts in
            let reach = options.lexiconNegationReach
            for hit in sentence.lexiconHits {
                let start = Int(hit.start)
                let last = Int(hit.end) - 1
                if start <= targetLast && last >= targetFirst { continue }
                let startItem = Int(position[start])
                let lastItem = Int(position[last])
                if startItem < 0 || lastItem < 0 { continue }
                var category = Int(hit.category)
                let negationDistance = Int(tokens[start].negationDistance)
                if reach > 0 && negationDistance >= 1 && negationDistance <= reach { category = negatedCategory[category] }
                if startItem > targetPosition && startItem <= segmentEnd {
                    counts[RelativeFeature.LexiconScope.segment.rawValue * 5 + category] += 1
                } else if lastItem < targetPosition && startItem >= leftStart {
                    counts[RelativeFeature.LexiconScope.left.rawValue * 5 + category] += 1
                    if !isSubject && targetPosition - lastItem <= 2 {
                        counts[RelativeFeature.LexiconScope.object.rawValue * 5 + category] += 1
                    }
                } else if tokens[start].clause == clause {
                    counts[RelativeFeature.LexiconScope.rest.rawValue * 5 + category] += 1
                }
            }
            let segment = RelativeFeature.LexiconScope.segment.rawValue * 5
            if counts[segment + Lexicons.Category.openIndex] > 0
                && (counts[segment + Lexicons.Category.hardlineIndex] > 0
                    || counts[segment + Lexicons.Category.skepticalIndex] > 0)
            {
                features.add(FeatureKey.relative(.mixed), 1)
            }
            for scope in RelativeFeature.LexiconScope.allCases {
                for category in 0..<5 where counts[scope.rawValue * 5 + category] > 0 {
                    features.add(FeatureKey.relative(RelativeFeature.lexicon(scope, category)), counts[scope.rawValue * 5 + category])
                }
            }
        }
    }
}

extension Lexicons.Category {
    /// Position among `allCases`, the index lexicon counts use.
    var index: Int { Lexicons.Category.allCases.firstIndex(of: self) ?? 0 }

    /// The indices the per-mention code reads, looked up once rather than per mention.
    static let openIndex = Lexicons.Category.open.index
    static let skepticalIndex = Lexicons.Category.skeptical.index
    static let hardlineIndex = Lexicons.Category.hardline.index
}

extension FeatureKey {
    /// Word of the mention's segment `rel:w:w`.
    static let segmentWord: UInt8 = 6
    /// A target-relative feature without words (`rel:…`); the first id is its code.
    static let relativeFixed: UInt8 = 7

    /// The key of a target-relative feature.
    @inline(__always)
    static func relative(_ code: RelativeFeature) -> UInt64 { make(relativeFixed, Int32(code.rawValue), negated: false) }
}

/// Target-relative features without words; lexicon counts are `16 + scope * 8 + category`.
enum RelativeFeature: Int, WordlessFeature {
    case says = 0, mixed, condition, pronoun, pronounSubject, first
    case segmentOpen = 16, segmentSkeptical, segmentHardline, segmentPositive, segmentNegative
    case leftOpen = 24, leftSkeptical, leftHardline, leftPositive, leftNegative
    case objectOpen = 32, objectSkeptical, objectHardline, objectPositive, objectNegative
    case restOpen = 40, restSkeptical, restHardline, restPositive, restNegative

    /// Where a lexicon hit fell relative to the mention.
    enum LexiconScope: Int, CaseIterable {
        case segment = 0, left, object, rest

        /// The name part after `rel:lex:`.
        var name: String {
            switch self {
            case .segment: "seg"
            case .left: "left"
            case .object: "obj"
            case .rest: "rest"
            }
        }
    }

    static let lexiconBase = 16

    static func lexiconPrefix(_ scope: LexiconScope) -> String { "rel:lex:" + scope.name + ":" }

    var indicatorName: String? {
        switch self {
        case .says: "rel:says"
        case .mixed: "rel:mixed"
        case .condition: "rel:cond"
        case .pronoun: "rel:pron"
        case .pronounSubject: "rel:pron:subj"
        case .first: "rel:first"
        default: nil
        }
    }

    /// Features by name, for reading a vocabulary.
    static let byName = namedTable()
}

/// Word ids the target-relative features test for, looked up once per featurizer.
struct RelativeWords: Sendable {
    /// Single words that make a condition: "unless", "provided", "conditional", "precondition(s)";
    /// a short list scanned per token, since hashing an id into a `Set` cost more than the scan.
    var conditions: [Int32]
    var ifWord: Int32
    var onlyWord: Int32
    var onWord: Int32
    var conditionWord: Int32

    /// Words interned into every word table so the ids exist at prediction time.
    static let listedWords = [
        "unless", "provided", "providing", "conditional", "precondition", "preconditions", "if", "only", "on",
        "condition", "conditions",
    ]

    /// Looks the words up in a finished word table; -1 for a word the table lacks.
    init(_ words: TokenTable<FeatureEngine.WordEntry>) {
        func id(_ text: String) -> Int32 { words.value(for: text)?.id ?? -1 }
        conditions = Array(Set(["unless", "provided", "providing", "conditional", "precondition", "preconditions"].map(id)))
            .filter { $0 >= 0 }.sorted()
        ifWord = id("if")
        onlyWord = id("only")
        onWord = id("on")
        conditionWord = id("condition")
    }

    /// Whether word id `id` is one of `conditions`.
    @inline(__always)
    func isCondition(_ id: Int32) -> Bool { conditions.contains(id) }
}
