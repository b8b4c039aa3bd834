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
    /// Probability of each stance label, labels in code-point order.
    package var stanceDistribution: LabelDistribution
    /// Predicted sentiment toward the actor.
    public var sentiment: String
    /// Probability of each sentiment label, labels in code-point order.
    package var sentimentDistribution: LabelDistribution
    /// Document date, when the input has one.
    package var date: String?
    /// The features that pushed each prediction most (`--explain N`), else nil.
    package var explanation: Explanation?

    enum CodingKeys: String, CodingKey {
        case document, sentence, text, actor, mention, start, end, resolved, stance, date, explanation, sentiment
        case stanceDistribution = "stance_probabilities"
        case sentimentDistribution = "sentiment_probabilities"
    }

    /// Creates a row.
    package init(
        document: String, sentence: Int, text: String, actor: String, mention: String, start: Int, end: Int,
        resolved: MentionResolution, stance: String, stanceProbabilities: [String: Double], sentiment: String,
        sentimentProbabilities: [String: Double], date: String? = nil, explanation: Explanation? = nil
    ) {
        (self.document, self.sentence, self.text, self.actor) = (document, sentence, text, actor)
        (self.mention, self.start, self.end, self.resolved) = (mention, start, end, resolved)
        (self.stance, self.stanceDistribution, self.sentiment, self.sentimentDistribution) = (
            stance, LabelDistribution(stanceProbabilities), sentiment, LabelDistribution(sentimentProbabilities)
        )
        (self.date, self.explanation) = (date, explanation)
    }

    /// Creates a row from distributions already in code-point order (the prediction path,
    /// which builds no dictionaries).
    package init(
        document: String, sentence: Int, text: String, actor: String, mention: String, start: Int, end: Int,
        resolved: MentionResolution, stance: String, stanceDistribution: LabelDistribution, sentiment: String,
        sentimentDistribution: LabelDistribution, date: String? = nil, explanation: Explanation? = nil
    ) {
        (self.document, self.sentence, self.text, self.actor) = (document, sentence, text, actor)
        (self.mention, self.start, self.end, self.resolved) = (mention, start, end, resolved)
        (self.stance, self.stanceDistribution, self.sentiment, self.sentimentDistribution) = (
            stance, stanceDistribution, sentiment, sentimentDistribution
        )
        (self.date, self.explanation) = (date, explanation)
    }

    /// Probability of each stance label.
    public var stanceProbabilities: [String: Double] {
        get { stanceDistribution.dictionary }
        set { stanceDistribution = LabelDistribution(newValue) }
    }

    /// Probability of each sentiment label.
    public var sentimentProbabilities: [String: Double] {
        get { sentimentDistribution.dictionary }
        set { sentimentDistribution = LabelDistribution(newValue) }
    }

    /// The probability of the predicted stance (0 when `uncertain`).
    package var stanceConfidence: Double { stanceDistribution.values.max() ?? 0 }
}

/// Probabilities by label, kept as two arrays in code-point order of the labels.
///
/// The order is the one `JSONEncoder` sorts keys in, so output writes the arrays as they are,
/// and one distribution equals another exactly when their dictionaries are equal. A row
/// holds two of these instead of two dictionaries because building and sorting a dictionary
/// per row cost more than classifying the row.
package struct LabelDistribution: Codable, Equatable, Sendable {
    /// The labels, unique, in UTF-8 byte order.
    package private(set) var labels: [String]
    /// The probability of each label.
    package private(set) var values: [Double]

    /// Arrays whose labels the caller has already put in UTF-8 byte order, without duplicates.
    package init(sortedLabels: [String], values: [Double]) {
        labels = sortedLabels
        self.values = values
    }

    /// A dictionary's entries, sorted.
    package init(_ dictionary: [String: Double]) {
        let entries = dictionary.sorted { Vocabulary.precedes($0.key, $1.key) }
        labels = entries.map(\.key)
        values = entries.map(\.value)
    }

    /// The probability of one label, nil when the distribution lacks it (a linear scan: a
    /// distribution has a handful of labels).
    package subscript(label: String) -> Double? {
        labels.firstIndex(of: label).map { values[$0] }
    }

    /// The same probabilities as a dictionary.
    package var dictionary: [String: Double] { Dictionary(zip(labels, values), uniquingKeysWith: { first, _ in first }) }

    /// Decodes a JSON object of label → probability.
    package init(from decoder: Decoder) throws {
        self.init(try [String: Double](from: decoder))
    }

    /// Encodes a JSON object of label → probability.
    package func encode(to encoder: Encoder) throws { try dictionary.encode(to: encoder) }
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
