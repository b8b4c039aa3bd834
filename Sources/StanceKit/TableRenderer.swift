/// Human-readable output: per article, each sentence followed by its actors.
///
/// Columns are padded to fixed widths; with `colour` the stance is coloured with
/// ANSI codes (only when stdout is a terminal, so pipes stay plain).
package struct TableRenderer: ResultRenderer {
    let colour: Bool

    /// Creates the renderer.
    package init(colour: Bool) { self.colour = colour }

    // Colours chosen to read on dark and light terminals alike.
    static let ansi = ["open": "\u{1B}[32m", "skeptical": "\u{1B}[33m", "hardline": "\u{1B}[31m", TaskLabels.uncertain: "\u{1B}[2m"]
    static let reset = "\u{1B}[0m"

    static func pad(_ s: String, _ width: Int) -> String {
        let n = s.count
        if n > width { return String(s.prefix(max(width - 1, 0))) + "…" }
        return s + String(repeating: " ", count: width - n)
    }

    func coloured(_ stance: String, width: Int) -> String {
        let padded = Self.pad(stance, width)
        guard colour, let code = Self.ansi[stance] else { return padded }
        return code + padded + Self.reset
    }

    /// No header: every document carries its own.
    package mutating func begin() -> String { "" }

    /// The document's sentences with aligned actor lines.
    package mutating func render(_ result: DocumentResult) -> String {
        var out = "== \(result.id)"
        if let date = result.date { out += "  (\(date))" }
        out += "  " + plural(result.sentences.count, "sentence") + ", " + plural(result.rows.count, "actor mention")
        if result.skippedDuplicateParagraphs > 0 {
            out += ", " + plural(result.skippedDuplicateParagraphs, "repeated paragraph") + " skipped"
        }
        out += "\n"
        let bySentence = Dictionary(grouping: result.rows, by: \.sentence)
        for (i, sentence) in result.sentences.enumerated() {
            guard let rows = bySentence[i] else { continue }
            out += "[\(i)] \(sentence)\n"
            for r in rows {
                let who = r.mention == r.actor ? r.actor : "\(r.actor) (\(r.mention))"
                out +=
                    "    " + Self.pad(who, 44) + " " + Self.pad(r.resolved.rawValue, 10) + " "
                    + coloured(r.stance, width: 10) + " " + formatProbability(r.stanceConfidence) + "   "
                    + Self.pad(r.sentiment, 8) + " " + formatProbability(r.sentimentDistribution.values.max() ?? 0) + "\n"
                if let e = r.explanation {
                    out +=
                        "        stance:    " + e.stance.map { "\($0.feature) \(signed($0.contribution))" }.joined(separator: ", ") + "\n"
                    out +=
                        "        sentiment: " + e.sentiment.map { "\($0.feature) \(signed($0.contribution))" }.joined(separator: ", ")
                        + "\n"
                }
            }
        }
        return out + "\n"
    }

    func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + formatProbability(x) }

    /// With `--summary`: a per-actor table per document and one over all input.
    package mutating func finish(perDocument: [(id: String, summaries: [ActorSummary])], overall: [ActorSummary]?) -> String {
        var out = ""
        for (id, summaries) in perDocument { out += summaryTable(title: "Summary: \(id)", summaries) }
        if let overall { out += summaryTable(title: "Summary: all input", overall, overTime: true) }
        return out
    }

    func summaryTable(title: String, _ summaries: [ActorSummary], overTime: Bool = false) -> String {
        var out = "== \(title)\n"
        out +=
            "    " + Self.pad("actor", 30) + " " + Self.pad("mentions", 8) + " " + Self.pad("dominant", 10)
            + TaskLabels.stance.map { " " + Self.pad($0, 10) }.joined() + " uncertain  mean p(open/skeptical/hardline/none)\n"
        for s in summaries {
            out +=
                "    " + Self.pad(s.actor, 30) + " " + Self.pad(String(s.mentions), 8) + " " + coloured(s.dominantStance, width: 10)
                + TaskLabels.stance.map { " " + Self.pad(String(s.stanceCounts[$0] ?? 0), 10) }.joined()
                + " " + Self.pad(String(s.stanceCounts[TaskLabels.uncertain] ?? 0), 10) + " "
                + TaskLabels.stance.map { formatProbability(s.meanStanceProbabilities[$0] ?? 0) }.joined(separator: "/") + "\n"
            if overTime && s.stanceOverTime.count > 1 {
                for d in s.stanceOverTime {
                    out +=
                        "        \(d.date)  \(Self.pad(String(d.mentions), 4)) " + coloured(d.dominantStance, width: 10) + " "
                        + TaskLabels.stance.map { formatProbability(d.meanStanceProbabilities[$0] ?? 0) }.joined(separator: "/") + "\n"
                }
            }
        }
        return out + "\n"
    }
}
