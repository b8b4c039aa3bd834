/// Verbs of saying that introduce or follow a quotation.
///
/// Shared by the sentence splitter (a quote followed by its attribution stays one
/// sentence) and the mention detector (an unknown name next to one is a speaker).
enum SpeechVerbs {
    /// Lower-case past and present forms as they appear in news copy, British and US spelling.
    static let all: Set<String> = [
        "said", "says", "say", "stated", "states", "told", "tells", "added", "adds", "asked", "asks",
        "emphasized", "emphasised", "emphasizes", "emphasises", "warned", "warns", "noted", "notes",
        "argued", "argues", "insisted", "insists", "explained", "explains", "declared", "declares",
        "wrote", "writes", "replied", "replies", "continued", "continues", "stressed", "stresses",
        "claimed", "claims", "remarked", "remarks", "tweeted", "posted", "cautioned", "cautions",
        "acknowledged", "acknowledges", "suggested", "suggests", "according", "announced", "announces",
        "admitted", "admits", "responded", "responds", "urged", "urges", "conceded", "concedes",
        "recalled", "predicted", "vowed", "vows", "pledged", "threatened", "threatens", "countered",
        "counters", "observed", "underlined", "underscored", "agreed", "agrees", "complained",
        "maintained", "maintains", "reiterated", "reiterates", "demanded", "demands", "affirmed",
        "confirmed", "confirms", "denied", "denies", "hinted", "quipped", "joked", "mused",
    ]

    /// Pronouns that can stand before a speech verb in an attribution (`…,” he said`).
    static let subjectPronouns: Set<String> = ["he", "she", "they", "we", "i", "it", "you"]
}
