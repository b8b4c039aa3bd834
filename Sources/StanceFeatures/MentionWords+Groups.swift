/// Word lists for the actors real news names without a gazetteer entry: groups named by
/// a head noun, people introduced by their role, and the pronouns that stand for
/// countries, organisations and groups.
extension MentionWords {
  /// Plural or collective nouns that name a group acting as one party (`creditor banks`,
  /// `Soviet negotiators`, `the Saudi government`). After a country, organisation or
  /// demonym they join its mention (`EU officials` is one mention of the EU).
  static let groupHeads: Set<String> = [
    "officials", "diplomats", "leaders", "negotiators", "delegates", "delegation", "delegations", "ministers",
    "authorities", "government", "governments", "administration", "forces", "troops", "military", "army", "navy",
    "banks", "bankers", "companies", "firms", "producers", "exporters", "importers", "farmers", "traders", "dealers",
    "envoys", "representatives", "lawmakers", "legislators", "negotiating", "team", "side", "embassy", "ministry",
    "spokesman", "spokeswoman", "spokesperson", "sources", "aides", "advisers", "advisors", "experts", "analysts",
    "members", "member", "parliament", "cabinet", "regime", "rebels", "militants", "protesters", "demonstrators",
    "workers", "unions", "creditors", "lenders", "officers", "police", "policymakers", "allies", "partners",
    "counterparts", "politicians", "economists", "businessmen", "industry", "industries", "manufacturers",
  ]
  /// Singular role nouns that introduce a person's name (`Oil Minister Hisham Nazer`,
  /// `national security advisor John Bolton`) and later stand for that person alone
  /// (`the minister`).
  static let roleHeads: Set<String> = [
    "president", "minister", "secretary", "advisor", "adviser", "ambassador", "envoy", "chairman", "chairwoman",
    "chair", "governor", "spokesman", "spokeswoman", "spokesperson", "sheikh", "king", "queen", "prince", "emir",
    "chancellor", "premier", "senator", "sen", "representative", "rep", "general", "gen", "commander", "director",
    "commissioner", "leader", "mayor", "negotiator", "mediator", "judge", "prosecutor", "candidate", "ceo",
    "economist", "analyst", "official", "mr", "mrs", "ms", "dr", "lord", "sir", "dame", "ayatollah", "pope",
    "deputy", "undersecretary", "secretary-general", "president-elect", "vice-president", "delegate", "head",
  ]
  /// Pronouns of one country, government or organisation; `it` counts only as the
  /// subject of a speech verb (`it said`), since it usually means a thing.
  static let neuterPronouns: Set<String> = ["it", "its", "itself"]
  /// Lower-case articles that start a name part after a hyphen (`al-Sabah`).
  static let arabicArticles: Set<String> = ["al", "el", "ad", "as", "ash", "bin", "ibn", "abu", "bint"]
  /// Pronouns of a group (`creditor banks … their`).
  static let pluralPronouns: Set<String> = ["they", "them", "their", "theirs", "themselves"]
}
