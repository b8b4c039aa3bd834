import Synchronization

/// State for one call of `MentionDetector.mentions`.
///
/// Tokens of all sentences live in flat arrays indexed by a global token position, so
/// the passes touch plain integers rather than copying per-sentence structures.
struct DetectionPass {
    /// A mention whose actor is chosen in pass 4.
    struct Pending {
        var sentence: Int
        var range: Range<Int>
        /// Global position of the mention's first token.
        var firstToken: Int
        var candidates: [Int] = []
        var discovered: Int? = nil
        var resolution: MentionResolution
        var pronounGender: Actor.Gender? = nil
        /// What a pronoun can stand for: a person of `pronounGender`, one country or
        /// organisation (`its`), or a group (`their`).
        var pronounClass: PronounClass? = nil
        /// For `the minister`: the role noun a person introduced with it answers to.
        var role: String? = nil
        /// For `the minister` when no earlier actor fits: the phrase as an actor of its own.
        var fallback: Int? = nil
    }

    /// A person (or organisation) found in the text rather than the gazetteer.
    struct DiscoveredActor {
        var name: String
        var nameTokens: [String]
        /// The form later mentions may use alone: a person's surname, or the first word of
        /// a two-word organisation name (`Caldera` for `Caldera Steel`).
        var shortForm: String?
        var kind: ActorKind
        /// Role nouns the person was introduced with (`minister` for `Oil Minister Anil
        /// Varga`), so `the minister` can find them later.
        var roles: Set<String> = []
        /// Gender when a title says it (`Mrs`, `Queen`, `Sheikh`); pronouns fill it in later.
        var gender: Actor.Gender? = nil
    }

    /// A gazetteer match: the pattern, the last token consumed and the token after it.
    struct Match {
        var pattern: Int
        var last: Int
        var next: Int
    }

    private(set) var scalars: [Unicode.Scalar]
    let index: ActorPatternIndex
    let actors: [Actor]

    var sentences: [Sentence] = []
    /// Global token positions of each sentence.
    var sentenceTokens: [Range<Int>] = []
    var isHeadline: [Bool] = []
    /// Sentences written in capitals (wire headlines): their letters' case says nothing,
    /// so gazetteer surfaces match them in any case.
    var isAllCaps: [Bool] = []
    /// Each sentence's first word token (past opening quotes), or its first token.
    var firstWords: [Int] = []
    /// Each sentence's tokens as given; read only for token texts, on rare paths.
    var tokenLists: [[Token]] = []
    /// Token ranges and kinds, flat: plain values, so filling them retains nothing.
    var ranges: [Range<Int>] = []
    var kinds: [Token.Kind] = []
    var tokenIDs: [Int32] = []
    var flags: [WordFlags] = []
    /// The sentence each token belongs to.
    var sentenceOf: [Int] = []
    /// The next token that does not overlap this one (skips the parts of a name pair).
    var next: [Int] = []
    /// Whether the token is a part listed after its hyphenated whole.
    var isPart: [Bool] = []
    var covered: [Bool] = []
    /// Tokens right after a title that is not followed by its holder's name.
    var titleFollowers: [Int] = []
    /// Known surnames preceded by an unknown given name (`Andy Harris` when the gazetteer
    /// knows another Harris): a different person, left to discovery.
    var surnameCollisions: [Int] = []
    var pending: [Pending] = []
    var discovered: [DiscoveredActor] = []

    @inline(__always)
    static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "'" || scalar == ")" || scalar == "]"
    }

    @inline(__always)
    static func isStop(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "?" || scalar == "!" || scalar == "\u{2026}"
    }

    init(scalars: [Unicode.Scalar], patterns: ActorPatternIndex, actors: [Actor]) {
        self.scalars = scalars
        self.index = patterns
        self.actors = actors
    }

    /// Room for tokens the per-token arrays hold, for deciding whether the pass is worth keeping.
    var tokenCapacity: Int { ranges.capacity }

    /// Starts a pass that `reset` has already emptied (a kept one) on `scalars`: emptying its
    /// arrays again cost as much as some of its passes on a one-sentence document.
    mutating func begin(scalars: [Unicode.Scalar]) {
        assert(ranges.isEmpty && sentences.isEmpty && pending.isEmpty && discovered.isEmpty, "a kept pass was not emptied")
        self.scalars = scalars
    }

    /// Empties the pass for another text, keeping every array's capacity: a detector
    /// reuses passes (see `DetectionScratch`), since allocating and freeing some twenty
    /// arrays per document cost more than most of its passes.
    mutating func reset(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        sentences.removeAll(keepingCapacity: true)
        sentenceTokens.removeAll(keepingCapacity: true)
        isHeadline.removeAll(keepingCapacity: true)
        isAllCaps.removeAll(keepingCapacity: true)
        firstWords.removeAll(keepingCapacity: true)
        tokenLists.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        kinds.removeAll(keepingCapacity: true)
        tokenIDs.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
        sentenceOf.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        isPart.removeAll(keepingCapacity: true)
        covered.removeAll(keepingCapacity: true)
        titleFollowers.removeAll(keepingCapacity: true)
        surnameCollisions.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
        discovered.removeAll(keepingCapacity: true)
    }

    mutating func addSentence(_ sentence: Sentence, tokens sentenceTokenList: [Token]) {
        let base = ranges.count
        let end = base + sentenceTokenList.count
        if ranges.capacity < end {
            // Grow every per-token array together, geometrically.
            let capacity = max(end, ranges.capacity * 2)
            ranges.reserveCapacity(capacity)
            kinds.reserveCapacity(capacity)
            tokenIDs.reserveCapacity(capacity)
            flags.reserveCapacity(capacity)
            sentenceOf.reserveCapacity(capacity)
            next.reserveCapacity(capacity)
            isPart.reserveCapacity(capacity)
            covered.reserveCapacity(capacity)
        }
        let position = sentences.count
        var coveredUntil = Int.min
        var words = 0
        var capitalised = 0
        var longWords = 0
        var allCapsWords = 0
        let count = sentenceTokenList.count
        // Every column grows once per sentence, in bulk, and is then set per token: an append
        // per token and column took a call into the standard library each (a few percent of
        // all prediction work). Tokens are read through an unchecked view of the caller's
        // list, which copies no token and retains no text.
        sentenceOf.append(contentsOf: repeatElement(position, count: count))
        covered.append(contentsOf: repeatElement(false, count: count))
        ranges.append(contentsOf: repeatElement(0..<0, count: count))
        kinds.append(contentsOf: repeatElement(.word, count: count))
        tokenIDs.append(contentsOf: repeatElement(-1, count: count))
        flags.append(contentsOf: repeatElement([], count: count))
        next.append(contentsOf: repeatElement(end, count: count))
        isPart.append(contentsOf: repeatElement(false, count: count))
        let entries = index.entries
        sentenceTokenList.withUnsafeBufferPointer { list in
            for offset in 0..<count {
                let range = list[offset].range
                let kind = list[offset].kind
                var following = offset + 1
                while following < count && list[following].range.lowerBound < range.upperBound {
                    following += 1
                }
                let part = range.lowerBound < coveredUntil
                if !part { coveredUntil = range.upperBound }
                let global = base + offset
                ranges[global] = range
                kinds[global] = kind
                let entry = entries.value(for: list[offset].text) ?? ActorPatternIndex.Entry(id: -1, flags: [])
                tokenIDs[global] = entry.id
                flags[global] = entry.flags
                next[global] = base + following
                isPart[global] = part
                if kind == .word && !part && !entry.flags.contains(.headlineFunction) {
                    words += 1
                    let upper = ScalarClass.isUppercase(scalars[range.lowerBound])
                    if upper { capitalised += 1 }
                    if range.count >= 2 {
                        longWords += 1
                        // Only a word that starts upper-case can be all capitals.
                        if upper && ActorPatternIndex.caseRule(of: scalars, range) == .allCaps { allCapsWords += 1 }
                    }
                }
            }
        }
        sentences.append(sentence)
        tokenLists.append(sentenceTokenList)
        sentenceTokens.append(base..<end)
        // A headline has no closing stop and is title-cased; ordinary sentences, even ones
        // full of names, end with a stop or stay well below this share of capitals.
        var last = end - 1
        while last >= base && kinds[last] == .punctuation && Self.isClosing(TextNormalizer.fold(scalars[ranges[last].lowerBound])) {
            last -= 1
        }
        let stopped = last >= base && kinds[last] == .punctuation && Self.isStop(scalars[ranges[last].lowerBound])
        isHeadline.append(!stopped && words >= 3 && Double(capitalised) >= 0.7 * Double(words))
        isAllCaps.append(longWords >= 2 && Double(allCapsWords) >= 0.8 * Double(longWords))
        firstWords.append((base..<end).first { kinds[$0] == .word } ?? base)
    }
}

/// Detection passes kept between documents, one per thread at work, so their arrays keep
/// their capacity; a pass is taken out for one document and given back after it.
final class DetectionScratch: Sendable {
    /// One reusable pass; a class, so handing it around never copies (and so never
    /// un-shares) its arrays. Unchecked: one thread at a time holds a slot, between
    /// `take` and `give`, and the lock orders those.
    final class Slot: @unchecked Sendable {
        var pass: DetectionPass
        init(_ pass: DetectionPass) { self.pass = pass }
    }

    /// More passes than this are dropped rather than kept (more threads than that are rare).
    static let limit = 64
    /// A pass whose arrays grew past this many tokens (a very long article, some tens of
    /// megabytes of columns) is dropped rather than kept, so one such document does not pin
    /// its memory for the rest of the run.
    static let maximumKeptTokens = 1 << 16
    private let free = Mutex<[Slot]>([])

    /// A kept slot, or nil when none is free.
    func take() -> Slot? { free.withLock { $0.popLast() } }

    /// Keeps `slot` for a later document, emptied first, so no article stays in memory.
    func give(_ slot: Slot) {
        guard slot.pass.tokenCapacity <= Self.maximumKeptTokens else { return }
        slot.pass.reset(scalars: [])
        free.withLock { slots in
            if slots.count < Self.limit { slots.append(slot) }
        }
    }
}
