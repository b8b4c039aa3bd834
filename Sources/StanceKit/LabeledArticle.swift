import Foundation

/// One article of the project's labeled corpus (TrainingData/*.jsonl).
package struct LabeledArticle: Codable, Equatable, Sendable {
    /// Unique id of the article.
    package var id: String
    /// The dispute the article covers, e.g. `ukraine-summit`; splits are made by setting.
    package var setting: String
    /// Publication date, `YYYY-MM-DD`.
    package var date: String
    /// The headline.
    package var title: String
    /// The full text, headline first.
    package var text: String
    /// The labeled actor mentions, with code point offsets into `text`.
    package var mentions: [LabeledMention]

    /// Creates an article.
    package init(id: String, setting: String, date: String, title: String, text: String, mentions: [LabeledMention]) {
        (self.id, self.setting, self.date, self.title) = (id, setting, date, title)
        (self.text, self.mentions) = (text, mentions)
    }
}

/// One labeled (sentence, actor mention) example inside a `LabeledArticle`.
package struct LabeledMention: Codable, Equatable, Sendable {
    /// First code point of the mention in the article text.
    package var start: Int
    /// Code point after the mention (end exclusive).
    package var end: Int
    /// Canonical actor name (the gazetteer's key).
    package var actor: String
    /// `open`, `skeptical`, `hardline`, or nil when no stance is inferable.
    package var stance: String?
    /// `positive`, `neutral` or `negative`.
    package var sentiment: String

    /// Creates a labeled mention.
    package init(start: Int, end: Int, actor: String, stance: String?, sentiment: String) {
        (self.start, self.end, self.actor, self.stance) = (start, end, actor, stance)
        self.sentiment = sentiment
    }

    // `stance: null` must be written explicitly, so a missing key is an error, not a null.
    enum CodingKeys: String, CodingKey { case start, end, actor, stance, sentiment }

    /// Decodes a mention, requiring the `stance` key to be present even when null.
    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decode(Int.self, forKey: .start)
        end = try c.decode(Int.self, forKey: .end)
        actor = try c.decode(String.self, forKey: .actor)
        guard c.contains(.stance) else {
            throw DecodingError.keyNotFound(CodingKeys.stance, .init(codingPath: c.codingPath, debugDescription: "missing"))
        }
        stance = try c.decodeIfPresent(String.self, forKey: .stance)
        sentiment = try c.decode(String.self, forKey: .sentiment)
    }

    /// Encodes the mention with an explicit `"stance": null` when there is none.
    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(actor, forKey: .actor)
        try c.encode(stance, forKey: .stance)
        try c.encode(sentiment, forKey: .sentiment)
    }
}
