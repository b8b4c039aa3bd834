import Foundation
import StanceLearning

/// Per-actor aggregates of predicted rows: what `--summary` prints.
package struct ActorSummary: Codable, Equatable, Sendable {
    /// Canonical actor name.
    package var actor: String
    /// Number of mentions.
    package var mentions: Int
    /// Mentions per predicted stance (including `uncertain`).
    package var stanceCounts: [String: Int]
    /// Mean probability of each stance label over the mentions.
    package var meanStanceProbabilities: [String: Double]
    /// The stance with the highest mean probability.
    package var dominantStance: String
    /// Mentions per predicted sentiment.
    package var sentimentCounts: [String: Int]
    /// Per date (`YYYY-MM-DD`): mean stance probabilities, when rows carry dates.
    package var stanceOverTime: [DatedStance]

    enum CodingKeys: String, CodingKey {
        case actor, mentions
        case stanceCounts = "stance_counts"
        case meanStanceProbabilities = "mean_stance_probabilities"
        case dominantStance = "dominant_stance"
        case sentimentCounts = "sentiment_counts"
        case stanceOverTime = "stance_over_time"
    }
}

/// Mean stance probabilities of one actor on one date.
package struct DatedStance: Codable, Equatable, Sendable {
    /// The date, `YYYY-MM-DD`.
    package var date: String
    /// Mentions on that date.
    package var mentions: Int
    /// Mean probability per stance label.
    package var meanStanceProbabilities: [String: Double]
    /// The stance with the highest mean probability that day.
    package var dominantStance: String

    enum CodingKeys: String, CodingKey {
        case date, mentions
        case meanStanceProbabilities = "mean_stance_probabilities"
        case dominantStance = "dominant_stance"
    }
}

/// Accumulates rows into per-actor summaries without keeping the rows.
///
/// Memory is bounded: at most `maximumActors` actors (and `maximumDatesPerActor` dates per
/// actor) are tracked one by one; rows beyond that are pooled under `overflowActor` (or,
/// for dates, left out of the stance-over-time series), so a corpus of any size keeps
/// a fixed-size aggregate.
package struct SummaryAccumulator: Sendable {
    /// Most actors tracked individually (a few MB of aggregates).
    package static let maximumActors = 50_000
    /// Most dates tracked per actor (over 27 years of daily dates).
    package static let maximumDatesPerActor = 10_000
    /// The actor name under which rows of untracked actors are pooled.
    package static let overflowActor = "(other actors)"
    private struct Totals: Sendable {
        var mentions = 0
        var stanceCounts: [String: Int] = [:]
        var sentimentCounts: [String: Int] = [:]
        var probabilitySums: [String: Double] = [:]
        var byDate: [String: (count: Int, sums: [String: Double])] = [:]
    }
    private var totals: [String: Totals] = [:]

    /// Creates an empty accumulator.
    package init() {}

    /// True when no row has been added.
    package var isEmpty: Bool { totals.isEmpty }

    /// Adds one row.
    package mutating func add(_ row: Prediction) {
        var actor = row.actor
        if totals[actor] == nil && totals.count >= Self.maximumActors { actor = Self.overflowActor }
        var t = totals[actor, default: Totals()]
        t.mentions += 1
        t.stanceCounts[row.stance, default: 0] += 1
        t.sentimentCounts[row.sentiment, default: 0] += 1
        for (label, p) in zip(row.stanceDistribution.labels, row.stanceDistribution.values) { t.probabilitySums[label, default: 0] += p }
        if let date = row.date, t.byDate[date] != nil || t.byDate.count < Self.maximumDatesPerActor {
            var d = t.byDate[date] ?? (0, [:])
            d.count += 1
            for (label, p) in zip(row.stanceDistribution.labels, row.stanceDistribution.values) { d.sums[label, default: 0] += p }
            t.byDate[date] = d
        }
        totals[actor] = t
    }

    /// The summaries, most-mentioned actor first (ties by name, so output is stable).
    package func summaries() -> [ActorSummary] {
        totals.map { actor, t in
            let means = t.probabilitySums.mapValues { $0 / Double(max(t.mentions, 1)) }
            let overTime = t.byDate.keys.sorted().compactMap { date -> DatedStance? in
                guard let d = t.byDate[date] else { return nil }
                let m = d.sums.mapValues { $0 / Double(max(d.count, 1)) }
                return DatedStance(date: date, mentions: d.count, meanStanceProbabilities: m, dominantStance: Self.argmax(m))
            }
            return ActorSummary(
                actor: actor, mentions: t.mentions, stanceCounts: t.stanceCounts,
                meanStanceProbabilities: means, dominantStance: Self.argmax(means),
                sentimentCounts: t.sentimentCounts, stanceOverTime: overTime)
        }.sorted { ($0.mentions, $1.actor) > ($1.mentions, $0.actor) }
    }

    // Ties go to the label listed first in TaskLabels (the shared argmax keeps the first
    // maximum), so the result never depends on hash order.
    static func argmax(_ probabilities: [String: Double]) -> String {
        TaskLabels.stance[StanceLearning.argmax(TaskLabels.stance.map { probabilities[$0] ?? -1 })]
    }
}
