/// Word-valence features: where the rated words of a sentence stand relative to the mention.
///
/// A bag of words learns a weight per word it has seen in training; a rated lexicon
/// (VADER, Hutto & Gilbert 2014: 7,500 words scored −4…+4 by ten raters each) carries
/// polarity to the many words a training set of a few thousand sentences never shows.
/// Polarity toward a *target* depends on where the word stands, so each rated word is
/// counted by scope:
/// - `sent`: anywhere in the sentence; `clause`: the mention's clause;
/// - `seg`: the mention's segment (rightwards to the next actor or the clause end: the
///   predicate when the mention is the subject, "Kyiv *rejected the shameful offer*");
/// - `left`: back to the previous actor; `near`: at most two words either side
///   ("*corrupt* Clinton", "Clinton, a *hero*");
/// - `other`: the mention's clause, in other actors' segments ("X said *Y lied*");
/// - `out`: other clauses ("X won, *but* Y *failed*");
/// - `said`: a quote the mention speaks; `inq`: the quote the mention stands in.
///
/// A word within `lexiconNegationReach` words after a negation word counts with the
/// opposite sign (VADER also flips within three words). Categories: `pos`/`neg` for
/// |valence| ≥ 0.5 and `pos2`/`neg2` for |valence| ≥ 2 (VADER's "good" is 1.9, "hero"
/// 2.6, "killed" −3.5). Features are counts named `val:SCOPE:CATEGORY`, plus the net
/// valence of the sentence and of the segment in five buckets (`val:net:sent:-2` … `:+2`).
extension ActorContextVectorizer {
    /// Smallest |valence| (in tenths) that counts as polar: VADER's weakest ratings are noise.
    static let weakValenceTenths = 5
    /// Smallest |valence| (in tenths) that counts as strongly polar.
    static let strongValenceTenths = 20

    /// Adds the valence features of the mention at item `targetPosition`.
    static func appendValenceFeatures<Sink: FeatureSink>(
        _ sentence: PreparedSentence, items: UnsafeBufferPointer<Item>, position: UnsafeBufferPointer<Int32>, targetPosition: Int,
        targetFirst: Int,
        targetLast: Int, isSubject: Bool, spokenQuotes: [Int], engine: FeatureEngine, into features: inout Sink
    ) {
        let options = engine.actorContext
        let tokens = sentence.tokens
        let clause = tokens[targetFirst].clause
        let targetQuote = tokens[targetFirst].quote
        let length = max(0, options.segmentLength)
        let reach = options.lexiconNegationReach

        let (leftStart, segmentEnd) = segmentBounds(
            items: items, tokens: tokens, targetPosition: targetPosition,
            clause: clause, length: length)

        withZeroedCounts(ValenceFeature.Scope.allCases.count * 4) { counts in
            var sentenceNet = 0
            var segmentNet = 0
            func count(_ scope: ValenceFeature.Scope, _ tenths: Int) {
                let base = scope.rawValue * 4
                if tenths > 0 {
                    counts[base] += 1
                    if tenths >= strongValenceTenths { counts[base + 2] += 1 }
                } else {
                    counts[base + 1] += 1
                    if -tenths >= strongValenceTenths { counts[base + 3] += 1 }
                }
            }
            for index in tokens.indices {
                let token = tokens[index]
                var tenths = Int(token.valence)
                if abs(tenths) < weakValenceTenths { continue }
                if index >= targetFirst && index <= targetLast { continue }
                let itemIndex = Int(position[index])
                if itemIndex < 0 || items[itemIndex].role != 0 { continue }
                let negationDistance = Int(token.negationDistance)
                if reach > 0 && negationDistance >= 1 && negationDistance <= reach { tenths = -tenths }
                sentenceNet += tenths
                count(.sentence, tenths)
                if token.clause == clause {
                    count(.clause, tenths)
                    if itemIndex > targetPosition && itemIndex <= segmentEnd {
                        count(.segment, tenths)
                        segmentNet += tenths
                    } else if itemIndex < targetPosition && itemIndex >= leftStart {
                        count(.left, tenths)
                    } else {
                        count(.other, tenths)
                    }
                } else {
                    count(.outside, tenths)
                }
                if abs(itemIndex - targetPosition) <= 2 { count(.near, tenths) }
                if token.quote >= 0 {
                    if spokenQuotes.contains(Int(token.quote)) { count(.spoken, tenths) }
                    if token.quote == targetQuote { count(.insideQuote, tenths) }
                }
            }
            for scope in ValenceFeature.Scope.allCases {
                for category in 0..<4 {
                    let value = counts[scope.rawValue * 4 + category]
                    if value > 0 { features.add(FeatureKey.valence(ValenceFeature.count(scope, category)), value) }
                }
            }
            features.add(FeatureKey.valence(ValenceFeature.net(.sentence, tenths: sentenceNet)), 1)
            features.add(FeatureKey.valence(ValenceFeature.net(.segment, tenths: segmentNet)), 1)
            if isSubject && segmentNet != 0 {
                features.add(FeatureKey.valence(segmentNet > 0 ? .subjectSegmentPositive : .subjectSegmentNegative), 1)
            }
        }
    }
}

extension FeatureKey {
    /// A word-valence feature (`val:…`); the first id is its code.
    static let valenceFixed: UInt8 = 8

    /// The key of a word-valence feature.
    @inline(__always)
    static func valence(_ code: ValenceFeature) -> UInt64 { make(valenceFixed, Int32(code.rawValue), negated: false) }
}

/// Word-valence features: counts are `scope * 4 + category`; net buckets start at 100.
enum ValenceFeature: Int, CaseIterable {
    case sentencePositive = 0, sentenceNegative, sentenceStrongPositive, sentenceStrongNegative
    case clausePositive, clauseNegative, clauseStrongPositive, clauseStrongNegative
    case segmentPositive, segmentNegative, segmentStrongPositive, segmentStrongNegative
    case leftPositive, leftNegative, leftStrongPositive, leftStrongNegative
    case nearPositive, nearNegative, nearStrongPositive, nearStrongNegative
    case otherPositive, otherNegative, otherStrongPositive, otherStrongNegative
    case outsidePositive, outsideNegative, outsideStrongPositive, outsideStrongNegative
    case spokenPositive, spokenNegative, spokenStrongPositive, spokenStrongNegative
    case insideQuotePositive, insideQuoteNegative, insideQuoteStrongPositive, insideQuoteStrongNegative
    case sentenceNetStrongNegative = 100, sentenceNetNegative, sentenceNetZero, sentenceNetPositive,
        sentenceNetStrongPositive
    case segmentNetStrongNegative = 108, segmentNetNegative, segmentNetZero, segmentNetPositive,
        segmentNetStrongPositive
    case subjectSegmentPositive = 120, subjectSegmentNegative

    /// Where a rated word stands relative to the mention.
    enum Scope: Int, CaseIterable {
        case sentence = 0, clause, segment, left, near, other, outside, spoken, insideQuote

        /// The name part after `val:`.
        var name: String {
            switch self {
            case .sentence: "sent"
            case .clause: "clause"
            case .segment: "seg"
            case .left: "left"
            case .near: "near"
            case .other: "other"
            case .outside: "out"
            case .spoken: "said"
            case .insideQuote: "inq"
            }
        }
    }

    /// Category names by index: positive, negative, strongly positive, strongly negative.
    static let categoryNames = ["pos", "neg", "pos2", "neg2"]
    /// Net-valence bucket names, from strongly negative to strongly positive.
    static let netNames = ["-2", "-1", "0", "+1", "+2"]

    /// The count feature of a scope and category.
    static func count(_ scope: Scope, _ category: Int) -> ValenceFeature {
        // safe: scope and category (0..<4) come from the enum and loop above, whose raw values fill the cases.
        ValenceFeature(rawValue: scope.rawValue * 4 + category)!
    }

    /// The net-valence bucket of a sum of tenths: below −4, −4…−0.5, near 0, 0.5…4, above 4.
    static func net(_ scope: Scope, tenths: Int) -> ValenceFeature {
        let bucket: Int
        switch tenths {
        case ..<(-40): bucket = 0
        case -40 ..< -4: bucket = 1
        case -4...4: bucket = 2
        case 5...40: bucket = 3
        default: bucket = 4
        }
        // safe: only the sentence and segment scopes have net buckets; both raw ranges are filled.
        return ValenceFeature(rawValue: (scope == .segment ? 108 : 100) + bucket)!
    }

    /// The readable feature name.
    var name: String {
        switch rawValue {
        case 100..<105: return "val:net:sent:" + ValenceFeature.netNames[rawValue - 100]
        case 108..<113: return "val:net:seg:" + ValenceFeature.netNames[rawValue - 108]
        case 120: return "val:subj:seg:pos"
        case 121: return "val:subj:seg:neg"
        default:
            let scope = Scope(rawValue: rawValue / 4) ?? .sentence
            return "val:" + scope.name + ":" + ValenceFeature.categoryNames[rawValue % 4]
        }
    }

    /// Features by name, for reading a vocabulary.
    static let byName: [String: ValenceFeature] = Dictionary(
        uniqueKeysWithValues: ValenceFeature.allCases.map { ($0.name, $0) })
}
