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
    /// Singular role nouns that introduce a person's name (`Oil Minister Anil Varga`,
    /// `national security advisor John Bolton`) and later stand for that person alone
    /// (`the minister`).
    static let roleHeads: Set<String> = [
        "president", "minister", "secretary", "advisor", "adviser", "ambassador", "envoy", "chairman", "chairwoman",
        "chair", "governor", "spokesman", "spokeswoman", "spokesperson", "sheikh", "king", "queen", "prince", "emir",
        "chancellor", "premier", "senator", "sen", "representative", "rep", "general", "gen", "commander", "director",
        "commissioner", "leader", "mayor", "negotiator", "mediator", "judge", "prosecutor", "candidate", "ceo",
        "economist", "analyst", "official", "mr", "mrs", "ms", "dr", "lord", "sir", "dame", "ayatollah", "pope",
        "deputy", "undersecretary", "secretary-general", "president-elect", "vice-president", "delegate", "head",
        "manager", "princess", "lady", "madam", "miss", "ambassador-designate", "shah", "sultan", "monarch", "tsar",
    ]
    /// Titles that tell a woman (`Mrs Ana Costa`, `Queen Elizabeth`).
    static let femaleTitles: Set<String> = ["mrs", "ms", "miss", "madam", "queen", "princess", "lady", "dame", "chairwoman", "spokeswoman"]
    /// Titles that tell a man (`Mr Lund`, `King Salman`, `Sheikh Ali`).
    static let maleTitles: Set<String> = [
        "mr", "king", "prince", "sir", "lord", "sheikh", "emir", "chairman", "spokesman", "ayatollah", "pope",
    ]
    /// Pronouns of one country, government or organisation; `it` counts only as the
    /// subject of a speech verb (`it said`), since it usually means a thing.
    static let neuterPronouns: Set<String> = ["it", "its", "itself"]
    /// Months that are also surnames (`Theresa May`, `Ciaran June`).
    static let monthSurnames: Set<String> = ["may", "june", "april", "august"]
    /// Lower-case articles that start a name part after a hyphen (`al-Sabah`).
    static let arabicArticles: Set<String> = ["al", "el", "ad", "as", "ash", "bin", "ibn", "abu", "bint"]
    /// Pronouns of a group (`creditor banks … their`).
    static let pluralPronouns: Set<String> = ["they", "them", "their", "theirs", "themselves"]
}

extension MentionWords {
    /// Plural nouns that name a group of parties wherever they stand (`the two countries`,
    /// `major trading partners`, `official export credit agencies`): a mention of the group,
    /// spanning the words that modify it.
    static let collectiveNouns: Set<String> = [
        "countries", "nations", "governments", "delegations", "delegates", "participants", "consumers", "producers",
        "exporters", "importers", "critics", "dissidents", "agencies", "parties", "leaders", "signatories", "members",
        "officials", "diplomats", "negotiators", "ministers", "bankers", "banks", "creditors", "lenders", "investors",
        "traders", "dealers", "analysts", "economists", "companies", "firms", "airlines", "carriers", "unions", "workers",
        "farmers", "protesters", "demonstrators", "students", "activists", "rebels", "militants", "groups", "journalists",
        "colleagues", "authorities", "lawmakers", "legislators", "opponents", "supporters", "allies", "partners",
        "neighbours", "neighbors", "powers", "individuals", "perpetrators", "institutes", "manufacturers", "businesses",
        "industries", "refiners", "buyers", "sellers", "suppliers", "commentators", "observers", "experts", "insurgents",
        "separatists", "militias", "monarchies", "regimes", "administrations", "parliaments", "committees", "envoys",
    ]
    /// Words that may stand inside a group's mention before its noun (`the two`, `other`,
    /// `major trading`): anything lower-case but these, which end a noun phrase.
    static let phraseBreakers: Set<String> = [
        "and", "or", "but", "nor", "who", "whom", "which", "that", "whose", "is", "are", "was", "were", "be", "been",
        "has", "have", "had", "will", "would", "could", "should", "may", "might", "must", "can", "did", "does", "do",
        "not", "to", "than", "as", "if", "when", "while", "said", "says", "say", "he", "she", "it", "they", "we", "i",
        "his", "her", "its", "their", "our", "my", "your", "them", "him", "us", "me", "also", "only", "even",
    ]
    /// Nouns a country or organisation name can modify without being an actor itself
    /// (`U.S. exports`, `GATT talks`, `EC farm prices`, `OPEC pact`).
    static let modifiedNouns: Set<String> = [
        "trade", "exports", "imports", "export", "import", "talks", "economy", "economic", "market", "markets", "dollar",
        "dollars", "currency", "bill", "policy", "policies", "proposal", "proposals", "sanctions", "deficit", "surplus",
        "budget", "debt", "debts", "interest", "interests", "rates", "farm", "agriculture", "agricultural", "textile",
        "textiles", "steel", "oil", "grain", "wheat", "corn", "sugar", "coffee", "cocoa", "rubber", "tin", "beef", "car",
        "auto", "goods", "products", "legislation", "law", "laws", "aid", "relations", "ties", "dispute", "row",
        "protectionism", "retaliation", "measures", "tariffs", "tariff", "quotas", "quota", "subsidies", "subsidy",
        "prices", "price", "production", "output", "supplies", "crude", "pact", "accord", "agreement", "treaty", "deal",
        "meeting", "meetings", "summit", "session", "round", "rules", "rule", "membership", "regulations", "standards",
        "ceiling", "system", "framework", "negotiations", "plan", "plans", "programme", "program",
        "embargo", "ban", "restrictions", "visit", "election", "elections", "referendum", "border", "territory", "waters",
        "airspace", "soil", "capital", "history", "flag", "passport", "passports", "citizens", "nationals", "people",
        "residents", "bonds", "shares", "stocks", "banking", "financial", "monetary", "fiscal", "energy",
        "nuclear", "missile", "missiles", "arms", "weapons", "military", "defence", "defense", "security", "intelligence",
        "foreign", "domestic", "internal", "consumption", "demand", "reserves", "earnings", "growth", "inflation",
        "currencies", "yen", "mark", "marks", "franc", "francs", "sterling", "pound", "bourse", "shipments", "cargo",
    ]
    /// Nouns that stand for an organisation named before (`the community` for the European
    /// Community, `the club` for the Paris Club, `the airline`).
    static let organisationReferences: Set<String> = [
        "community", "commission", "club", "airline", "carrier", "ministry", "council", "bank", "fund",
        "company", "union", "party", "agency", "organisation", "organization", "committee", "alliance", "firm", "board",
        "consortium", "foundation", "institute", "cartel", "bloc", "group", "country", "nation", "kingdom", "republic",
        "island",
    ]
    /// Determiners before a role or organisation noun that make the phrase a mention:
    /// `the` refers back (`the minister`), the others introduce someone (`a Soviet official`).
    static let referenceDeterminers: Set<String> = ["the", "a", "an", "one", "another"]
    /// Role nouns that make an indefinite phrase a source worth reporting (`a Soviet trade
    /// official`, `one delegate`); `a president` or `a general` is usually generic.
    static let sourceRoles: Set<String> = [
        "official", "delegate", "diplomat", "spokesman", "spokeswoman", "spokesperson", "negotiator", "minister",
        "adviser", "advisor", "aide", "banker", "analyst", "economist", "representative", "envoy",
    ]
    /// Nouns that stand for a country named before (`the country`, `the island`).
    static let countryReferences: Set<String> = ["country", "nation", "kingdom", "republic", "island", "state"]
    /// Words after `it` that make it the subject of a statement or intention (`it would`,
    /// `it has`), as an organisation or country can be.
    static let statementAuxiliaries: Set<String> = [
        "would", "will", "could", "should", "has", "had", "must", "may", "might", "can", "cannot", "wants", "wanted",
        "plans", "planned", "intends", "intended", "hopes", "hoped", "expects", "expected", "believes", "believed",
    ]
    /// All-caps words that are not organisations (`GDP`, `VAT`).
    static let acronymStoplist: Set<String> = [
        "gdp", "gnp", "vat", "ecu", "ecus", "sdr", "sdrs", "ceo", "tv", "am", "pm", "ok", "usd", "gmt", "utc", "pc",
        "it", "iq", "bpd", "mln", "bln", "dlrs", "pct", "ii", "iii", "iv", "vi", "dna", "aids", "hiv", "ad", "bc",
    ]
}
