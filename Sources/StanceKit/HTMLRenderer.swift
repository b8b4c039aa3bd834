/// One self-contained HTML page: articles with mentions highlighted in their
/// stance's colour, a hover card with probabilities and top features, and a
/// per-actor summary table; with dates, a chart of each actor's stance over time, and
/// for several articles an actor x article overview (inline SVG, see `StanceCharts`).
/// No scripts or fonts are fetched from the network.
package struct HTMLRenderer: ResultRenderer {
    private var summary = SummaryAccumulator()
    private var documents = 0
    /// The first articles' per-actor totals, for the overview (later ones are only counted).
    private var columns: [StanceCharts.ArticleColumn] = []

    /// Creates the renderer.
    package init() {}

    /// Escapes text for HTML element content and attribute values.
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let style = """
        body{font-family:Georgia,'DejaVu Serif',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fdfdfb;line-height:1.55}
        h1{font-family:system-ui,'DejaVu Sans',sans-serif;font-size:1.4rem}
        h2{font-family:system-ui,'DejaVu Sans',sans-serif;font-size:1.1rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
        .meta{color:#666;font-size:.85rem;font-family:system-ui,'DejaVu Sans',sans-serif}
        .legend span{margin-right:1rem}
        p.s{margin:.35rem 0;position:relative}
        .m{border-radius:3px;padding:0 2px;cursor:help;border-bottom:2px solid transparent}
        .open{background:#d4f0d9;border-color:#1e8e3e}.skeptical{background:#fff1c2;border-color:#b7860b}
        .hardline{background:#fbd5d2;border-color:#c5221f}.uncertain{background:#e8e8e8;border-color:#888}
        .none{background:#f1f1ee;border-color:#b5b5b0}
        .m .card{display:none;position:absolute;left:0;top:100%;z-index:10;width:22rem;max-width:100%;white-space:nowrap;background:#fff;border:1px solid #999;
          border-radius:6px;padding:.5rem .7rem;box-shadow:0 4px 14px rgba(0,0,0,.18);font:12px/1.4 system-ui,'DejaVu Sans',sans-serif;color:#222}
        .m:hover .card,.m:focus .card{display:block}
        .card b{display:block;margin-top:.2rem}
        .bar{display:inline-block;height:.6em;background:#555;vertical-align:middle;margin-left:.3rem}
        table{border-collapse:collapse;font:13px system-ui,'DejaVu Sans',sans-serif;margin-top:.5rem}
        th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#f0f0ec}
        """ + "\n" + StanceCharts.style

    /// The page head, style and legend.
    package mutating func begin() -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>stance: actor stances</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>\(Self.style)</style></head><body>
        <h1>Actor stances</h1>
        <p class="meta legend"><span class="m open">open</span><span class="m skeptical">skeptical</span><span class="m hardline">hardline</span><span class="m none">none</span><span class="m uncertain">uncertain</span> — hover or tab to a mention for probabilities and the features behind them.</p>

        """
    }

    /// One article section with highlighted mentions.
    package mutating func render(_ result: DocumentResult) -> String {
        documents += 1
        result.rows.forEach { summary.add($0) }
        if columns.count < StanceCharts.maximumOverviewArticles { columns.append(StanceCharts.ArticleColumn(result)) }
        var out =
            "<section class=\"article\"><h2>\(Self.escape(result.title ?? result.id))</h2>\n<p class=\"meta\">\(Self.escape(result.id))"
        if let date = result.date { out += " · \(Self.escape(date))" }
        out += " · " + plural(result.rows.count, "actor mention")
        if result.skippedDuplicateParagraphs > 0 {
            out += " · " + plural(result.skippedDuplicateParagraphs, "repeated paragraph") + " skipped"
        }
        out += "</p>\n"
        let bySentence = Dictionary(grouping: result.rows, by: \.sentence)
        for (i, sentence) in result.sentences.enumerated() {
            out += "<p class=\"s\">" + highlight(sentence, rows: bySentence[i] ?? []) + "</p>\n"
        }
        return out + "</section>\n"
    }

    func highlight(_ sentence: String, rows: [Prediction]) -> String {
        let scalars = Array(sentence.unicodeScalars)
        // Overlapping spans cannot nest in one highlight; keep the first of any overlap.
        var spans: [Prediction] = []
        // A row read in a window of text (a long given-target sentence, a target across a
        // sentence end) has offsets into that window, not into this sentence: not marked here.
        for r in rows.sorted(by: { ($0.start, $1.end) < ($1.start, $0.end) })
        where r.text == sentence && r.start >= (spans.last?.end ?? 0) && r.end <= scalars.count {
            spans.append(r)
        }
        func text(_ range: Range<Int>) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[range])
            return Self.escape(String(v))
        }
        var out = ""
        var cursor = 0
        for r in spans {
            out += text(cursor..<r.start)
            out += "<span class=\"m \(Self.escape(r.stance))\" tabindex=\"0\">\(text(r.start..<r.end))" + card(r) + "</span>"
            cursor = r.end
        }
        return out + text(cursor..<scalars.count)
    }

    func card(_ r: Prediction) -> String {
        var c = "<span class=\"card\"><b>\(Self.escape(r.actor))</b> (\(Self.escape(r.resolved.rawValue)))"
        c += "<b>stance: \(Self.escape(r.stance))</b>"
        for label in TaskLabels.stance {
            let p = r.stanceDistribution[label] ?? 0
            c += "\(label) \(formatProbability(p))<span class=\"bar\" style=\"width:\(Int((p * 80).rounded()))px\"></span><br>"
        }
        c += "<b>sentiment: \(Self.escape(r.sentiment))</b>"
        c += TaskLabels.sentiment.map { "\($0) \(formatProbability(r.sentimentDistribution[$0] ?? 0))" }.joined(separator: " · ")
        if let e = r.explanation {
            if !e.stance.isEmpty {
                c +=
                    "<b>top stance features</b>"
                    + e.stance.map { "\(Self.escape($0.feature)) \(formatProbability($0.contribution))" }.joined(separator: "<br>")
            }
            if !e.sentiment.isEmpty {
                c +=
                    "<b>top sentiment features</b>"
                    + e.sentiment.map { "\(Self.escape($0.feature)) \(formatProbability($0.contribution))" }.joined(separator: "<br>")
            }
        }
        return c + "</span>"
    }

    /// The charts, the per-actor summary table and the closing tags.
    package mutating func finish(perDocument: [(id: String, summaries: [ActorSummary])], overall: [ActorSummary]?) -> String {
        // The caller's aggregate when it keeps one (it has seen every row); else this renderer's own.
        let summaries = overall ?? summary.summaries()
        var out = StanceCharts.overTime(summaries)
        out += StanceCharts.overview(columns, totalArticles: documents, actorOrder: summaries.map(\.actor))
        out +=
            "<section id=\"actors\"><h2>Actors across \(documents) article\(documents == 1 ? "" : "s")</h2>\n<table><tr><th>actor</th><th>mentions</th><th>dominant stance</th>"
        out += TaskLabels.stance.map { "<th>\($0)</th>" }.joined() + "<th>\(TaskLabels.uncertain)</th>"
        out += TaskLabels.stance.map { "<th>mean p(\($0))</th>" }.joined() + "</tr>\n"
        for s in summaries {
            out +=
                "<tr><td>\(Self.escape(s.actor))</td><td>\(s.mentions)</td><td><span class=\"m \(s.dominantStance)\">\(s.dominantStance)</span></td>"
            out +=
                TaskLabels.stance.map { "<td>\(s.stanceCounts[$0] ?? 0)</td>" }.joined()
                + "<td>\(s.stanceCounts[TaskLabels.uncertain] ?? 0)</td>"
            out += TaskLabels.stance.map { "<td>\(formatProbability(s.meanStanceProbabilities[$0] ?? 0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table></section>\n</body></html>\n"
    }
}
