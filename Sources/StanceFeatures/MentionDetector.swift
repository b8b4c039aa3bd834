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
    package let gazetteer: ActorGazetteer
    private let tokenizer = Tokenizer()
    /// Passes reused across documents and shared by every copy of the detector.
    private let scratch = DetectionScratch()

    /// Creates a detector for the actors in `gazetteer`.
    public init(gazetteer: ActorGazetteer) {
        self.gazetteer = gazetteer
    }

    /// Mentions in `text`, whose `sentences` came from `SentenceSplitter`; sorted by offset.
    public func mentions(in text: String, sentences: [Sentence]) -> [Mention] {
        mentions(in: ScalarText.scalars(of: text), sentences: sentences)
    }

    /// Mentions in text already decoded to scalars; ranges are offsets into `scalars`.
    package func mentions(in scalars: [Unicode.Scalar], sentences: [Sentence]) -> [Mention] {
        mentions(
            in: scalars, sentences: sentences,
            tokens: sentences.map { sentence in
                tokenizer.tokenize(scalars, in: Self.clamped(sentence.range, count: scalars.count))
            })
    }

    /// Mentions when the caller has already tokenized each sentence, so a pipeline that
    /// needs the tokens for features too tokenizes once: `tokens[i]` must be
    /// `Tokenizer().tokenize(scalars, in: sentences[i].range)`.
    package func mentions(in scalars: [Unicode.Scalar], sentences: [Sentence], tokens: [[Token]]) -> [Mention] {
        let slot: DetectionScratch.Slot
        if let kept = scratch.take() {
            slot = kept
            // `give` emptied the pass before keeping it: only the text is new.
            slot.pass.begin(scalars: scalars)
        } else {
            slot = DetectionScratch.Slot(DetectionPass(scalars: scalars, patterns: gazetteer.patterns, actors: gazetteer.actors))
        }
        defer { scratch.give(slot) }
        return Self.mentions(in: scalars, sentences: sentences, tokens: tokens, pass: &slot.pass)
    }

    /// The passes proper, on an empty `pass` set up for `scalars`.
    private static func mentions(
        in scalars: [Unicode.Scalar], sentences: [Sentence], tokens: [[Token]], pass: inout DetectionPass
    ) -> [Mention] {
        for (position, sentence) in sentences.enumerated() {
            let bounds = clamped(sentence.range, count: scalars.count)
            let sentenceTokens = position < tokens.count ? tokens[position] : []
            // Tokens from another text must not crash the detector: keep only those in range.
            if sentenceTokens.allSatisfy({ $0.range.lowerBound >= bounds.lowerBound && $0.range.upperBound <= bounds.upperBound }) {
                pass.addSentence(sentence, tokens: sentenceTokens)
            } else {
                pass.addSentence(
                    sentence,
                    tokens: sentenceTokens.filter {
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
    static func clamped(_ range: Range<Int>, count: Int) -> Range<Int> {
        let lower = min(max(range.lowerBound, 0), count)
        return lower..<min(max(range.upperBound, lower), count)
    }
}
