/// RFC 4180 CSV with the JSONL columns; probability maps become one column per label.
package struct CSVRenderer: ResultRenderer {
    let summaryOnly: Bool

    /// The row columns, in order.
    package static let columns =
        ["document", "sentence", "text", "actor", "mention", "start", "end", "resolved", "stance"]
        + TaskLabels.stance.map { "stance_p_\($0)" } + ["sentiment"] + TaskLabels.sentiment.map { "sentiment_p_\($0)" } + ["date"]

    /// The summary columns, in order.
    package static let summaryColumns =
        ["scope", "actor", "mentions"] + TaskLabels.stance.map { "n_\($0)" } + ["n_\(TaskLabels.uncertain)"]
        + TaskLabels.stance.map { "mean_p_\($0)" } + ["dominant_stance"]

    /// True when rows carry `--explain` features, which add two columns.
    let explain: Bool

    /// Creates the renderer; `explain` adds the `stance_features` and `sentiment_features` columns.
    package init(summaryOnly: Bool, explain: Bool = false) {
        self.summaryOnly = summaryOnly
        self.explain = explain
    }

    /// Features as `name:+0.123` joined by `; `.
    static func features(_ list: [FeatureContribution]?) -> String {
        (list ?? []).map { "\($0.feature):\($0.contribution >= 0 ? "+" : "")\(formatProbability($0.contribution))" }.joined(separator: "; ")
    }

    /// Quotes a field when its UTF-8 bytes hold a comma, quote, CR or LF, doubling inner
    /// quotes (RFC 4180 §2). Bytes, not characters: a CR LF pair or a comma followed by a
    /// combining mark is one `Character` equal to none of the four, yet still breaks a record.
    package static func quote(_ field: String) -> String {
        var writer = CSVRowWriter(explain: false)
        writer.field(field)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func line(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") + "\r\n" }

    /// The header line.
    package mutating func begin() -> String {
        Self.line(summaryOnly ? Self.summaryColumns : Self.columns + (explain ? ["stance_features", "sentiment_features"] : []))
    }

    /// One CSV record per row.
    package mutating func render(_ result: DocumentResult) -> String {
        String(decoding: rowBytes(result), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, which an output sink takes without checking them again.
    package func renderUTF8(_ result: DocumentResult) -> [UInt8]? { rowBytes(result) }

    /// The records' bytes, none with `--summary`.
    private func rowBytes(_ result: DocumentResult) -> [UInt8] { summaryOnly ? [] : Self.rowsUTF8(result, explain: explain) }

    /// The document's records as UTF-8 bytes (what `render` returns), written without a
    /// string per field; a worker thread calls it with no renderer.
    package static func rowsUTF8(_ result: DocumentResult, explain: Bool) -> [UInt8] {
        var writer = CSVRowWriter(explain: explain, capacity: result.rows.count * 384)
        for row in result.rows { writer.append(row) }
        return writer.bytes
    }

    /// With `--summary`, one record per actor and scope.
    package mutating func finish(perDocument: [(id: String, summaries: [ActorSummary])], overall: [ActorSummary]?) -> String {
        var scoped = perDocument.flatMap { doc in doc.summaries.map { (doc.id, $0) } }
        scoped += (overall ?? []).map { ("*", $0) }
        return scoped.map { scope, s in
            Self.line(
                [scope, s.actor, String(s.mentions)] + TaskLabels.stance.map { String(s.stanceCounts[$0] ?? 0) }
                    + [String(s.stanceCounts[TaskLabels.uncertain] ?? 0)]
                    + TaskLabels.stance.map { formatProbability(s.meanStanceProbabilities[$0] ?? 0) } + [s.dominantStance])
        }.joined()
    }
}
