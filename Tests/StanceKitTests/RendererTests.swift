import XCTest

@testable import StanceKit

final class RendererTests: XCTestCase {
    func row(
        _ actor: String, stance: String, start: Int, end: Int, text: String = "Union leaders rejected the offer, but management was open.",
        date: String? = nil
    ) -> Prediction {
        Prediction(
            document: "d1", sentence: 0, text: text, actor: actor, mention: actor, start: start, end: end, resolved: .name,
            stance: stance, stanceProbabilities: ["open": 0.2, "skeptical": 0.1, "hardline": 0.7],
            sentiment: "neutral", sentimentProbabilities: ["negative": 0.3, "neutral": 0.6, "positive": 0.1], date: date)
    }

    func testCSVQuotesCommasQuotesAndNewlines() {
        XCTAssertEqual(CSVRenderer.quote("plain"), "plain")
        XCTAssertEqual(CSVRenderer.quote("a, b"), "\"a, b\"")
        XCTAssertEqual(CSVRenderer.quote("say \"no\""), "\"say \"\"no\"\"\"")
        XCTAssertEqual(CSVRenderer.quote("two\nlines"), "\"two\nlines\"")
    }

    /// Quoting looks at bytes: a CR LF pair and a comma or quote followed by a combining mark
    /// are single characters equal to none of the four, yet they would still break a record.
    func testCSVQuotesByBytesNotCharacters() {
        XCTAssertEqual(CSVRenderer.quote("one\r\ntwo"), "\"one\r\ntwo\"")
        XCTAssertEqual(CSVRenderer.quote("a,\u{301}b"), "\"a,\u{301}b\"")
        XCTAssertEqual(CSVRenderer.quote("say \"\u{301}"), "\"say \"\"\u{301}\"")
        let record = CSVRenderer.rowsUTF8(
            DocumentResult(
                id: "d1", title: nil, date: nil, sentences: ["s"],
                rows: [row("union", stance: "hardline", start: 0, end: 5, text: "Union\r\nleaders")], skippedDuplicateParagraphs: 0),
            explain: false)
        XCTAssertTrue(String(decoding: record, as: UTF8.self).hasPrefix("d1,0,\"Union\r\nleaders\",union,"))
    }

    /// Probabilities and contributions come out exactly as `%.3f` (round half to even on the
    /// exact binary value), however they are written.
    func testThreeDecimalsMatchPrintf() {
        let values: [Double] = [
            0, 1, 0.5, 0.0005, 0.0015, 0.0025, 0.9995, 0.1234, 0.12350000000000001, 1e-10, -0.0004, -0.0006, 123.4565, 7.0005,
            0.30000000000000004, -2.5e-4, 0.999_999,
        ]
        for value in values {
            XCTAssertEqual(CSVRowWriter.fixed3Text(value), String(format: "%.3f", value), "\(value)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let value = Double.random(in: -3...3, using: &generator)
            XCTAssertEqual(CSVRowWriter.fixed3Text(value), String(format: "%.3f", value), "\(value)")
        }
    }

    func testCSVRowHasOneFieldPerColumn() {
        var r = CSVRenderer(summaryOnly: false)
        let header = r.begin()
        XCTAssertEqual(header, CSVRenderer.columns.joined(separator: ",") + "\r\n")
        let body = r.render(
            DocumentResult(
                id: "d1", title: nil, date: nil, sentences: ["s"], rows: [row("union", stance: "hardline", start: 0, end: 13)],
                skippedDuplicateParagraphs: 0))
        XCTAssertEqual(
            body,
            "d1,0,\"Union leaders rejected the offer, but management was open.\",union,union,0,13,name,hardline,0.200,0.100,0.700,0.000,neutral,0.300,0.600,0.100,\r\n"
        )
    }

    func testJSONLRowsUseDocumentedKeys() throws {
        var r = JSONLRenderer(summaryOnly: false)
        let out = r.render(
            DocumentResult(
                id: "d1", title: nil, date: nil, sentences: ["s"], rows: [row("union", stance: "hardline", start: 0, end: 13)],
                skippedDuplicateParagraphs: 0))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            [
                "document", "sentence", "text", "actor", "mention", "start", "end", "resolved", "stance",
                "stance_probabilities", "sentiment", "sentiment_probabilities",
            ])
    }

    func testHTMLEscapesTextAndHighlightsMentionsByStance() {
        var r = HTMLRenderer()
        _ = r.begin()
        let text = "<b>Union</b> rejected & management was open."
        let rows = [
            row("union", stance: "hardline", start: 3, end: 8, text: text),
            row("management", stance: "open", start: 24, end: 34, text: text),
        ]
        let html = r.render(
            DocumentResult(id: "d1", title: "A & B", date: nil, sentences: [text], rows: rows, skippedDuplicateParagraphs: 0))
        XCTAssertTrue(html.contains("<h2>A &amp; B</h2>"))
        XCTAssertTrue(html.contains("&lt;b&gt;<span class=\"m hardline\" tabindex=\"0\">Union<span class=\"card\">"))
        XCTAssertTrue(html.contains("<span class=\"m open\" tabindex=\"0\">management<span class=\"card\">"))
        XCTAssertFalse(html.contains("<b>Union"))
        // A row read in a window of other text has offsets into that window: it is not marked
        // in this sentence (here its offsets would fall on "rejected").
        let windowRow = row("management", stance: "open", start: 13, end: 21, text: "a window around management")
        let marked = r.render(
            DocumentResult(id: "d1", title: nil, date: nil, sentences: [text], rows: [windowRow], skippedDuplicateParagraphs: 0))
        XCTAssertFalse(marked.contains("class=\"m open\""))
        XCTAssertTrue(marked.contains("rejected"))
        let end = r.finish(perDocument: [], overall: nil)
        XCTAssertTrue(end.contains("<td>union</td>"))
        XCTAssertTrue(end.hasSuffix("</html>\n"))
    }

    func testSummaryCountsMeansDominantAndOverTime() throws {
        var acc = SummaryAccumulator()
        acc.add(row("union", stance: "hardline", start: 0, end: 5, date: "2026-01-01"))
        acc.add(row("union", stance: "hardline", start: 0, end: 5, date: "2026-01-02"))
        acc.add(row("board", stance: "open", start: 0, end: 5))
        let s = acc.summaries()
        XCTAssertEqual(s.map(\.actor), ["union", "board"])
        XCTAssertEqual(s[0].mentions, 2)
        XCTAssertEqual(s[0].stanceCounts, ["hardline": 2])
        XCTAssertEqual(try XCTUnwrap(s[0].meanStanceProbabilities["hardline"]), 0.7, accuracy: 1e-12)
        XCTAssertEqual(s[0].dominantStance, "hardline")
        XCTAssertEqual(s[0].stanceOverTime.map(\.date), ["2026-01-01", "2026-01-02"])
        XCTAssertEqual(s[1].stanceOverTime, [])
    }

    func testTableAlignsColumnsAndColoursOnlyWhenAsked() {
        let result = DocumentResult(
            id: "d1", title: nil, date: nil, sentences: ["First.", "Second."],
            rows: [row("union", stance: "hardline", start: 0, end: 5)], skippedDuplicateParagraphs: 1)
        var plain = TableRenderer(colour: false)
        let p = plain.render(result)
        XCTAssertFalse(p.contains("\u{1B}["))
        XCTAssertTrue(p.contains("2 sentences, 1 actor mention, 1 repeated paragraph skipped"))
        XCTAssertTrue(p.contains("[0] First.\n    union"))
        var coloured = TableRenderer(colour: true)
        XCTAssertTrue(coloured.render(result).contains("\u{1B}[31mhardline"))
    }
}
