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
///    (`in Moscow's view`) or `from` follows a people noun (`officials from Downing Street`).
/// 2. Discovery of unknown people (not in headlines, whose capitals mean nothing): a
///    capitalised name of two or more words right after or right before a lower-case
///    speech verb (`emphasized Ana Costa`, `Ana Costa said`), before an apposition naming
///    a role (`Ana Costa, a senior negotiator`), or after a title whose holder it is not
///    (`Ukrainian President Ana Costa`, one word suffices here).
/// 3. Later occurrences of a discovered person's full name or surname, anywhere in the article.
/// 4. In reading order: a title or shared name goes to the candidate mentioned most
///    recently in the article (or the first in the gazetteer if none was); `he`/`him`/
///    `his`/`himself` and `she`/`her`/`hers`/`herself` go to the most recent person in the
///    same paragraph whose gender is compatible (unknown gender fits both).
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
    mentions(in: Array(text.unicodeScalars), sentences: sentences)
  }

  /// Mentions in text already decoded to scalars; ranges are offsets into `scalars`.
  public func mentions(in scalars: [Unicode.Scalar], sentences: [Sentence]) -> [Mention] {
    var pass = DetectionPass(scalars: scalars, patterns: gazetteer.patterns, actors: gazetteer.actors)
    for sentence in sentences {
      // Ranges from another text must not crash: clamp to what exists.
      let lower = min(max(sentence.range.lowerBound, 0), scalars.count)
      let upper = min(max(sentence.range.upperBound, lower), scalars.count)
      pass.addSentence(sentence, tokens: tokenizer.tokenize(scalars, in: lower..<upper))
    }
    pass.matchGazetteer()
    pass.discoverPeople()
    pass.matchDiscoveredPeople()
    return pass.resolve()
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

/// State for one call of `MentionDetector.mentions`.
private struct DetectionPass {
  /// One sentence's tokens and per-token bookkeeping.
  struct SentenceTokens {
    var sentence: Sentence
    var tokens: [Token]
    /// Index of the next token after `tokens[i]` that does not overlap it (skips name parts).
    var next: [Int]
    /// Whether `tokens[i]` is the part of a hyphenated name pair listed after its whole.
    var isPart: [Bool]
    var covered: [Bool]
    var isHeadline: Bool
    /// Tokens right after a title that is not followed by its holder's name.
    var titleFollowers: [Int] = []
  }

  /// A mention whose actor is chosen in pass 4.
  struct Pending {
    var sentence: Int
    var range: Range<Int>
    var candidates: [Int] = []
    var discovered: Int? = nil
    var resolution: MentionResolution
    var pronounGender: Actor.Gender? = nil
  }

  /// A person found in the text rather than the gazetteer.
  struct DiscoveredPerson {
    var name: String
    var nameTokens: [String]
    var surname: String
  }

  let scalars: [Unicode.Scalar]
  let patterns: ActorPatternIndex
  let actors: [Actor]
  var sentences: [SentenceTokens] = []
  var pending: [Pending] = []
  var discovered: [DiscoveredPerson] = []

  init(scalars: [Unicode.Scalar], patterns: ActorPatternIndex, actors: [Actor]) {
    self.scalars = scalars
    self.patterns = patterns
    self.actors = actors
  }

  mutating func addSentence(_ sentence: Sentence, tokens: [Token]) {
    var next = [Int](repeating: tokens.count, count: tokens.count)
    var isPart = [Bool](repeating: false, count: tokens.count)
    var coveredUntil = Int.min
    for index in tokens.indices {
      var following = index + 1
      while following < tokens.count && tokens[following].range.lowerBound < tokens[index].range.upperBound {
        following += 1
      }
      next[index] = following
      if tokens[index].range.lowerBound < coveredUntil {
        isPart[index] = true
      } else {
        coveredUntil = tokens[index].range.upperBound
      }
    }
    sentences.append(SentenceTokens(
      sentence: sentence, tokens: tokens, next: next, isPart: isPart,
      covered: [Bool](repeating: false, count: tokens.count), isHeadline: isHeadline(tokens, isPart: isPart)))
  }

  // MARK: - Pass 1: gazetteer

  mutating func matchGazetteer() {
    for position in sentences.indices {
      var index = 0
      let count = sentences[position].tokens.count
      while index < count {
        guard let found = match(at: index, in: sentences[position]) else {
          index += 1
          continue
        }
        let pattern = patterns.patterns[found.pattern]
        let current = sentences[position]
        if pattern.isPlaceName && isLocation(start: index, next: found.next, in: current) {
          cover(index..<found.next, in: position)
          index = found.next
          continue
        }
        if pattern.role == .title {
          if let name = match(at: found.next, in: current), patterns.patterns[name.pattern].role != .title {
            let holders = patterns.patterns[name.pattern].actors.filter(pattern.actors.contains)
            // `Russian President Vladimir Putin` is one mention; a title before someone
            // else's name only describes that person.
            let start = holders.isEmpty ? current.tokens[found.next].range.lowerBound : current.tokens[index].range.lowerBound
            let end = current.tokens[name.last].range.upperBound
            pending.append(Pending(
              sentence: position, range: start..<end,
              candidates: holders.isEmpty ? patterns.patterns[name.pattern].actors : holders, resolution: .name))
            cover(index..<name.next, in: position)
            index = name.next
            continue
          }
          if !current.isHeadline && found.next < count && isNameWord(current.tokens[found.next], in: current, at: found.next) {
            sentences[position].titleFollowers.append(found.next)
            cover(index..<found.next, in: position)
            index = found.next
            continue
          }
        }
        let range = current.tokens[index].range.lowerBound..<current.tokens[found.last].range.upperBound
        pending.append(Pending(
          sentence: position, range: range, candidates: pattern.actors,
          resolution: pattern.role == .title ? .title : .name))
        cover(index..<found.next, in: position)
        index = found.next
      }
    }
  }

  /// The longest gazetteer pattern starting at token `start`, if any.
  private func match(at start: Int, in sentence: SentenceTokens) -> (pattern: Int, last: Int, next: Int)? {
    guard start < sentence.tokens.count, !sentence.covered[start],
      let candidates = patterns.candidates(startingWith: sentence.tokens[start].text)
    else { return nil }
    candidateLoop: for candidate in candidates {
      let pattern = patterns.patterns[candidate]
      var index = start
      var last = start
      for (position, text) in pattern.tokens.enumerated() {
        guard index < sentence.tokens.count, !sentence.covered[index], sentence.tokens[index].text == text,
          caseMatches(sentence.tokens[index], pattern.caseRules[position])
        else { continue candidateLoop }
        last = index
        index = sentence.next[index]
      }
      return (candidate, last, index)
    }
    return nil
  }

  private func caseMatches(_ token: Token, _ rule: ActorPatternIndex.CaseRule) -> Bool {
    switch rule {
    case .any: return true
    case .capitalised, .allCaps:
      let actual = ActorPatternIndex.caseRule(of: scalars, token.range)
      return rule == .capitalised ? actual != .any : actual == .allCaps
    }
  }

  /// Whether a place-name match starting at token `start` is used as a location
  /// (`travel to Moscow`), not as the government it can stand for.
  private func isLocation(start: Int, next: Int, in sentence: SentenceTokens) -> Bool {
    if next < sentence.tokens.count && sentence.tokens[next].kind == .possessive { return false }
    guard let previous = previousToken(before: start, in: sentence),
      MentionWords.locatives.contains(sentence.tokens[previous].text)
    else { return false }
    if sentence.tokens[previous].text == "from", let noun = previousToken(before: previous, in: sentence),
      MentionWords.affiliationNouns.contains(sentence.tokens[noun].text) {
      return false
    }
    return true
  }

  /// Index of the last primary token (not a name part) that ends before token `index` starts.
  private func previousToken(before index: Int, in sentence: SentenceTokens) -> Int? {
    let start = sentence.tokens[index].range.lowerBound
    var position = index - 1
    while position >= 0 {
      if !sentence.isPart[position] && sentence.tokens[position].range.upperBound <= start { return position }
      position -= 1
    }
    return nil
  }

  private mutating func cover(_ range: Range<Int>, in position: Int) {
    for index in range where index < sentences[position].covered.count { sentences[position].covered[index] = true }
  }

  // MARK: - Pass 2: discovery

  mutating func discoverPeople() {
    for position in sentences.indices where !sentences[position].isHeadline {
      let current = sentences[position]
      var runs: [Range<Int>] = []
      for follower in current.titleFollowers {
        if let run = nameRun(forwardFrom: follower, in: current, skipTitles: false), run.count >= 1 { runs.append(run) }
      }
      for (index, token) in current.tokens.enumerated() where !current.covered[index] && !current.isPart[index] {
        if token.kind == .word && SpeechVerbs.all.contains(token.text) && !ScalarClass.isUppercase(scalars[token.range.lowerBound]) {
          if let run = nameRun(forwardFrom: current.next[index], in: current, skipTitles: true), run.count >= 2 {
            runs.append(run)
          }
          if let run = nameRun(backwardFrom: index - 1, in: current), run.count >= 2 { runs.append(run) }
        } else if token.text == "," && isRoleApposition(after: index, in: current) {
          if let run = nameRun(backwardFrom: index - 1, in: current), run.count >= 2 { runs.append(run) }
        }
      }
      for run in runs where !run.contains(where: { sentences[position].covered[$0] }) {
        let identity = registerDiscovered(run, in: current)
        let range = current.tokens[run.lowerBound].range.lowerBound..<current.tokens[run.upperBound - 1].range.upperBound
        pending.append(Pending(sentence: position, range: range, discovered: identity, resolution: .discovered))
        cover(run, in: position)
      }
    }
  }

  /// Whether token `index` can be part of a person's name: a capitalised word that is
  /// not an acronym, an opener, a day or a month, and not already matched.
  private func isNameWord(_ token: Token, in sentence: SentenceTokens, at index: Int) -> Bool {
    guard token.kind == .word, !sentence.covered[index], !sentence.isPart[index] else { return false }
    guard ActorPatternIndex.caseRule(of: scalars, token.range) == .capitalised else { return false }
    return !MentionWords.notNames.contains(token.text)
  }

  /// Up to four name words starting at `start`, optionally after leading title words.
  private func nameRun(forwardFrom start: Int, in sentence: SentenceTokens, skipTitles: Bool) -> Range<Int>? {
    var index = start
    if skipTitles {
      while index < sentence.tokens.count && MentionWords.titleWords.contains(sentence.tokens[index].text)
        && ScalarClass.isUppercase(scalars[sentence.tokens[index].range.lowerBound]) && !sentence.covered[index] {
        index = sentence.next[index]
      }
    }
    let first = index
    var end = index
    var words = 0
    while index < sentence.tokens.count && words < 4 {
      let token = sentence.tokens[index]
      if isNameWord(token, in: sentence, at: index) && !MentionWords.titleWords.contains(token.text) {
        words += 1
        index = sentence.next[index]
        end = index
      } else if words > 0 && MentionWords.nameParticles.contains(token.text) && !sentence.covered[index] {
        index = sentence.next[index]
      } else {
        break
      }
    }
    guard words > 0 else { return nil }
    return first..<lastPrimary(before: end, in: sentence) + 1
  }

  /// Up to four name words ending at token `last` (reading backwards).
  private func nameRun(backwardFrom last: Int, in sentence: SentenceTokens) -> Range<Int>? {
    var index = last
    while index >= 0 && sentence.isPart[index] { index -= 1 }
    guard index >= 0 else { return nil }
    let end = index
    var first = index + 1
    var words = 0
    while index >= 0 && words < 4 {
      if sentence.isPart[index] {
        index -= 1
        continue
      }
      let token = sentence.tokens[index]
      if isNameWord(token, in: sentence, at: index) && !MentionWords.titleWords.contains(token.text) {
        words += 1
        first = index
      } else if !(words > 0 && MentionWords.nameParticles.contains(token.text)) {
        break
      }
      index -= 1
    }
    guard words > 0 else { return nil }
    return first..<end + 1
  }

  /// The index of the last primary token before `end`.
  private func lastPrimary(before end: Int, in sentence: SentenceTokens) -> Int {
    var index = end - 1
    while index > 0 && sentence.isPart[index] { index -= 1 }
    return index
  }

  /// Whether the comma at `comma` opens an apposition naming a role (`, a senior negotiator`).
  private func isRoleApposition(after comma: Int, in sentence: SentenceTokens) -> Bool {
    var index = comma + 1
    var seen = 0
    while index < sentence.tokens.count && seen < 8 {
      let token = sentence.tokens[index]
      if token.kind == .punctuation { return false }
      if MentionWords.roleNouns.contains(token.text) {
        let following = sentence.next[index]
        // `a Kremlin adviser's remarks` is not an apposition about the name before it.
        return following >= sentence.tokens.count || sentence.tokens[following].kind != .possessive
      }
      index = sentence.next[index]
      seen += 1
    }
    return false
  }

  /// Records a discovered person (merging with an earlier one of the same surname) and
  /// returns its identity.
  private mutating func registerDiscovered(_ run: Range<Int>, in sentence: SentenceTokens) -> Int {
    let words = run.filter { !sentence.isPart[$0] }.map { sentence.tokens[$0].text }
    let range = sentence.tokens[run.lowerBound].range.lowerBound..<sentence.tokens[run.upperBound - 1].range.upperBound
    let name = original(range)
    let surname = words.last ?? name.lowercased()
    if let existing = discovered.firstIndex(where: { $0.surname == surname }) {
      // Keep the fullest form seen as the canonical name.
      if words.count > discovered[existing].nameTokens.count {
        discovered[existing].name = name
        discovered[existing].nameTokens = words
      }
      return existing
    }
    discovered.append(DiscoveredPerson(name: name, nameTokens: words, surname: surname))
    return discovered.count - 1
  }

  // MARK: - Pass 3: later mentions of discovered people

  mutating func matchDiscoveredPeople() {
    guard !discovered.isEmpty else { return }
    for position in sentences.indices {
      var index = 0
      while index < sentences[position].tokens.count {
        let current = sentences[position]
        guard isNameWord(current.tokens[index], in: current, at: index),
          let match = discoveredMatch(at: index, in: current)
        else {
          index += 1
          continue
        }
        let range = current.tokens[index].range.lowerBound..<current.tokens[match.last].range.upperBound
        pending.append(Pending(sentence: position, range: range, discovered: match.person, resolution: .discovered))
        cover(index..<match.next, in: position)
        index = match.next
      }
    }
  }

  /// A discovered person's full name or surname starting at `start`, longest first.
  private func discoveredMatch(at start: Int, in sentence: SentenceTokens) -> (person: Int, last: Int, next: Int)? {
    var best: (person: Int, last: Int, next: Int, length: Int)? = nil
    for (person, entry) in discovered.enumerated() {
      for words in [entry.nameTokens, [entry.surname]] {
        var index = start
        var last = start
        var matched = true
        for word in words {
          guard index < sentence.tokens.count, !sentence.covered[index], sentence.tokens[index].text == word,
            ActorPatternIndex.caseRule(of: scalars, sentence.tokens[index].range) != .any
          else {
            matched = false
            break
          }
          last = index
          index = sentence.next[index]
        }
        if matched && words.count > (best?.length ?? 0) { best = (person, last, index, words.count) }
      }
    }
    return best.map { ($0.person, $0.last, $0.next) }
  }

  // MARK: - Pass 4: resolution in reading order

  func resolve() -> [Mention] {
    var items = pending
    for (position, sentence) in sentences.enumerated() {
      for (index, token) in sentence.tokens.enumerated() where !sentence.covered[index] && token.kind == .word {
        if MentionWords.malePronouns.contains(token.text) {
          items.append(Pending(sentence: position, range: token.range, resolution: .pronoun, pronounGender: .male))
        } else if MentionWords.femalePronouns.contains(token.text) {
          items.append(Pending(sentence: position, range: token.range, resolution: .pronoun, pronounGender: .female))
        }
      }
    }
    items.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.upperBound > $1.range.upperBound }

    enum Referent: Equatable { case known(Int), found(Int) }
    var lastSeen: [Int: Int] = [:]
    var antecedents: [(referent: Referent, gender: Actor.Gender?)] = []
    var paragraph = -1
    var mentions: [Mention] = []
    for (order, item) in items.enumerated() {
      let sentence = sentences[item.sentence].sentence
      if sentence.paragraph != paragraph {
        paragraph = sentence.paragraph
        antecedents.removeAll()
      }
      let referent: Referent
      if let person = item.discovered {
        referent = .found(person)
      } else if let gender = item.pronounGender {
        guard let antecedent = antecedents.last(where: { $0.gender == nil || $0.gender == gender }) else { continue }
        referent = antecedent.referent
      } else {
        guard let first = item.candidates.first else { continue }
        // A shared title or name goes to whichever holder was mentioned last.
        let best = item.candidates.max { (lastSeen[$0] ?? -1, -$0) < (lastSeen[$1] ?? -1, -$1) } ?? first
        referent = .known(best)
      }
      let name: String, kind: ActorKind, gender: Actor.Gender?
      switch referent {
      case let .known(index):
        name = actors[index].name
        kind = actors[index].kind
        gender = actors[index].gender
        lastSeen[index] = order
      case let .found(index):
        name = discovered[index].name
        kind = .person
        gender = nil
      }
      if kind == .person { antecedents.append((referent, gender)) }
      mentions.append(Mention(
        actor: name, kind: kind, range: item.range, sentence: sentence.index, surface: original(item.range),
        resolution: item.resolution))
    }
    return mentions
  }

  // MARK: - Helpers

  private func original(_ range: Range<Int>) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[range])
    return String(view)
  }

  /// A headline is title-cased: most words other than short function words are capitalised.
  private func isHeadline(_ tokens: [Token], isPart: [Bool]) -> Bool {
    var words = 0
    var capitalised = 0
    for (index, token) in tokens.enumerated() where token.kind == .word && !isPart[index] {
      if ["of", "as", "on", "the", "a", "an", "to", "in", "for", "and", "or", "at", "by", "with", "from"].contains(token.text) {
        continue
      }
      words += 1
      if ScalarClass.isUppercase(scalars[token.range.lowerBound]) { capitalised += 1 }
    }
    // Ordinary sentences with many names stay well below this share.
    return words >= 3 && Double(capitalised) >= 0.8 * Double(words)
  }
}
