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
    /// Short words that headlines leave in lower case.
    static let headlineFunctionWords: Set<String> = [
        "of", "as", "on", "the", "a", "an", "to", "in", "for", "and", "or", "at", "by", "with", "from",
    ]
    static let malePronouns: Set<String> = ["he", "him", "his", "himself"]
    static let femalePronouns: Set<String> = ["she", "her", "hers", "herself"]
    /// Lower-case particles allowed inside a name (`Ursula von der Leyen`).
    static let nameParticles: Set<String> = [
        "von", "van", "der", "den", "de", "da", "di", "la", "le", "du", "dos", "bin", "ibn", "al", "el",
    ]
    /// Capitalised words that are not names: sentence openers, days, months.
    static let notNames: Set<String> = [
        "the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "when", "while", "after", "before", "as", "this",
        "that", "these", "those", "it", "he", "she", "they", "we", "i", "his", "her", "their", "its", "our", "my", "your",
        "you", "there", "here", "however", "meanwhile", "despite", "although", "since", "during", "with", "without",
        "for", "from", "by", "to", "of", "not", "no", "yes", "so", "yet", "still", "also", "then", "now", "today",
        "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "christmas", "easter", "ramadan", "north", "south", "east", "west", "western", "eastern",
        "later", "earlier", "instead", "separately", "asked", "speaking", "according", "overall", "last",
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
        "securities", "trust", "chamber", "society", "institution", "bureau", "directorate", "secretariat",
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
