import Foundation

/// Stance totals of one actor in one article (or on one date): mentions and the sum of
/// each stance label's probability, from which the charts draw means.
package struct StanceTotals: Sendable, Equatable {
    /// Mentions counted.
    package var mentions = 0
    /// Sum of each stance label's probability over the mentions.
    package var sums: [String: Double] = [:]

    /// Creates empty totals.
    package init() {}

    /// Adds one row's stance probabilities.
    package mutating func add(_ row: Prediction) {
        mentions += 1
        for (label, p) in zip(row.stanceDistribution.labels, row.stanceDistribution.values) { sums[label, default: 0] += p }
    }

    /// Adds `count` mentions whose mean probabilities are `means`.
    package mutating func add(mentions count: Int, means: [String: Double]) {
        mentions += count
        for (label, p) in means { sums[label, default: 0] += p * Double(count) }
    }

    /// Mean probability that the sentences reveal no stance (`none`); 0 for a model without `none`.
    package var noStanceShare: Double { mentions == 0 ? 0 : (sums[TaskLabels.noStance] ?? 0) / Double(mentions) }

    /// The three positions' share of the probability the sentences put on a position, in
    /// `TaskLabels.positions` order: the actor's stance mix with `none` set aside.
    package var positionMix: [Double] {
        let mass = TaskLabels.positions.map { sums[$0] ?? 0 }
        let total = mass.reduce(0, +)
        return total > 0 ? mass.map { $0 / total } : mass.map { _ in 1 / Double(TaskLabels.positions.count) }
    }

    /// The position with the largest share (ties to the first listed).
    package var dominantPosition: String {
        let mix = positionMix
        var best = 0
        for i in mix.indices where mix[i] > mix[best] { best = i }
        return TaskLabels.positions[best]
    }
}

/// Inline SVG charts for the HTML report: no scripts, no fonts, no network; hover text
/// comes from SVG `<title>` elements, which browsers show as tooltips.
///
/// Both charts draw the three positions (open, skeptical, hardline) as the actor's mix of
/// positions with `none` set aside, and fade a mark by how much of it is `none`: a sentence
/// that reveals no stance should neither count as a position nor vanish, so a faded column
/// reads "little evidence" while the colours still show which way it leans.
package enum StanceCharts {
    /// Colour of each position, as in the report's highlight borders.
    static let colours = ["open": "#1e8e3e", "skeptical": "#d49a0a", "hardline": "#c5221f"]
    /// Actors drawn in the over-time chart: the most mentioned first (a chart per actor).
    package static let maximumTimelineActors = 8
    /// Rows of the actor x article overview.
    package static let maximumOverviewActors = 16
    /// Columns of the actor x article overview (later articles are left out, with a note).
    package static let maximumOverviewArticles = 40
    /// More distinct dates than this are grouped by month (then by year), so columns stay readable.
    package static let maximumDateColumns = 60

    /// Opacity of a mark: 0.25 when every mention is `none`, 1 when none is.
    static func opacity(_ t: StanceTotals) -> Double { 0.25 + 0.75 * (1 - t.noStanceShare) }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static func describe(_ t: StanceTotals) -> String {
        let mix = t.positionMix
        let parts = TaskLabels.positions.enumerated().map { "\($0.element) \(String(format: "%.0f", mix[$0.offset] * 100))%" }
        return "\(plural(t.mentions, "mention")); of the stance revealed: " + parts.joined(separator: ", ")
            + "; no stance revealed (mean p(none)): \(String(format: "%.0f", t.noStanceShare * 100))%"
    }

    /// The legend both charts share.
    static func legend() -> String {
        var out = "<p class=\"meta chartlegend\">"
        for label in TaskLabels.positions {
            out +=
                "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"\(colours[label] ?? "#888")\"/></svg> \(label)</span>"
        }
        out += "<span>Colours: the mix of positions among what the sentences reveal (mean probabilities, <i>none</i> set aside). "
        out += "Faded: most mentions reveal no stance (<i>none</i>). Hover for figures.</span></p>\n"
        return out
    }

    // MARK: - Stance over time

    /// Groups dated totals into at most `maximumDateColumns` columns: days, else months, else years.
    static func dateColumns(_ summaries: [ActorSummary]) -> (keys: [String], byActor: [String: [String: StanceTotals]]) {
        var days = Set<String>()
        for s in summaries { for d in s.stanceOverTime { days.insert(d.date) } }
        var prefix = 10
        if days.count > maximumDateColumns { prefix = 7 }
        if prefix == 7, Set(days.map { String($0.prefix(7)) }).count > maximumDateColumns { prefix = 4 }
        var byActor: [String: [String: StanceTotals]] = [:]
        var keys = Set<String>()
        for s in summaries {
            for d in s.stanceOverTime {
                let key = String(d.date.prefix(prefix))
                keys.insert(key)
                byActor[s.actor, default: [:]][key, default: StanceTotals()].add(mentions: d.mentions, means: d.meanStanceProbabilities)
            }
        }
        return (keys.sorted(), byActor)
    }

    /// Small multiples, one per actor with dated mentions: for each date a column of the
    /// actor's position mix, faded by its share of `none`; "" when fewer than two dates occur.
    package static func overTime(_ summaries: [ActorSummary]) -> String {
        let (keys, byActor) = dateColumns(summaries)
        guard keys.count >= 2 else { return "" }
        let actors = summaries.filter { byActor[$0.actor] != nil }.prefix(maximumTimelineActors)
        var out = "<section id=\"over-time\"><h2>Stance over time</h2>\n" + legend() + "<div class=\"charts\">\n"
        for s in actors { out += timeline(actor: s.actor, columns: keys, totals: byActor[s.actor] ?? [:]) }
        out += "</div>"
        let dated = summaries.filter { byActor[$0.actor] != nil }.count
        if dated > actors.count {
            out += "<p class=\"meta\">The \(actors.count) most mentioned of \(dated) actors with dated mentions.</p>"
        }
        return out + "</section>\n"
    }

    static func timeline(actor: String, columns: [String], totals: [String: StanceTotals]) -> String {
        let width = 460.0
        let height = 200.0
        let left = 38.0
        let right = width - 10
        let top = 36.0
        let bottom = 140.0
        let slot = (right - left) / Double(columns.count)
        let bar = min(30, slot * 0.72)
        let mentions = totals.values.reduce(0) { $0 + $1.mentions }
        let title = "\(actor): stance over time"
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(HTMLRenderer.escape(title))\">"
        svg += "<title>\(HTMLRenderer.escape(title))</title>"
        svg +=
            "<text x=\"\(Int(left))\" y=\"17\" class=\"ct\">\(HTMLRenderer.escape(actor))<tspan class=\"cm\"> · \(plural(mentions, "dated mention"))</tspan></text>"
        for (fraction, label) in [(0.0, "0"), (0.5, "50%"), (1.0, "100%")] {
            let y = bottom - fraction * (bottom - top)
            svg += "<line x1=\"\(number(left))\" x2=\"\(number(right))\" y1=\"\(number(y))\" y2=\"\(number(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(number(left - 4))\" y=\"\(number(y + 3))\" class=\"ax\" text-anchor=\"end\">\(label)</text>"
        }
        let labelEvery = max(1, Int((Double(columns.count) / 14).rounded(.up)))
        for (i, key) in columns.enumerated() {
            let centre = left + slot * (Double(i) + 0.5)
            if let t = totals[key], t.mentions > 0 {
                svg +=
                    "<g opacity=\"\(String(format: "%.2f", opacity(t)))\"><title>\(HTMLRenderer.escape("\(actor), \(key): \(describe(t))"))</title>"
                var y = bottom
                // Stacked bottom-up: hardline, skeptical, open.
                for (label, share) in zip(TaskLabels.positions, t.positionMix).reversed() where share > 0 {
                    let h = share * (bottom - top)
                    y -= h
                    svg +=
                        "<rect x=\"\(number(centre - bar / 2))\" y=\"\(number(y))\" width=\"\(number(bar))\" height=\"\(number(h))\" fill=\"\(colours[label] ?? "#888")\"/>"
                }
                svg += "</g><text x=\"\(number(centre))\" y=\"\(number(top - 3))\" class=\"ax\" text-anchor=\"middle\">\(t.mentions)</text>"
            }
            if i % labelEvery == 0 {
                svg +=
                    "<text class=\"ax\" text-anchor=\"end\" transform=\"translate(\(number(centre + 3)) \(number(bottom + 10))) rotate(-40)\">\(HTMLRenderer.escape(key))</text>"
            }
        }
        return svg + "</svg>\n"
    }

    // MARK: - Actor x article overview

    /// One article's column of the overview.
    package struct ArticleColumn: Sendable {
        /// Document id.
        package var id: String
        /// Headline, if known.
        package var title: String?
        /// Date, if known.
        package var date: String?
        /// Totals per actor.
        package var actors: [String: StanceTotals]

        /// Creates a column from one document's result.
        package init(_ result: DocumentResult) {
            id = result.id
            title = result.title
            date = result.date
            actors = [:]
            for row in result.rows { actors[row.actor, default: StanceTotals()].add(row) }
        }
    }

    /// A grid of actors (rows, most mentioned first) by articles (columns, input order):
    /// each cell a bar of the actor's position mix in that article, faded by its share of
    /// `none`; "" for fewer than two articles.
    package static func overview(_ articles: [ArticleColumn], totalArticles: Int, actorOrder: [String]) -> String {
        guard totalArticles >= 2, articles.count >= 2 else { return "" }
        let shown = Array(articles.prefix(maximumOverviewArticles))
        let present = Set(shown.flatMap { $0.actors.keys })
        let actors = Array(actorOrder.filter { present.contains($0) }.prefix(maximumOverviewActors))
        guard !actors.isEmpty else { return "" }
        let labelWidth = 170.0
        let cell = 28.0
        let gap = 3.0
        let header = 96.0
        // Column labels are rotated up and to the right: leave room beyond the last column.
        let width = labelWidth + Double(shown.count) * cell + 70
        let height = header + Double(actors.count) * cell + 6
        var svg = "<section id=\"overview\"><h2>Actors × articles</h2>\n" + legend()
        svg +=
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"stance of each actor in each article\">"
        svg += "<title>Stance of each actor (rows) in each article (columns)</title>"
        for (j, article) in shown.enumerated() {
            let x = labelWidth + Double(j) * cell + cell / 2
            let label = article.date ?? article.id
            let short = label.count > 16 ? String(label.prefix(15)) + "…" : label
            svg +=
                "<text class=\"ax\" transform=\"translate(\(number(x + 3)) \(number(header - 6))) rotate(-60)\"><title>\(HTMLRenderer.escape(article.title ?? article.id))</title>\(HTMLRenderer.escape(short))</text>"
        }
        for (i, actor) in actors.enumerated() {
            let y = header + Double(i) * cell
            let name = actor.count > 26 ? String(actor.prefix(25)) + "…" : actor
            svg +=
                "<text x=\"\(number(labelWidth - 6))\" y=\"\(number(y + cell / 2 + 4))\" class=\"ax an\" text-anchor=\"end\">\(HTMLRenderer.escape(name))</text>"
            for (j, article) in shown.enumerated() {
                let x = labelWidth + Double(j) * cell
                svg +=
                    "<rect x=\"\(number(x + gap / 2))\" y=\"\(number(y + gap / 2))\" width=\"\(number(cell - gap))\" height=\"\(number(cell - gap))\" class=\"cell\"/>"
                guard let t = article.actors[actor], t.mentions > 0 else { continue }
                svg +=
                    "<g opacity=\"\(String(format: "%.2f", opacity(t)))\"><title>\(HTMLRenderer.escape("\(actor) in \(article.title ?? article.id): \(describe(t))"))</title>"
                var cursor = x + gap / 2
                for (label, share) in zip(TaskLabels.positions, t.positionMix) where share > 0 {
                    let w = share * (cell - gap)
                    svg +=
                        "<rect x=\"\(number(cursor))\" y=\"\(number(y + gap / 2))\" width=\"\(number(w))\" height=\"\(number(cell - gap))\" fill=\"\(colours[label] ?? "#888")\"/>"
                    cursor += w
                }
                svg += "</g>"
            }
        }
        svg += "</svg>"
        if totalArticles > shown.count {
            svg += "<p class=\"meta\">The first \(shown.count) of \(totalArticles) articles.</p>"
        }
        return svg + "</section>\n"
    }

    /// CSS for the charts, appended to the report's style.
    static let style = """
        .charts{display:flex;flex-wrap:wrap;gap:.5rem 1rem}
        svg.chart{font-family:system-ui,'DejaVu Sans',sans-serif;background:#fff;border:1px solid #e3e3de;border-radius:4px;max-width:100%;height:auto}
        svg .ct{font-size:13px;font-weight:600;fill:#1d1d1f}svg .cm{font-weight:400;fill:#666}
        svg .ax{font-size:10px;fill:#555}svg .an{font-size:11px;fill:#1d1d1f}
        svg .grid{stroke:#e6e6e1;stroke-width:1}svg .cell{fill:#f4f4f0}
        .chartlegend span{margin-right:.9rem;white-space:nowrap}.chartlegend span:last-child{white-space:normal}
        """
}
