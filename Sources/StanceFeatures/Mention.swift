/// How a mention was tied to its actor, so output can flag the less certain ones.
package enum MentionResolution: String, Codable, Sendable {
    /// By one of the actor's names or metonyms (`Putin`, `the Kremlin`).
    case name
    /// By a title resolved to its holder (`the Russian president`).
    case title
    /// By a third-person pronoun resolved to the latest compatible person in the paragraph.
    case pronoun
    /// A person or organisation absent from the gazetteer, found from its name's shape and
    /// context (a title before it, a speech verb, an apposition, an organisation word).
    case discovered
    /// A group named by its head noun, resolved to the country or organisation attached
    /// (`EU officials`, `the Soviet delegation`) or standing for itself (`creditor banks`).
    case collective
    /// Supplied by the caller rather than found in the text.
    case given
}

/// One place in an article where an actor is referred to.
public struct Mention: Equatable, Sendable {
    /// Canonical actor name (the gazetteer's `name`, or the full name of a discovered person).
    public var actor: String
    /// The actor's kind; discovered actors are people.
    package var kind: ActorKind
    /// Unicode scalar offsets into the original text, end exclusive.
    public var range: Range<Int>
    /// Index of the sentence (`Sentence.index`) that contains the mention.
    public var sentence: Int
    /// The original text of `range`.
    package var surface: String
    /// How the mention was resolved to `actor`.
    package var resolution: MentionResolution

    /// Creates a mention; the detector is the usual source, tests build expected ones.
    package init(actor: String, kind: ActorKind, range: Range<Int>, sentence: Int, surface: String, resolution: MentionResolution) {
        (self.actor, self.kind, self.range, self.sentence) = (actor, kind, range, sentence)
        (self.surface, self.resolution) = (surface, resolution)
    }
}
