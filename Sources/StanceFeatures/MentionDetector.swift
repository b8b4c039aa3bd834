/// Finds every reference to an actor in an article: names, titles, pronouns and
/// people the gazetteer does not know.
///
/// Work happens in four passes over the sentences' tokens:
/// 1. Gazetteer surfaces, longest match first at each token, looked up by first token.
///    Capitalised words of names must be capitalised in the text (`Trump`, not `trump`),
///    all-caps ones all-caps (`US`, not `us`); titles and lower-case group names match in
///    any case. A title directly followed by its holder's name is one name mention
///    (`Russian President Vladimir Putin`); followed by another known name, only that name
///    counts. A place name right after `in`, `to`, `from`, `at`, `near`, `into`, `toward(s)`
///    is a location, not an actor (`travel to Moscow`), unless a possessive follows
///    (`in Moscow's view`), `from` follows a people noun (`officials from Downing Street`)
///    or `to` follows `according`. A name alias that is only a surname, right after
///    an unknown given name, is a different person (`Andy Harris` is not Kamala Harris);
///    after a variant of the actor's own given name it joins the mention (`Wolodymyr Zelensky`).
/// 2. Discovery of unknown people (not in headlines, lines without a closing stop whose
///    words are mostly capitalised, since their capitals mean nothing): a
///    capitalised name of two or more words right after or right before a lower-case
///    speech verb (`emphasized Ana Costa`, `Ana Costa said`), before an apposition naming
///    a role (`Ana Costa, a senior negotiator`), or after a title whose holder it is not
///    (`Ukrainian President Ana Costa`, one word suffices here), or a known person's
///    surname after an unknown given name (`Andy Harris` when the gazetteer has Kamala
///    Harris). A run that contains or precedes an organisation word (`Railways`,
///    `Government`) is discovered as an organisation (or government body) under its whole
///    capitalised name; one with a place word (`Sea`, `Accords`) is dropped.
/// 3. Later occurrences of a discovered name anywhere in the article: the full name, a
///    person's surname, or the first word of a two-word organisation (`Caldera` for
///    `Caldera Steel`, except as a sentence's first word).
/// 4. In reading order: a title or shared name goes to the candidate mentioned most
///    recently in the article (or the first in the gazetteer if none was); `he`/`him`/
///    `his`/`himself` and `she`/`her`/`hers`/`herself` go to the most recent person in the
///    same paragraph whose gender is compatible (unknown gender fits both), skipping one
///    that is the object of a preposition when a person in this or the previous sentence
///    is not (`Costa's view of Lund, as she said` is Costa).
public struct MentionDetector: Sendable {
  /// The actors to look for.
  public let gazetteer: ActorGazetteer
  private let tokenizer = Tokenizer()

  /// Creates a detector for the actors in `gazetteer`.
  public init(gazetteer: ActorGazetteer) {
    self.gazetteer = gazetteer
  }

  /// Mentions in `text`, whose `sentences` came from `SentenceSplitter`; sorted by offset.
  public func mentions(in text: String, sentences: [Sentence]) -> [Mention] {
    mentions(in: ScalarText.scalars(of: text), sentences: sentences)
  }

  /// Mentions in text already decoded to scalars; ranges are offsets into `scalars`.
  public func mentions(in scalars: [Unicode.Scalar], sentences: [Sentence]) -> [Mention] {
    mentions(in: scalars, sentences: sentences, tokens: sentences.map { sentence in
      tokenizer.tokenize(scalars, in: clamped(sentence.range, count: scalars.count))
    })
  }

  /// Mentions when the caller has already tokenized each sentence, so a pipeline that
  /// needs the tokens for features too tokenizes once: `tokens[i]` must be
  /// `Tokenizer().tokenize(scalars, in: sentences[i].range)`.
  public func mentions(in scalars: [Unicode.Scalar], sentences: [Sentence], tokens: [[Token]]) -> [Mention] {
    var pass = DetectionPass(scalars: scalars, patterns: gazetteer.patterns, actors: gazetteer.actors)
    for (position, sentence) in sentences.enumerated() {
      let bounds = clamped(sentence.range, count: scalars.count)
      let sentenceTokens = position < tokens.count ? tokens[position] : []
      // Tokens from another text must not crash the detector: keep only those in range.
      if sentenceTokens.allSatisfy({ $0.range.lowerBound >= bounds.lowerBound && $0.range.upperBound <= bounds.upperBound }) {
        pass.addSentence(sentence, tokens: sentenceTokens)
      } else {
        pass.addSentence(sentence, tokens: sentenceTokens.filter {
          $0.range.lowerBound >= bounds.lowerBound && $0.range.upperBound <= bounds.upperBound
        })
      }
    }
    pass.matchGazetteer()
    pass.discoverPeople()
    pass.matchDiscoveredPeople()
    pass.findRoleReferences()
    pass.findGroups()
    return pass.resolve()
  }

  /// `range` limited to `0..<count`, so sentences from another text cannot crash.
  func clamped(_ range: Range<Int>, count: Int) -> Range<Int> {
    let lower = min(max(range.lowerBound, 0), count)
    return lower..<min(max(range.upperBound, lower), count)
  }
}

/// Word lists the detector relies on; each is small and closed.
enum MentionWords {
  /// Prepositions after which a place name is a location.
  static let locatives: Set<String> = ["in", "to", "from", "at", "near", "into", "toward", "towards"]
  /// Nouns before `from` that make the place a speaker (`officials from Downing Street`).
  static let affiliationNouns: Set<String> = [
    "officials", "official", "diplomats", "diplomat", "envoys", "envoy", "representatives", "representative",
    "delegation", "delegations", "delegates", "sources", "aides", "aide", "statement", "statements", "comments",
    "response", "signal", "signals", "message", "messages", "word", "reaction", "pressure", "demands", "negotiators",
    "spokesman", "spokeswoman", "spokesperson", "ministers", "leaders", "counterparts", "team", "advisers", "advisors",
  ]
  /// Prepositions whose object is a poor antecedent for a following pronoun.
  static let prepositions: Set<String> = [
    "of", "with", "between", "to", "for", "about", "against", "from", "by", "toward", "towards", "on", "at", "in",
    "into", "among", "over", "than", "like", "without", "after", "before", "behind", "beside", "under",
  ]
  /// Short words that headlines leave in lower case.
  static let headlineFunctionWords: Set<String> = [
    "of", "as", "on", "the", "a", "an", "to", "in", "for", "and", "or", "at", "by", "with", "from",
  ]
  static let malePronouns: Set<String> = ["he", "him", "his", "himself"]
  static let femalePronouns: Set<String> = ["she", "her", "hers", "herself"]
  /// Lower-case particles allowed inside a name (`Ursula von der Leyen`).
  static let nameParticles: Set<String> = ["von", "van", "der", "den", "de", "da", "di", "la", "le", "du", "dos", "bin", "ibn", "al", "el"]
  /// Capitalised words that are not names: sentence openers, days, months.
  static let notNames: Set<String> = [
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "when", "while", "after", "before", "as", "this",
    "that", "these", "those", "it", "he", "she", "they", "we", "i", "his", "her", "their", "its", "our", "my", "your",
    "you", "there", "here", "however", "meanwhile", "despite", "although", "since", "during", "with", "without",
    "for", "from", "by", "to", "of", "not", "no", "yes", "so", "yet", "still", "also", "then", "now", "today",
    "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "christmas", "easter", "ramadan", "north", "south", "east", "west", "western", "eastern",
    "later", "earlier", "also", "instead", "separately", "asked", "speaking", "according", "overall", "last",
    "next", "first", "finally", "ultimately", "nevertheless", "nonetheless", "moreover", "furthermore", "indeed",
    "elsewhere", "previously", "currently", "recently", "eventually", "subsequently", "initially", "once",
    "only", "even", "both", "all", "some", "many", "most", "few", "several", "each", "every", "another", "other",
    "what", "who", "why", "how", "where", "which", "whose", "until", "unless", "because", "though", "whether",
    "under", "over", "between", "among", "against", "about", "around", "through", "across", "amid", "following",
    "dear", "thanks", "please", "sources", "officials", "analysts", "critics", "experts", "observers",
  ]
  /// Capitalised role words that precede a name but are not part of it.
  static let titleWords: Set<String> = [
    "president", "vice", "prime", "minister", "foreign", "defence", "defense", "secretary", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "deputy", "chief", "general", "gen", "sen", "senator",
    "rep", "representative", "governor", "gov", "mayor", "chancellor", "king", "queen", "prince", "princess",
    "sheikh", "emir", "pope", "judge", "justice", "commander", "colonel", "col", "lieutenant", "lt", "captain",
    "capt", "admiral", "adm", "major", "maj", "sergeant", "sgt", "director", "chairman", "chairwoman", "chair",
    "head", "leader", "speaker", "professor", "prof", "dr", "mr", "mrs", "ms", "sir", "dame", "lord", "lady",
    "former", "acting", "interim", "opposition", "senior", "top", "official", "analyst", "economist", "counsel",
    "attorney", "adviser", "advisor", "commissioner", "premier", "ministry", "department", "state", "finance",
    "interior", "trade", "economy", "affairs", "security", "national", "council", "navy", "army", "air", "force",
    "russian", "ukrainian", "american", "british", "french", "german", "chinese", "european", "israeli",
    "iranian", "turkish", "polish", "italian", "spanish", "japanese", "indian", "canadian", "us", "u.s.", "uk", "un",
    "superintendent", "inspector", "detective", "sheriff", "marshal", "officer", "councillor", "councilor",
    "alderman", "rabbi", "imam", "bishop", "archbishop", "cardinal", "reverend", "rev", "father", "coach", "manager",
    "negotiator", "mediator", "special", "trustee", "treasurer", "ombudsman", "auditor", "brigadier", "corporal",
    "assistant", "associate", "undersecretary", "executive", "ceo", "secretary-general", "president-elect",
    "vice-president", "vice-chancellor", "deputy-director", "democrat", "republican", "conservative", "labour",
    "liberal", "tory", "socialist", "communist", "candidate", "rival", "incumbent", "veteran", "lawmaker", "mp",
    "chairperson", "founder", "owner", "union", "lead", "chief-executive", "agent", "consul",
  ]
  /// Capitalised words that mark an organisation (`Northern Crown Railways`,
  /// `National Unity Government`): such a name is discovered as an organisation.
  static let organisationWords: Set<String> = [
    "government", "council", "ministry", "party", "union", "railways", "railway", "group", "forces", "army", "front",
    "committee", "commission", "agency", "association", "airways", "airlines", "air", "motors", "industries", "steel",
    "bank", "company", "corp", "corporation", "inc", "ltd", "plc", "llc", "authority", "court", "assembly",
    "parliament", "congress", "senate", "coalition", "alliance", "movement", "organization", "organisation",
    "institute", "university", "foundation", "fund", "board", "office", "department", "service", "services",
    "police", "guard", "news", "times", "post", "press", "media", "network", "holdings", "partners", "capital",
    "energy", "pharma", "biosciences", "systems", "technologies", "labs", "federation", "league", "club", "guild",
    "employers", "workers", "labour", "administration", "cabinet", "brigade", "battalion", "militia", "navy",
    "ferries", "shipping", "logistics", "mining", "oil", "gas", "petroleum", "foods", "telecom", "insurance",
    "securities", "trust", "council", "chamber", "society", "institution", "bureau", "directorate", "secretariat",
  ]
  /// Organisation words that make the organisation a government body.
  static let governmentWords: Set<String> = [
    "government", "ministry", "authority", "commission", "parliament", "assembly", "senate", "congress", "court",
    "department", "office", "agency", "police", "army", "forces", "guard", "council", "administration", "cabinet",
    "navy",
  ]
  /// Capitalised words that mark a place, an event or a document, never an actor
  /// (`Red Sea`, `Gaza Strip`, `Abraham Accords`).
  static let placeWords: Set<String> = [
    "york", "angeles", "francisco", "america", "europe", "asia", "africa", "round", "exchange", "index",
    "sea", "ocean", "river", "gulf", "strait", "strip", "mountains", "valley", "street", "square", "island", "islands",
    "peninsula", "bay", "lake", "canal", "desert", "coast", "border", "province", "region", "state", "states",
    "city", "county", "district", "airport", "port", "palace", "hall", "house", "building", "tower", "hotel",
    "center", "centre", "stadium", "bridge", "road", "avenue", "park", "church", "mosque", "cathedral",
    "republic", "kingdom", "emirates", "territory", "territories", "zone", "corridor", "pipeline", "field",
    "summit", "talks", "treaty", "accord", "accords", "agreement", "plan", "act", "bill", "day", "week", "war",
    "crisis", "prize", "award", "games", "cup", "conference", "forum", "festival",
  ]
  /// Singular role nouns that make `Name, a …` an apposition about a person.
  static let roleNouns: Set<String> = [
    "representative", "spokesman", "spokeswoman", "spokesperson", "minister", "official", "adviser", "advisor",
    "envoy", "ambassador", "diplomat", "president", "leader", "negotiator", "analyst", "commander", "general",
    "secretary", "senator", "lawmaker", "chief", "head", "director", "member", "aide", "deputy", "governor", "mayor",
    "chancellor", "professor", "expert", "researcher", "economist", "chairman", "chairwoman", "chair", "founder",
    "ceo", "executive", "politician", "mp", "congressman", "congresswoman", "colonel", "officer", "journalist",
    "activist", "lawyer", "judge", "prosecutor", "commissioner", "mediator", "strategist", "fellow", "veteran",
  ]
}

/// The word classes of `MentionWords` and `SpeechVerbs` as bits, looked up once per token.
struct WordFlags: OptionSet, Sendable {
  let rawValue: UInt32
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

  /// Every classified word with all its classes.
  static let table: [String: WordFlags] = {
    var table: [String: WordFlags] = [:]
    let lists: [(Set<String>, WordFlags)] = [
      (SpeechVerbs.all, .speechVerb), (MentionWords.malePronouns, .malePronoun),
      (MentionWords.femalePronouns, .femalePronoun), (MentionWords.headlineFunctionWords, .headlineFunction),
      (MentionWords.notNames, .notName), (MentionWords.titleWords, .titleWord), (MentionWords.nameParticles, .particle),
      (MentionWords.locatives, .locative), (MentionWords.affiliationNouns, .affiliation), (MentionWords.roleNouns, .roleNoun),
      (MentionWords.prepositions, .preposition), (MentionWords.organisationWords, .organisation),
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

  let scalars: [Unicode.Scalar]
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
    var words = 0, capitalised = 0, longWords = 0, allCapsWords = 0
    let count = sentenceTokenList.count
    // Constant columns are filled in bulk; the rest per token through an unchecked view
    // of the caller's tokens, which copies no token and retains no text.
    sentenceOf.append(contentsOf: repeatElement(position, count: count))
    covered.append(contentsOf: repeatElement(false, count: count))
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
        ranges.append(range)
        kinds.append(kind)
        let entry = entries.value(for: list[offset].text) ?? ActorPatternIndex.Entry(id: -1, flags: [])
        tokenIDs.append(entry.id)
        flags.append(entry.flags)
        next.append(base + following)
        isPart.append(part)
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

  // MARK: - Pass 1: gazetteer

  mutating func matchGazetteer() {
    var path: [Int] = []
    path.reserveCapacity(16)
    for sentence in sentences.indices {
      let end = sentenceTokens[sentence].upperBound
      var position = sentenceTokens[sentence].lowerBound
      while position < end {
        // Most tokens start no surface: test that here, before calling `match`.
        guard tokenIDs[position] >= 0, index.rootChildren[Int(tokenIDs[position])] >= 0,
          let found = match(at: position, end: end, path: &path)
        else {
          position += 1
          continue
        }
        let pattern = index.patterns[found.pattern]
        if pattern.role == .demonym {
          // `Kuwaiti officials`, `the Soviet delegation`: the group is the country's mention.
          // A demonym alone (`Kuwaiti oil`) names no actor; one before a title and a name
          // (`Saudi Oil Minister Anil Varga`) is left to discovery.
          if let head = groupHead(after: found.last, end: end) {
            pending.append(Pending(
              sentence: sentence, range: ranges[position].lowerBound..<ranges[head].upperBound, firstToken: position,
              candidates: pattern.actors, resolution: .collective))
            cover(position..<next[head])
            position = next[head]
          } else {
            position += 1
          }
          continue
        }
        if pattern.isPlaceName && isLocation(start: position, next: found.next, end: end) {
          cover(position..<found.next)
          position = found.next
          continue
        }
        var start = position
        if pattern.role == .name && found.last == position && !isHeadline[sentence]
          && pattern.actors.allSatisfy({ actors[$0].kind == .person }),
          let previous = previousToken(before: position), isNameWord(previous), !flags[previous].contains(.titleWord) {
          guard isKnownGivenName(previous, for: pattern.actors) else {
            surnameCollisions.append(position)
            position += 1
            continue
          }
          // A variant spelling of the given name (`Wolodymyr`) belongs to the mention.
          start = previous
        }
        if pattern.role == .title {
          if let name = match(at: found.next, end: end, path: &path), index.patterns[name.pattern].role != .title {
            let nameActors = index.patterns[name.pattern].actors
            let holders = nameActors.filter(pattern.actors.contains)
            // `Russian President Vladimir Putin` is one mention; a title before someone
            // else's name only describes that person.
            let start = holders.isEmpty ? ranges[found.next].lowerBound : ranges[position].lowerBound
            pending.append(Pending(
              sentence: sentence, range: start..<ranges[name.last].upperBound,
              firstToken: holders.isEmpty ? found.next : position,
              candidates: holders.isEmpty ? nameActors : holders, resolution: .name))
            cover(position..<name.next)
            position = name.next
            continue
          }
          if !isHeadline[sentence] && found.next < end && isNameWord(found.next) {
            titleFollowers.append(found.next)
            cover(position..<found.next)
            position = found.next
            continue
          }
        }
        // `EU officials`, `OPEC members`: one mention of the organisation, as a group.
        if pattern.role != .title, pattern.actors.allSatisfy({ actors[$0].kind != .person }),
          let head = groupHead(after: found.last, end: end) {
          pending.append(Pending(
            sentence: sentence, range: ranges[start].lowerBound..<ranges[head].upperBound, firstToken: start,
            candidates: pattern.actors, resolution: .collective))
          cover(start..<next[head])
          position = next[head]
          continue
        }
        if pattern.role != .title, pattern.actors.allSatisfy({ actors[$0].kind != .person && actors[$0].kind != .group }),
          isModifier(next: found.next, end: end) || isDateline(start: start, next: found.next, sentence: sentence) {
          cover(start..<found.next)
          position = found.next
          continue
        }
        let range = ranges[start].lowerBound..<ranges[found.last].upperBound
        pending.append(Pending(
          sentence: sentence, range: range, firstToken: start, candidates: pattern.actors,
          resolution: pattern.role == .title ? .title : .name))
        cover(start..<found.next)
        position = found.next
      }
    }
  }

  /// Whether the name word at `position`, before a known surname, can be a spelling of
  /// one of the actors' given names: the first three letters agree once accents are
  /// removed (`Volodymir` for Zelensky can; `Andy` for Kamala Harris cannot). An actor
  /// with no multi-word alias gives nothing to compare, so any given name is accepted.
  func isKnownGivenName(_ position: Int, for candidates: [Int]) -> Bool {
    let prefix = ActorPatternIndex.givenNamePrefix(text(position))
    return candidates.contains { index.givenNamePrefixes[$0].isEmpty || index.givenNamePrefixes[$0].contains(prefix) }
  }

  /// The longest gazetteer surface starting at token `start`, walking the trie.
  func match(at start: Int, end: Int, path: inout [Int]) -> Match? {
    guard start < end, !covered[start], tokenIDs[start] >= 0 else { return nil }
    var node = Int(index.rootChildren[Int(tokenIDs[start])])
    guard node >= 0 else { return nil }
    path.removeAll(keepingCapacity: true)
    var position = start
    var best: Match? = nil
    while true {
      path.append(position)
      for slot in index.nodePatternStart[node]..<index.nodePatternStart[node + 1] {
        let candidate = index.nodePatterns[slot]
        if caseMatches(path, pattern: candidate) {
          best = Match(pattern: candidate, last: position, next: next[position])
          break
        }
      }
      position = next[position]
      guard position < end, !covered[position], tokenIDs[position] >= 0,
        let child = index.child(of: node, id: tokenIDs[position])
      else { break }
      node = child
    }
    return best
  }

  /// Whether the tokens at `path` have the capitalisation pattern `pattern` requires.
  @inline(__always)
  func caseMatches(_ path: [Int], pattern: Int) -> Bool {
    let start = index.caseRuleStart[pattern]
    if start < 0 || isAllCaps[sentenceOf[path[0]]] { return true }
    for offset in path.indices {
      let rule = index.caseRules[start + offset]
      if rule == .any { continue }
      let actual = ActorPatternIndex.caseRule(of: scalars, ranges[path[offset]])
      if !ActorPatternIndex.satisfies(actual, rule) { return false }
    }
    return true
  }

  /// Whether a place-name match starting at token `start` is used as a location
  /// (`travel to Moscow`), not as the government it can stand for.
  func isLocation(start: Int, next following: Int, end: Int) -> Bool {
    if following < end && kinds[following] == .possessive { return false }
    guard let previous = previousToken(before: start), flags[previous].contains(.locative)
    else { return false }
    if text(previous) == "from", let noun = previousToken(before: previous),
      flags[noun].contains(.affiliation) {
      return false
    }
    // `according to Moscow` attributes a statement; it does not send anyone there.
    if text(previous) == "to", let word = previousToken(before: previous), text(word) == "according" {
      return false
    }
    return true
  }

  /// The last whole token of the same sentence that ends before token `position` starts.
  func previousToken(before position: Int) -> Int? {
    let first = sentenceTokens[sentenceOf[position]].lowerBound
    let start = ranges[position].lowerBound
    var candidate = position - 1
    while candidate >= first {
      if !isPart[candidate] && ranges[candidate].upperBound <= start { return candidate }
      candidate -= 1
    }
    return nil
  }

  /// The text of token `position`, read from the caller's token lists.
  func text(_ position: Int) -> String {
    let sentence = sentenceOf[position]
    return tokenLists[sentence][position - sentenceTokens[sentence].lowerBound].text
  }

  mutating func cover(_ range: Range<Int>) {
    for position in range { covered[position] = true }
  }

  // MARK: - Pass 2: discovery

  /// What a discovered run names.
  enum RunKind {
    case person
    case place
    /// An organisation, with the run widened to its whole name (`National Unity Government`).
    case organisation(Range<Int>, ActorKind)
  }

  /// Classifies a capitalised run: organisation words (`Railways`, `Government`) inside
  /// or right after it make it an organisation, place words (`Sea`, `Accords`) a place.
  func classify(_ run: Range<Int>) -> RunKind {
    let bounds = sentenceTokens[sentenceOf[run.lowerBound]]
    @inline(__always) func capitalised(_ position: Int) -> Bool {
      !covered[position] && !isPart[position] && kinds[position] == .word
        && ScalarClass.isUppercase(scalars[ranges[position].lowerBound])
    }
    var lower = run.lowerBound
    while let previous = previousToken(before: lower), capitalised(previous), !flags[previous].contains(.notName) {
      lower = previous
    }
    var upper = run.upperBound
    while upper < bounds.upperBound && capitalised(upper)
      && (flags[upper].contains(.organisation) || flags[upper].contains(.titleWord)) {
      upper = next[upper]
    }
    let extended = lower..<upper
    if extended.contains(where: { flags[$0].contains(.organisation) && capitalised($0) }) {
      let government = extended.contains { MentionWords.governmentWords.contains(text($0)) }
      return .organisation(extended, government ? .government : .organisation)
    }
    if extended.contains(where: { flags[$0].contains(.place) && capitalised($0) }) { return .place }
    return .person
  }

  /// Whether token `position` can be part of a person's name: a capitalised word that
  /// is not an acronym, an opener, a day or a month, and not already matched.
  func isNameWord(_ position: Int) -> Bool {
    guard kinds[position] == .word, !covered[position], !isPart[position] else { return false }
    guard ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .capitalised else { return false }
    return !flags[position].contains(.notName)
  }

  func wordCount(_ run: Range<Int>) -> Int {
    run.filter { !isPart[$0] && !flags[$0].contains(.particle) }.count
  }

  /// Up to four name words starting at `start`, optionally after leading title words.
  func nameRun(forwardFrom start: Int, skipTitles: Bool) -> Range<Int>? {
    guard start < ranges.count else { return nil }
    let end = sentenceTokens[sentenceOf[start]].upperBound
    var position = start
    if skipTitles {
      while position < end && !covered[position] && flags[position].contains(.titleWord)
        && ScalarClass.isUppercase(scalars[ranges[position].lowerBound]) {
        position = next[position]
      }
    }
    let first = position
    var lastWord = -1
    var words = 0
    while position < end && words < 5 {
      if (isNameWord(position) && !flags[position].contains(.titleWord)) || (words > 0 && isParticleName(position))
        || (words > 0 && isMonthSurname(position)) {
        words += 1
        lastWord = position
        // A middle initial's stop (`John R. Bolton`) belongs to the name.
        if ranges[position].count == 1, next[position] < end, isStopAfterInitial(next[position]) {
          position = next[position]
        }
      } else if !(words > 0 && !covered[position] && flags[position].contains(.particle)) {
        break
      }
      position = next[position]
    }
    guard words > 0 else { return nil }
    return first..<lastWord + 1
  }

  /// Up to four name words ending at token `last` (reading backwards).
  func nameRun(backwardFrom last: Int) -> Range<Int>? {
    guard last >= 0 else { return nil }
    let begin = sentenceTokens[sentenceOf[last]].lowerBound
    var position = last
    while position >= begin && isPart[position] { position -= 1 }
    guard position >= begin, isNameWord(position) else { return nil }
    let end = position
    var first = position
    var words = 0
    while position >= begin && words < 5 {
      if isPart[position] || (words > 0 && isStopAfterInitial(position) && position > begin
        && ranges[position - 1].count == 1 && isNameWord(position - 1)) {
        position -= 1
        continue
      }
      if (isNameWord(position) && !flags[position].contains(.titleWord)) || (words > 0 && isParticleName(position)) {
        words += 1
        first = position
      } else if !(words > 0 && !covered[position] && flags[position].contains(.particle)) {
        break
      }
      position -= 1
    }
    guard words > 0 else { return nil }
    return first..<next[end]
  }

  /// Whether token `position` is a month that doubles as a surname after a given name
  /// (`Theresa May`), which only a name word before it can tell.
  func isMonthSurname(_ position: Int) -> Bool {
    guard kinds[position] == .word, !covered[position], !isPart[position],
      ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .capitalised
    else { return false }
    return MentionWords.monthSurnames.contains(text(position))
  }

  /// Whether token `position` is the full stop of an initial, touching it (`R.`).
  func isStopAfterInitial(_ position: Int) -> Bool {
    kinds[position] == .punctuation && scalars[ranges[position].lowerBound] == "."
      && position > 0 && ranges[position - 1].upperBound == ranges[position].lowerBound
  }

  /// Whether token `position` is an Arabic-style name part with a lower-case article
  /// (`al-Sabah`, `bin-Salman`), which continues a name but cannot start one.
  func isParticleName(_ position: Int) -> Bool {
    guard kinds[position] == .word, !covered[position] else { return false }
    let range = ranges[position]
    var hyphen = range.lowerBound
    while hyphen < range.upperBound && hyphen - range.lowerBound < 4 && scalars[hyphen] != "-" { hyphen += 1 }
    guard hyphen < range.upperBound - 1, scalars[hyphen] == "-" else { return false }
    let article = ScalarText.string(scalars, range.lowerBound..<hyphen)
    return MentionWords.arabicArticles.contains(article) && ScalarClass.isUppercase(scalars[hyphen + 1])
  }

  /// Whether the comma at `comma` opens an apposition naming a role (`, a senior negotiator`).
  func isRoleApposition(after comma: Int) -> Bool {
    let end = sentenceTokens[sentenceOf[comma]].upperBound
    var position = comma + 1
    var seen = 0
    while position < end && seen < 8 {
      if kinds[position] == .punctuation { return false }
      if flags[position].contains(.roleNoun) {
        let following = next[position]
        // `a Kremlin adviser's remarks` is not an apposition about the name before it.
        return following >= end || kinds[following] != .possessive
      }
      position = next[position]
      seen += 1
    }
    return false
  }

  /// Records a discovered actor (a person merges with an earlier one of the same
  /// surname) and returns its identity.
  mutating func registerDiscovered(_ run: Range<Int>, kind: ActorKind) -> Int {
    let words = run.filter { !isPart[$0] }.map { text($0) }
    let name = original(ranges[run.lowerBound].lowerBound..<ranges[run.upperBound - 1].upperBound)
    if kind == .person {
      let surname = words.last ?? name.lowercased()
      if let existing = discovered.firstIndex(where: { $0.kind == .person && $0.shortForm == surname }) {
        // Keep the fullest form seen as the canonical name.
        if words.count > discovered[existing].nameTokens.count {
          discovered[existing].name = name
          discovered[existing].nameTokens = words
        }
        return existing
      }
      discovered.append(DiscoveredActor(name: name, nameTokens: words, shortForm: surname, kind: kind))
    } else {
      if let existing = discovered.firstIndex(where: { $0.nameTokens == words }) { return existing }
      let first = run.first { !isPart[$0] } ?? run.lowerBound
      // `Caldera` alone may stand for `Caldera Steel`; `Northern` or `National` may not.
      let short = words.count == 2 && !flags[first].contains(.titleWord) && !flags[first].contains(.notName)
        ? words.first : nil
      discovered.append(DiscoveredActor(name: name, nameTokens: words, shortForm: short, kind: kind))
    }
    return discovered.count - 1
  }

  // MARK: - Pass 3: later mentions of discovered people

  mutating func matchDiscoveredPeople() {
    guard !discovered.isEmpty else { return }
    var byFirstWord: [String: [(person: Int, words: [String])]] = [:]
    for (person, entry) in discovered.enumerated() {
      byFirstWord[entry.nameTokens[0], default: []].append((person, entry.nameTokens))
      if entry.nameTokens.count > 1, let short = entry.shortForm {
        byFirstWord[short, default: []].append((person, [short]))
      }
    }
    for sentence in sentences.indices {
      let end = sentenceTokens[sentence].upperBound
      var position = sentenceTokens[sentence].lowerBound
      while position < end {
        // In a headline set in capitals, `REAGAN` is the Reagan found in the story.
        let nameWord = isNameWord(position) || (isAllCaps[sentence] && kinds[position] == .word && !covered[position]
          && !isPart[position] && ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .allCaps)
        guard nameWord, let options = byFirstWord[text(position)],
          let found = discoveredMatch(at: position, end: end, options: options),
          // A lone organisation short form at a sentence start is probably an ordinary word.
          discovered[found.person].kind == .person || found.last > position
            || position > sentenceTokens[sentence].lowerBound
        else {
          position += 1
          continue
        }
        let range = ranges[position].lowerBound..<ranges[found.last].upperBound
        pending.append(Pending(
          sentence: sentence, range: range, firstToken: position, discovered: found.person, resolution: .discovered))
        cover(position..<found.next)
        position = found.next
      }
    }
  }

  /// The longest of `options` (full names and surnames) matching at `start`.
  func discoveredMatch(
    at start: Int, end: Int, options: [(person: Int, words: [String])]
  ) -> (person: Int, last: Int, next: Int)? {
    var best: (person: Int, last: Int, next: Int, length: Int)? = nil
    for option in options {
      var position = start
      var last = start
      var matched = true
      for word in option.words {
        guard position < end, !covered[position], text(position) == word,
          ActorPatternIndex.caseRule(of: scalars, ranges[position]) != .any
        else {
          matched = false
          break
        }
        last = position
        position = next[position]
      }
      if matched && option.words.count > (best?.length ?? 0) { best = (option.person, last, position, option.words.count) }
    }
    return best.map { ($0.person, $0.last, $0.next) }
  }

  func original(_ range: Range<Int>) -> String {
    ScalarText.string(scalars, range)
  }
}
