import XCTest

@testable import StanceKit

final class StanceChartsTests: XCTestCase {
    func row(_ actor: String, _ probabilities: [String: Double], date: String?) -> Prediction {
        let stance = probabilities.max { $0.value < $1.value }?.key ?? "none"
        return Prediction(
            document: "d", sentence: 0, text: "\(actor) spoke.", actor: actor, mention: actor, start: 0, end: actor.unicodeScalars.count,
            resolved: .name, stance: stance, stanceProbabilities: probabilities, sentiment: "neutral",
            sentimentProbabilities: ["negative": 0.1, "neutral": 0.8, "positive": 0.1], date: date)
    }

    func result(_ id: String, date: String?, _ rows: [Prediction]) -> DocumentResult {
        DocumentResult(id: id, title: "Title <\(id)>", date: date, sentences: rows.map(\.text), rows: rows, skippedDuplicateParagraphs: 0)
    }

    func testPositionMixSetsNoneAsideAndFadesByIt() {
        var t = StanceTotals()
        t.add(row("Kyiv", ["open": 0.1, "skeptical": 0.1, "hardline": 0.2, "none": 0.6], date: nil))
        t.add(row("Kyiv", ["open": 0.0, "skeptical": 0.2, "hardline": 0.6, "none": 0.2], date: nil))
        XCTAssertEqual(t.noStanceShare, 0.4, accuracy: 1e-12)
        let mix = t.positionMix
        XCTAssertEqual(mix.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(mix[2], 0.8 / 1.2, accuracy: 1e-12, "hardline's share of the position mass")
        XCTAssertEqual(t.dominantPosition, "hardline")
        XCTAssertEqual(StanceCharts.opacity(t), 0.25 + 0.75 * 0.6, accuracy: 1e-12)
        XCTAssertEqual(StanceTotals().positionMix, [1.0 / 3, 1.0 / 3, 1.0 / 3], "no evidence: an even, fully faded mix")
    }

    func testDatedArticlesGetATimelineAndAnOverviewWithoutScripts() {
        var renderer = HTMLRenderer()
        var html = renderer.begin()
        html += renderer.render(
            result(
                "a", date: "2026-01-05", [row("Kyiv", ["open": 0.7, "skeptical": 0.1, "hardline": 0.1, "none": 0.1], date: "2026-01-05")]))
        html += renderer.render(
            result(
                "b", date: "2026-02-09",
                [
                    row("Kyiv", ["open": 0.1, "skeptical": 0.1, "hardline": 0.7, "none": 0.1], date: "2026-02-09"),
                    row("Moscow", ["open": 0.1, "skeptical": 0.1, "hardline": 0.1, "none": 0.7], date: "2026-02-09"),
                ]))
        html += renderer.finish(perDocument: [], overall: nil)
        XCTAssertTrue(html.contains("<section id=\"over-time\">"))
        XCTAssertTrue(html.contains("<section id=\"overview\">"))
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertTrue(
            html.contains("Kyiv, 2026-02-09: 1 mention; of the stance revealed: open 11%, skeptical 11%, hardline 78%"), "hover text")
        XCTAssertTrue(html.contains("Moscow in Title &lt;b&gt;"), "titles are escaped inside SVG too")
        XCTAssertTrue(
            html.contains("<g opacity=\"\(String(format: "%.2f", 0.25 + 0.75 * (1 - 0.7)))\">"), "Moscow's column is faded: p(none) 0.7")
        XCTAssertEqual(html.components(separatedBy: "<svg class=\"chart\"").count - 1, 3, "two timelines (Kyiv, Moscow) and one overview")
    }

    func testUndatedSingleArticleHasNoCharts() {
        var renderer = HTMLRenderer()
        _ = renderer.begin()
        _ = renderer.render(
            result("a", date: nil, [row("Kyiv", ["open": 0.7, "skeptical": 0.1, "hardline": 0.1, "none": 0.1], date: nil)]))
        let end = renderer.finish(perDocument: [], overall: nil)
        XCTAssertFalse(end.contains("<svg"))
    }

    func testManyDatesAreGroupedByMonth() {
        var accumulator = SummaryAccumulator()
        var day = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2025, month: 1, day: 1)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        for _ in 0..<(StanceCharts.maximumDateColumns + 20) {
            guard let date = day.date else { break }
            accumulator.add(row("Kyiv", ["open": 0.5, "skeptical": 0.2, "hardline": 0.2, "none": 0.1], date: formatter.string(from: date)))
            day.day = (day.day ?? 1) + 1
        }
        let (keys, byActor) = StanceCharts.dateColumns(accumulator.summaries())
        XCTAssertEqual(keys, ["2025-01", "2025-02", "2025-03"])
        XCTAssertEqual(byActor["Kyiv"]?.values.reduce(0) { $0 + $1.mentions }, StanceCharts.maximumDateColumns + 20)
    }
}
