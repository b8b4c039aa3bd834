import Foundation
import StanceFeatures

/// One output row: an actor mention in a sentence with its predicted labels.
///
/// The JSON field names are the documented output schema (README, "Output");
/// offsets are Unicode code points into `text`, end exclusive.
public struct Prediction: Codable, Equatable, Sendable {
    /// Document id (JSONL `id`, or the file name).
    package var document: String
    /// 0-based sentence index within the document.
    public var sentence: Int
    /// The sentence text.
    package var text: String
    /// Canonical actor name.
    public var actor: String
    /// The mention as written.
    public var mention: String
    /// First code point of the mention in `text`.
    public var start: Int
    /// Code point after the mention in `text`.
    public var end: Int
    /// How the mention was found: name, title, pronoun, discovered or given.
    package var resolved: MentionResolution
    /// Predicted stance, or `uncertain` below `--min-confidence`.
    public var stance: String
    /// Probability of each stance label.
    public var stanceProbabilities: [String: Double]
    /// Predicted sentiment toward the actor.
    public var sentiment: String
    /// Probability of each sentiment label.
    public var sentimentProbabilities: [String: Double]
    /// Document date, when the input has one.
    package var date: String?
    /// The features that pushed each prediction most (`--explain N`), else nil.
    package var explanation: Explanation?

    enum CodingKeys: String, CodingKey {
        case document, sentence, text, actor, mention, start, end, resolved, stance, date, explanation, sentiment
        case stanceProbabilities = "stance_probabilities"
        case sentimentProbabilities = "sentiment_probabilities"
    }

    /// Creates a row.
    package init(
        document: String, sentence: Int, text: String, actor: String, mention: String, start: Int, end: Int,
        resolved: MentionResolution, stance: String, stanceProbabilities: [String: Double], sentiment: String,
        sentimentProbabilities: [String: Double], date: String? = nil, explanation: Explanation? = nil
    ) {
        (self.document, self.sentence, self.text, self.actor) = (document, sentence, text, actor)
        (self.mention, self.start, self.end, self.resolved) = (mention, start, end, resolved)
        (self.stance, self.stanceProbabilities, self.sentiment, self.sentimentProbabilities) = (
            stance, stanceProbabilities, sentiment, sentimentProbabilities
        )
        (self.date, self.explanation) = (date, explanation)
    }

    /// The probability of the predicted stance (0 when `uncertain`).
    package var stanceConfidence: Double { stanceProbabilities.values.max() ?? 0 }
}

/// The features behind one row's two predictions.
package struct Explanation: Codable, Equatable, Sendable {
    /// Top contributions toward the predicted stance.
    package var stance: [FeatureContribution]
    /// Top contributions toward the predicted sentiment.
    package var sentiment: [FeatureContribution]

    /// Creates an explanation.
    package init(stance: [FeatureContribution], sentiment: [FeatureContribution]) {
        self.stance = stance
        self.sentiment = sentiment
    }
}

/// A readable feature name and its weight × value toward a predicted class.
package struct FeatureContribution: Codable, Equatable, Sendable {
    /// Readable feature name, e.g. `ctx:L1:tempered`.
    package var feature: String
    /// Weight × value for the predicted class.
    package var contribution: Double

    /// Creates a contribution.
    package init(feature: String, contribution: Double) {
        self.feature = feature
        self.contribution = contribution
    }
}
