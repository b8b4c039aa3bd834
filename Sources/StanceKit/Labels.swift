/// The label sets the two shipped tasks predict, in the order models store them.
package enum TaskLabels {
    /// Stance toward talks, deals and de-escalation (ANNOTATION.md); `none` when the
    /// sentence reveals no stance of the actor (a null label in the data), which is what
    /// most mentions in real news are.
    package static let stance = ["open", "skeptical", "hardline", "none"]
    /// The stance labels that are positions (all but `none`), for the 3-class figures.
    package static let positions = ["open", "skeptical", "hardline"]
    /// The label of a mention whose sentence reveals no stance.
    package static let noStance = "none"
    /// What a row reports instead of a stance below `--min-confidence`.
    package static let uncertain = "uncertain"
    /// Tone of the sentence toward the actor (NewsMTSC's notion).
    package static let sentiment = ["negative", "neutral", "positive"]
}

/// Which of the two per-mention questions a model answers.
public enum StanceTask: String, Codable, Sendable, CaseIterable {
    case stance, sentiment

    /// The label names a model for this task predicts.
    package var labels: [String] { self == .stance ? TaskLabels.stance : TaskLabels.sentiment }

    /// The file name the task's model has in a model directory.
    package var modelFileName: String { "\(rawValue).json" }
}
