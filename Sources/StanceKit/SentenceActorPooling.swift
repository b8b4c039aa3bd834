/// Rule 6 of the annotation guide at prediction time: one actor, one stance per sentence.
///
/// A sentence such as "Zelensky said he was ready to meet Putin, but he ruled out …" gives
/// the model three mentions of one actor, and it may score them differently; a reader (and
/// the labeled data) gives the actor one stance there. The stance distributions of an
/// actor's mentions in one sentence are therefore averaged, and every one of those mentions
/// reports the average. Sentiment is left per mention: the guide asks for one stance, not
/// one portrayal, per sentence.
package enum SentenceActorPooling {
    /// The key that groups mentions: the document, the sentence and the canonical actor.
    package struct Key: Hashable {
        let document: String
        let sentence: Int
        let actor: String
    }

    /// `distributions` with each group's rows replaced by the group's mean (groups of one
    /// are returned as they are, bit for bit).
    package static func pooled(_ distributions: [[Double]], keys: [Key]) -> [[Double]] {
        precondition(distributions.count == keys.count, "one key per distribution")
        var groups: [Key: [Int]] = [:]
        for (i, key) in keys.enumerated() { groups[key, default: []].append(i) }
        var result = distributions
        for members in groups.values where members.count > 1 {
            let width = distributions[members[0]].count
            var mean = [Double](repeating: 0, count: width)
            for i in members {
                for (c, p) in distributions[i].enumerated() where c < width { mean[c] += p }
            }
            for c in mean.indices { mean[c] /= Double(members.count) }
            for i in members { result[i] = mean }
        }
        return result
    }

    /// The grouping key of an instance.
    package static func key(of instance: MentionInstance) -> Key {
        Key(document: instance.documentID, sentence: instance.sentenceIndex, actor: instance.actor)
    }
}
