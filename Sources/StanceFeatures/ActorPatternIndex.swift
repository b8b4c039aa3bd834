/// Gazetteer surfaces compiled into token sequences, keyed on their first token.
///
/// Lookup cost per text token is one dictionary probe plus a comparison for each
/// pattern sharing that first token, independent of the gazetteer's size.
struct ActorPatternIndex: Sendable {
  /// How a surface refers to its actor.
  enum Role: Int, Sendable, Comparable {
    // Raw values order the roles when two surfaces of equal length match: a name wins.
    case title = 0, metonym = 1, name = 2
    static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// How much of a token's capitalisation must agree with the surface.
  enum CaseRule: Sendable {
    /// Any case: function words and case-insensitive surfaces.
    case any
    /// First letter upper-case (`Putin`, not `putin`).
    case capitalised
    /// Every letter upper-case (`US`, not `us` or `Us`).
    case allCaps
  }

  /// One compiled surface.
  struct Pattern: Sendable {
    /// Lower-cased token texts.
    var tokens: [String]
    /// Capitalisation each text token must have.
    var caseRules: [CaseRule]
    /// Indices into the gazetteer's actors that this surface can refer to.
    var actors: [Int]
    var role: Role
    /// A place name (`Moscow`, `the Kremlin`): after `in`, `to`, `at` … it is a location.
    var isPlaceName: Bool
  }

  private(set) var patterns: [Pattern] = []
  /// First token text → pattern indices, longest pattern first.
  private(set) var byFirstToken: [String: [Int]] = [:]

  init(actors: [Actor]) {
    let tokenizer = Tokenizer()
    var patternBySurface: [String: Int] = [:]
    for (actorIndex, actor) in actors.enumerated() {
      let lists: [(surfaces: [String], role: Role)] = [
        (actor.aliases, .name), (actor.metonyms, .metonym), (actor.titles, .title),
      ]
      for (surfaces, role) in lists {
        for surface in surfaces {
          guard var pattern = Self.compile(surface, role: role, tokenizer: tokenizer) else { continue }
          // Country names behave like place names: `in Ukraine` is a location.
          pattern.isPlaceName = pattern.isPlaceName && (role == .metonym || actor.kind == .country)
          let key = "\(role.rawValue)|\(pattern.tokens.joined(separator: " "))|\(pattern.caseRules.map { "\($0)" }.joined())"
          if let existing = patternBySurface[key] {
            if !patterns[existing].actors.contains(actorIndex) { patterns[existing].actors.append(actorIndex) }
          } else {
            pattern.actors = [actorIndex]
            patternBySurface[key] = patterns.count
            patterns.append(pattern)
          }
        }
      }
    }
    for (index, pattern) in patterns.enumerated() {
      byFirstToken[pattern.tokens[0], default: []].append(index)
    }
    for key in byFirstToken.keys {
      byFirstToken[key]?.sort { lhs, rhs in
        let left = patterns[lhs], right = patterns[rhs]
        if left.tokens.count != right.tokens.count { return left.tokens.count > right.tokens.count }
        if left.role != right.role { return left.role > right.role }
        return lhs < rhs
      }
    }
  }

  /// Pattern indices whose first token is `text`, longest first.
  @inline(__always)
  func candidates(startingWith text: String) -> [Int]? { byFirstToken[text] }

  /// Tokenizes one surface. Titles and surfaces without capitals match in any case;
  /// capitalised words of names must be capitalised in the text too.
  static func compile(_ surface: String, role: Role, tokenizer: Tokenizer) -> Pattern? {
    let scalars = Array(surface.unicodeScalars)
    let tokens = primaryTokens(tokenizer.tokenize(scalars, in: 0..<scalars.count))
    guard !tokens.isEmpty else { return nil }
    let caseSensitive = role != .title && scalars.contains(where: ScalarClass.isUppercase)
    var rules: [CaseRule] = []
    var placeName = true
    for (position, token) in tokens.enumerated() {
      let rule = caseSensitive ? caseRule(of: scalars, token.range) : .any
      rules.append(rule)
      let leadingArticle = position == 0 && token.text == "the"
      let nameLike = caseRule(of: scalars, token.range) != .any || token.kind == .number
        || token.kind == .possessive || token.kind == .punctuation
      if !leadingArticle && !nameLike { placeName = false }
    }
    return Pattern(tokens: tokens.map(\.text), caseRules: rules, actors: [], role: role, isPlaceName: placeName)
  }

  /// The capitalisation of the token at `range`: all-caps needs two or more letters.
  static func caseRule(of scalars: [Unicode.Scalar], _ range: Range<Int>) -> CaseRule {
    guard let first = range.first(where: { ScalarClass.isLetter(scalars[$0]) }),
      ScalarClass.isUppercase(scalars[first])
    else { return .any }
    var letters = 0
    for index in range where ScalarClass.isLetter(scalars[index]) {
      letters += 1
      if !ScalarClass.isUppercase(scalars[index]) { return .capitalised }
    }
    return letters >= 2 ? .allCaps : .capitalised
  }

  /// Drops the parts that follow a hyphenated name pair (`zelensky-putin`, `zelensky`,
  /// `putin` keeps only the whole), so surfaces and text compare token for token.
  static func primaryTokens(_ tokens: [Token]) -> [Token] {
    var result: [Token] = []
    result.reserveCapacity(tokens.count)
    var coveredUntil = Int.min
    for token in tokens {
      if token.range.lowerBound < coveredUntil { continue }
      result.append(token)
      coveredUntil = token.range.upperBound
    }
    return result
  }
}
