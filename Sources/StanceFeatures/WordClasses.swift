/// Closed word lists that stand in for a part-of-speech tagger in the context features.
///
/// The subject approximation needs to know where the first verb of a clause is and
/// whether a preposition intervenes; without a tagger, closed classes (auxiliaries,
/// prepositions, determiners) are listed and open-class verbs are guessed from their
/// inflection (see `ActorContextVectorizer`).
enum WordClasses {
    /// Auxiliaries and modals, including the tokenizer's clitic halves (`wo` of `won't`).
    static let auxiliaries: Set<String> = [
        "is", "are", "was", "were", "be", "been", "am", "'re", "'m", "has", "have", "had", "'ve", "does",
        "do", "did", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "wo", "ca",
        "'ll", "'d", "cannot",
    ]

    /// Prepositions: a mention after one is not the subject ("talks *with* Hamas stalled").
    static let prepositions: Set<String> = [
        "of", "with", "to", "for", "in", "on", "at", "by", "from", "against", "about", "between", "among",
        "amongst", "over", "under", "into", "toward", "towards", "through", "during", "after", "before",
        "without", "within", "across", "including", "like", "amid", "amidst", "despite", "than", "via", "per",
        "around", "behind", "beyond", "near", "upon", "onto", "alongside", "regarding", "concerning", "unlike",
        "besides", "inside", "outside",
    ]

    /// Determiners and possessive pronouns: a word after one is a noun, not a verb
    /// ("the *proposed* deal" is not the clause's verb).
    static let determiners: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
        "any", "some", "every", "each", "another", "no", "'s",
    ]

    /// Stems of verbs whose `-s` form is a verb far more often than a noun in news copy
    /// ("Hamas *rejects* the offer"); noun-like verbs (plan, call, talk) are left out.
    static let verbStems: Set<String> = {
        let bases = [
            "reject", "refuse", "accept", "welcome", "insist", "urge", "warn", "threaten", "vow", "propose",
            "seek", "want", "announce", "deny", "dismiss", "oppose", "express", "condemn", "praise", "criticise",
            "criticize", "accuse", "meet", "visit", "pledge", "maintain", "remain", "appear", "seem", "suggest",
            "describe", "decline", "argue", "respond", "reply", "believe", "think", "expect", "declare",
            "indicate", "prepare", "continue", "agree", "say", "tell", "add", "endorse", "embrace", "resist",
            "consider", "acknowledge", "admit", "concede", "stress", "emphasise", "emphasize", "reiterate",
            "repeat", "downplay", "temper", "blame", "reaffirm", "renew", "resume", "halt", "suspend",
            "boycott", "abandon", "refrain", "approve", "ratify", "sign", "invite", "host", "broker", "mediate",
            "negotiate", "retaliate", "escalate", "insult", "mock", "slam", "hail", "commend", "thank", "back",
            "join", "quit",
        ]
        return Set(bases.map(LightStemmer.stem))
    }()

    /// `verbStems` hashed over bytes, for the word table's one probe per word at load.
    static let verbStemTable = TokenTable(Dictionary(uniqueKeysWithValues: verbStems.map { ($0, true) }))

    /// Irregular past forms that are verbs even without `-ed` ("Putin *met* Trump").
    static let irregularPastForms: Set<String> = {
        // Ambiguous ones (left, set, put, cut, hit, led, won, fell, rose, saw, bore) are
        // nouns or adjectives too often to mark a clause's verb.
        let ambiguous: Set<String> = [
            "left", "set", "put", "cut", "hit", "led", "won", "fell", "rose", "saw", "bore", "is", "are", "am",
            "'re", "'m", "'ve", "'ll", "n't", "wo", "ca", "sha", "been", "being", "having", "doing", "done",
            "given", "taken", "seen", "gone", "broken", "spoken", "written", "chosen", "thrown", "drawn", "risen",
            "fallen", "frozen", "hidden", "blown", "shaken", "sworn", "begun", "withdrawn", "goes", "says",
            "does",
        ]
        return Set(LightStemmer.irregular.keys).subtracting(ambiguous)
    }()

    /// Whether a lower-cased word looks like a regular past form (`rejected`, `tempered`).
    @inline(__always)
    static func looksPast(_ word: String) -> Bool {
        var utf8 = word.utf8.makeIterator()
        var count = 0
        var secondLast: UInt8 = 0
        var last: UInt8 = 0
        while let byte = utf8.next() {
            secondLast = last
            last = byte
            count += 1
        }
        return count >= 5 && secondLast == UInt8(ascii: "e") && last == UInt8(ascii: "d")
    }

    /// Flags a word has by its own text (not those that depend on its stem).
    /// `listed` is `listedFlags` made into a table once per word table: looking a word up in
    /// eight `Set<String>`s cost more than the rest of building it.
    static func ownFlags(_ word: String, listed: TokenTable<WordFlags>) -> WordFlags {
        var flags = listed.value(for: word) ?? []
        if looksPast(word) { flags.insert(.pastForm) }
        return flags
    }

    /// The flags of every listed word, with the configuration's negators and clause boundaries.
    static func listedFlags(negators: Set<String>, clauseBoundaries: Set<String>) -> [String: WordFlags] {
        var table: [String: WordFlags] = [:]
        func mark(_ words: some Sequence<String>, _ flag: WordFlags) {
            for word in words { table[word, default: []].insert(flag) }
        }
        mark(negators, .negator)
        mark(clauseBoundaries, .clauseBoundary)
        mark(auxiliaries, .auxiliary)
        mark(SpeechVerbs.all, .speechVerb)
        mark(prepositions, .preposition)
        mark(determiners, .determiner)
        mark(SpeechVerbs.subjectPronouns, .pronoun)
        mark(irregularPastForms, .pastForm)
        mark(["\""], .doubleQuote)
        mark(["'"], .singleQuote)
        mark([":"], .colon)
        return table
    }

    /// Punctuation tokens, kept in the word table so that looking them up never falls
    /// through to stemming (they are never features themselves).
    static let punctuation = ["\"", "'", ":", ",", ".", ";", "!", "?", "(", ")", "[", "]", "-", "--", "...", "/", "<num>"]

    /// Every word a flag depends on, so the word table can hold them all.
    static var listedWords: [String] {
        Array(auxiliaries) + Array(prepositions) + Array(determiners) + Array(SpeechVerbs.all)
            + Array(SpeechVerbs.subjectPronouns) + Array(irregularPastForms) + Array(verbStems) + punctuation
    }
}

/// The package's one set of word classes, as bits looked up once per token: the classes the
/// mention detector reads (from `MentionWords` and `SpeechVerbs`) and the closed classes the
/// context features read (from `WordClasses`). `speechVerb` and `preposition` serve both.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt64
    static let speechVerb = WordFlags(rawValue: 1 << 0)
    static let malePronoun = WordFlags(rawValue: 1 << 1)
    static let femalePronoun = WordFlags(rawValue: 1 << 2)
    static let headlineFunction = WordFlags(rawValue: 1 << 3)
    static let notName = WordFlags(rawValue: 1 << 4)
    static let titleWord = WordFlags(rawValue: 1 << 5)
    static let particle = WordFlags(rawValue: 1 << 6)
    static let locative = WordFlags(rawValue: 1 << 7)
    static let affiliation = WordFlags(rawValue: 1 << 8)
    static let roleNoun = WordFlags(rawValue: 1 << 9)
    static let preposition = WordFlags(rawValue: 1 << 10)
    static let organisation = WordFlags(rawValue: 1 << 11)
    static let place = WordFlags(rawValue: 1 << 12)
    static let groupHead = WordFlags(rawValue: 1 << 13)
    static let roleHead = WordFlags(rawValue: 1 << 14)
    static let neuterPronoun = WordFlags(rawValue: 1 << 15)
    static let pluralPronoun = WordFlags(rawValue: 1 << 16)
    static let referenceDeterminer = WordFlags(rawValue: 1 << 17)
    static let collectiveNoun = WordFlags(rawValue: 1 << 18)
    static let organisationReference = WordFlags(rawValue: 1 << 19)
    static let modifiedNoun = WordFlags(rawValue: 1 << 20)
    static let phraseBreaker = WordFlags(rawValue: 1 << 21)
    static let statementAuxiliary = WordFlags(rawValue: 1 << 22)
    static let sourceRole = WordFlags(rawValue: 1 << 23)
    static let acronymStop = WordFlags(rawValue: 1 << 24)
    static let negator = WordFlags(rawValue: 1 << 25)
    static let clauseBoundary = WordFlags(rawValue: 1 << 26)
    static let auxiliary = WordFlags(rawValue: 1 << 27)
    static let verbStem = WordFlags(rawValue: 1 << 28)
    static let determiner = WordFlags(rawValue: 1 << 29)
    static let pronoun = WordFlags(rawValue: 1 << 30)
    static let pastForm = WordFlags(rawValue: 1 << 31)
    static let doubleQuote = WordFlags(rawValue: 1 << 32)
    static let singleQuote = WordFlags(rawValue: 1 << 33)
    static let colon = WordFlags(rawValue: 1 << 34)

    /// Every word the detector classifies, with its detector classes.
    static let table: [String: WordFlags] = {
        var table: [String: WordFlags] = [:]
        let lists: [(Set<String>, WordFlags)] = [
            (SpeechVerbs.all, .speechVerb), (MentionWords.malePronouns, .malePronoun),
            (MentionWords.femalePronouns, .femalePronoun), (MentionWords.headlineFunctionWords, .headlineFunction),
            (MentionWords.notNames, .notName), (MentionWords.titleWords, .titleWord), (MentionWords.nameParticles, .particle),
            (MentionWords.locatives, .locative), (MentionWords.affiliationNouns, .affiliation), (MentionWords.roleNouns, .roleNoun),
            (WordClasses.prepositions, .preposition), (MentionWords.organisationWords, .organisation),
            (MentionWords.placeWords, .place), (MentionWords.groupHeads, .groupHead), (MentionWords.roleHeads, .roleHead),
            (MentionWords.neuterPronouns, .neuterPronoun), (MentionWords.pluralPronouns, .pluralPronoun),
            (MentionWords.referenceDeterminers, .referenceDeterminer), (MentionWords.collectiveNouns, .collectiveNoun),
            (MentionWords.organisationReferences, .organisationReference), (MentionWords.modifiedNouns, .modifiedNoun),
            (MentionWords.phraseBreakers, .phraseBreaker), (MentionWords.statementAuxiliaries, .statementAuxiliary),
            (MentionWords.sourceRoles, .sourceRole), (MentionWords.acronymStoplist, .acronymStop),
        ]
        for (words, flag) in lists {
            for word in words { table[word, default: []].insert(flag) }
        }
        return table
    }()
}
