/// Packs a feature template and its word ids into one 64-bit key, and names it.
///
/// Layout: bits 56–63 the template, 48–55 flags (bit 0: first word negated, bit 1:
/// second word negated), 24–47 the first word id, 0–23 the second. Rows are built
/// from keys (integer hashing, no string concatenation per token); the readable name
/// is made only when the vocabulary is written or a feature is explained.
enum FeatureKey {
    /// Word ids are 24 bits wide.
    static let maximumWordID: Int32 = (1 << 24) - 1

    /// Sentence unigram `bow:w`.
    static let bowUnigram: UInt8 = 1
    /// Sentence bigram `bow:w1 w2`.
    static let bowBigram: UInt8 = 2
    /// Word of the mention's clause `clause:w`.
    static let clauseWord: UInt8 = 3
    /// Word inside a quote the mention speaks `quote:w:w`.
    static let quoteWord: UInt8 = 4
    /// A feature without words (`subj`, `lex:open`, …); the first id is its code.
    static let fixed: UInt8 = 5
    /// Window words: `windowBase + side * 16 + bucket`, side 0 left, 1 right.
    static let windowBase: UInt8 = 32

    /// The key of a one- or two-word feature.
    @inline(__always)
    static func make(_ template: UInt8, _ first: Int32, negated: Bool, _ second: Int32 = 0, secondNegated: Bool = false)
        -> UInt64
    {
        let flags: UInt64 = (negated ? 1 : 0) | (secondNegated ? 2 : 0)
        return UInt64(template) << 56 | flags << 48 | UInt64(UInt32(bitPattern: first) & 0xFF_FFFF) << 24
            | UInt64(UInt32(bitPattern: second) & 0xFF_FFFF)
    }

    /// The key of a feature without words.
    @inline(__always)
    static func fixed(_ code: FixedFeature) -> UInt64 { make(fixed, Int32(code.rawValue), negated: false) }

    static func template(_ key: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: key >> 56) }
    static func flags(_ key: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: key >> 48) }
    static func first(_ key: UInt64) -> Int32 { Int32(truncatingIfNeeded: (key >> 24) & 0xFF_FFFF) }
    static func second(_ key: UInt64) -> Int32 { Int32(truncatingIfNeeded: key & 0xFF_FFFF) }

    /// Whether a key belongs to the bag-of-words block (its own minimum document frequency and idf).
    static func isBagOfWords(_ key: UInt64) -> Bool {
        let t = template(key)
        return t == bowUnigram || t == bowBigram
    }

    /// Prefix marking a negated word in a feature name: `bow:not_reject`.
    static let negationPrefix = "not_"
}

/// Features that carry no word: structural indicators and lexicon counts.
enum FixedFeature: Int, WordlessFeature {
    case subject = 0
    case quoteSpeaker = 1
    case quoteInside = 2
    // Lexicon counts: 8 + scope * 8 + category.
    case lexOpen = 8, lexSkeptical, lexHardline, lexPositive, lexNegative
    case lexClauseOpen = 16, lexClauseSkeptical, lexClauseHardline, lexClausePositive, lexClauseNegative
    case lexWindowOpen = 24, lexWindowSkeptical, lexWindowHardline, lexWindowPositive, lexWindowNegative
    case lexQuoteOpen = 32, lexQuoteSkeptical, lexQuoteHardline, lexQuotePositive, lexQuoteNegative
    case lexSubjectOpen = 40, lexSubjectSkeptical, lexSubjectHardline, lexSubjectPositive, lexSubjectNegative

    /// Where a lexicon hit was counted.
    enum LexiconScope: Int, CaseIterable {
        case sentence = 0, clause, window, quote, subject

        /// The name part after `lex:`.
        var prefix: String {
            switch self {
            case .sentence: "lex:"
            case .clause: "lex:clause:"
            case .window: "lex:window:"
            case .quote: "lex:quote:"
            case .subject: "lex:subj:"
            }
        }
    }

    static let lexiconBase = 8

    static func lexiconPrefix(_ scope: LexiconScope) -> String { scope.prefix }

    var indicatorName: String? {
        switch self {
        case .subject: "subj"
        case .quoteSpeaker: "quote:speaker"
        case .quoteInside: "quote:inside"
        default: nil
        }
    }

    /// Fixed features by name, for reading a vocabulary.
    static let byName = namedTable()
}

/// A feature that carries no word: a few indicators, then one lexicon count per scope and
/// category at raw value `lexiconBase + scope * 8 + category`.
protocol WordlessFeature: CaseIterable, RawRepresentable where RawValue == Int {
    associatedtype Scope: CaseIterable, RawRepresentable where Scope.RawValue == Int
    /// The raw value of the first lexicon count (a multiple of 8).
    static var lexiconBase: Int { get }
    /// The name of a lexicon count of `scope`, before its category.
    static func lexiconPrefix(_ scope: Scope) -> String
    /// The name of an indicator; nil for lexicon counts.
    var indicatorName: String? { get }
}

extension WordlessFeature {
    /// The lexicon count feature of a scope and category.
    static func lexicon(_ scope: Scope, _ category: Int) -> Self {
        // safe: scope and category come from CaseIterable enums whose raw values fill the cases.
        Self(rawValue: lexiconBase + scope.rawValue * 8 + category)!
    }

    /// The readable feature name.
    var name: String {
        if let indicatorName { return indicatorName }
        let scope = Scope(rawValue: (rawValue - Self.lexiconBase) / 8) ?? Array(Scope.allCases)[0]
        return Self.lexiconPrefix(scope) + Lexicons.Category.allCases[rawValue % 8].rawValue
    }

    /// Every feature by its name.
    static func namedTable() -> [String: Self] { Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) }) }
}
