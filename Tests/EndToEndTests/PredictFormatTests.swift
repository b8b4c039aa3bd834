import Foundation
import XCTest

/// stance-predict's four output formats, `--summary`, `--explain` and `--min-confidence`
/// on `Fixtures/article.txt`, whose mentions follow a flag emoji, an emoji and decomposed
/// accents, so offsets counted in UTF-16 units or characters instead of code points show.
final class PredictFormatTests: XCTestCase {
    static let stanceLabels: Set<String> = ["open", "skeptical", "hardline", "none"]
    static let sentimentLabels: Set<String> = ["negative", "neutral", "positive"]
    /// The row keys the JSONL output documents (Prediction's coding keys); `date` and
    /// `explanation` appear only when the input has a date or `--explain` is given.
    static let rowKeys: Set<String> = [
        "document", "sentence", "text", "actor", "mention", "start", "end", "resolved",
        "stance", "stance_probabilities", "sentiment", "sentiment_probabilities",
    ]

    func predict(_ arguments: [String]) throws -> ProcessOutcome { try Harness.predict(arguments) }

    func jsonlRows(_ extra: [String] = []) throws -> [[String: Any]] {
        let outcome = try predict(["--format", "jsonl", Harness.fixture("article.txt").path] + extra)
        XCTAssertEqual(outcome.status, 0, outcome.err)
        return Harness.jsonObjects(outcome.out)
    }

    func testTableIsPlainTextWhenStdoutIsNotATerminal() throws {
        let outcome = try predict(["--format", "table", Harness.fixture("article.txt").path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertEqual(outcome.err, "")
        XCTAssertFalse(outcome.out.contains("\u{1B}"), "ANSI escape codes in piped table output")
        XCTAssertTrue(outcome.out.hasPrefix("== article"), outcome.out)
        for actor in ["Emmanuel Macron", "Vladimir Putin", "Keir Starmer"] {
            XCTAssertTrue(outcome.out.contains(actor), "table lacks \(actor):\n\(outcome.out)")
        }
    }

    func testTerminalGetsAColouredTableUnlessNoColorIsGiven() throws {
        // util-linux `script` runs the command on a pseudo-terminal, as a user's shell would.
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else { throw XCTSkip("needs /usr/bin/script (util-linux)") }
        let command = [
            try Harness.executable("stance-predict").path, "--model-dir", try Harness.tinyModelDirectory().path,
            Harness.fixture("article.txt").path,
        ].map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let coloured = try Harness.run(executableURL: script, ["-qec", command, "/dev/null"])
        XCTAssertEqual(coloured.status, 0, coloured.out)
        XCTAssertTrue(coloured.out.hasPrefix("== article"), "a terminal gets the table by default: \(coloured.out)")
        XCTAssertTrue(coloured.out.contains("\u{1B}["), "a terminal gets colour")
        let plain = try Harness.run(executableURL: script, ["-qec", command + " --no-color", "/dev/null"])
        XCTAssertEqual(plain.status, 0, plain.out)
        XCTAssertTrue(plain.out.hasPrefix("== article"))
        XCTAssertFalse(plain.out.contains("\u{1B}"), "--no-color: \(plain.out)")
    }

    func testJSONLRowsHaveDocumentedKeysAndCodePointOffsets() throws {
        let rows = try jsonlRows()
        // The headline's "leaders" is a group mention (issue 8: collective actors).
        XCTAssertEqual(Set(rows.compactMap { $0["actor"] as? String }), ["Emmanuel Macron", "Vladimir Putin", "Keir Starmer", "leaders"])
        for row in rows {
            XCTAssertTrue(Self.rowKeys.isSubset(of: Set(row.keys)), "missing keys \(Self.rowKeys.subtracting(row.keys)) in \(row)")
            XCTAssertEqual(row["document"] as? String, "article")
            guard let text = row["text"] as? String, let mention = row["mention"] as? String,
                let start = row["start"] as? Int, let end = row["end"] as? Int
            else {
                XCTFail("text, mention, start, end have the wrong types: \(row)")
                continue
            }
            XCTAssertEqual(Harness.codePointSlice(text, start, end), mention, "text[\(start)..<\(end)] of \(text)")
            XCTAssertTrue(Self.stanceLabels.contains(row["stance"] as? String ?? ""), "\(row)")
            XCTAssertTrue(Self.sentimentLabels.contains(row["sentiment"] as? String ?? ""), "\(row)")
            for (key, labels) in [("stance_probabilities", Self.stanceLabels), ("sentiment_probabilities", Self.sentimentLabels)] {
                let p = row[key] as? [String: Double] ?? [:]
                XCTAssertEqual(Set(p.keys), labels, key)
                XCTAssertEqual(p.values.reduce(0, +), 1, accuracy: 1e-9, key)
                XCTAssertTrue(p.values.allSatisfy { (0...1).contains($0) }, key)
            }
            let predicted = (row["stance_probabilities"] as? [String: Double] ?? [:]).max { $0.value < $1.value }?.key
            XCTAssertEqual(row["stance"] as? String, predicted, "without --min-confidence the stance is the most probable one")
        }
        // The two mentions behind multi-unit characters pin the offset unit.
        let putin = try XCTUnwrap(rows.first { $0["actor"] as? String == "Vladimir Putin" })
        let putinText = try XCTUnwrap(putin["text"] as? String)
        XCTAssertEqual(putin["start"] as? Int, putinText.unicodeScalars.split(separator: "V", maxSplits: 1).first.map { $0.count })
        XCTAssertTrue(putinText.unicodeScalars.contains("\u{1F600}"), putinText)
    }

    /// By default an actor's mentions in one sentence report one stance distribution (rule 6);
    /// `--per-mention` reports each mention's own, and the example article has a sentence
    /// ("Zelensky said he was ready …, but he ruled out …") where they differ.
    func testAnActorsMentionsInASentenceShareOneStanceUnlessPerMention() throws {
        func rows(_ extra: [String]) throws -> [[String: Any]] {
            let article = Harness.packageRoot.appendingPathComponent("Examples/articles/summit-talks.txt").path
            let outcome = try predict(["--format", "jsonl", article] + extra)
            XCTAssertEqual(outcome.status, 0, outcome.err)
            return Harness.jsonObjects(outcome.out)
        }
        func groups(_ rows: [[String: Any]]) -> [String: [[String: Double]]] {
            var result: [String: [[String: Double]]] = [:]
            for row in rows {
                guard let sentence = row["sentence"] as? Int, let actor = row["actor"] as? String,
                    let p = row["stance_probabilities"] as? [String: Double]
                else { continue }
                result["\(sentence) \(actor)", default: []].append(p)
            }
            return result.filter { $0.value.count > 1 }
        }
        let pooled = groups(try rows([]))
        let own = groups(try rows(["--per-mention"]))
        XCTAssertFalse(pooled.isEmpty, "the article should have an actor mentioned twice in one sentence")
        XCTAssertEqual(Set(pooled.keys), Set(own.keys))
        for (key, distributions) in pooled {
            for d in distributions.dropFirst() { XCTAssertEqual(d, distributions[0], "\(key): pooled rows differ") }
            // The shared distribution is the mean of the mentions' own ones.
            let mine = own[key] ?? []
            for label in distributions[0].keys {
                let mean = mine.map { $0[label] ?? 0 }.reduce(0, +) / Double(mine.count)
                XCTAssertEqual(distributions[0][label] ?? -1, mean, accuracy: 1e-9, "\(key) \(label)")
            }
        }
        XCTAssertTrue(
            own.values.contains { group in group.dropFirst().contains { $0 != group[0] } },
            "with --per-mention some actor's mentions in one sentence should differ")
    }

    func testCSVIsRFC4180AndMatchesTheJSONLRows() throws {
        let outcome = try predict(["--format", "csv", Harness.fixture("article.txt").path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let records = try CSVParser.parse(outcome.out)
        let header = try XCTUnwrap(records.first)
        XCTAssertEqual(
            header,
            [
                "document", "sentence", "text", "actor", "mention", "start", "end", "resolved", "stance",
                "stance_p_open", "stance_p_skeptical", "stance_p_hardline", "stance_p_none", "sentiment",
                "sentiment_p_negative", "sentiment_p_neutral", "sentiment_p_positive", "date",
            ])
        let rows = try jsonlRows()
        let body = Array(records.dropFirst())
        XCTAssertEqual(body.count, rows.count)
        for (record, row) in zip(body, rows) {
            XCTAssertEqual(record.count, header.count, "\(record)")
            let field = Dictionary(uniqueKeysWithValues: zip(header, record))
            // Quoting must round-trip the sentence holding a comma and straight quotes.
            XCTAssertEqual(field["text"], row["text"] as? String)
            XCTAssertEqual(field["mention"], row["mention"] as? String)
            XCTAssertEqual(field["start"].flatMap(Int.init), row["start"] as? Int)
            XCTAssertEqual(field["end"].flatMap(Int.init), row["end"] as? Int)
            XCTAssertEqual(field["stance"], row["stance"] as? String)
            let sum = ["stance_p_open", "stance_p_skeptical", "stance_p_hardline", "stance_p_none"]
                .compactMap { field[$0].flatMap(Double.init) }.reduce(0, +)
            XCTAssertEqual(sum, 1, accuracy: 0.002, "four rounded probabilities")
        }
        XCTAssertTrue(body.contains { $0[2].contains("\"a good start, but not enough\"") }, "the quoted sentence is missing")
    }

    func testHTMLIsSelfContainedHighlightedAndEscaped() throws {
        let outcome = try predict(["--format", "html", "--explain", "3", Harness.fixture("article.txt").path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let html = outcome.out
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("</html>"))
        let remote = try NSRegularExpression(
            pattern: #"(src|href)\s*=\s*["']?\s*(https?:)?//|@import|url\(\s*["']?(https?:)?//"#, options: [.caseInsensitive])
        XCTAssertNil(
            remote.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)), "the page fetches something from the network")
        XCTAssertFalse(html.contains("<script src"), "external script")
        // One highlighted span per mention, classed by its stance.
        let rows = try jsonlRows()
        let spans = try NSRegularExpression(pattern: #"<span class="m (open|skeptical|hardline|uncertain)" tabindex="0">"#)
        XCTAssertEqual(spans.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html)), rows.count)
        for row in rows {
            let mention = try XCTUnwrap(row["mention"] as? String)
            XCTAssertTrue(html.contains("tabindex=\"0\">\(mention)<span class=\"card\">"), "mention \(mention) is not highlighted")
        }
        XCTAssertTrue(html.contains("&lt;unacceptable&gt;"), "< and > in the text must be escaped")
        XCTAssertFalse(html.contains("<unacceptable>"))
        XCTAssertTrue(html.contains("the plan &amp; vowed"), "& in the text must be escaped")
        XCTAssertTrue(html.contains("\u{201C}We are ready to talk,\u{201D}"), "curly quotes should pass through unchanged")
    }

    func testSummaryCountsEveryActorPerArticleAndOverall() throws {
        let rows = try jsonlRows()
        var expected: [String: Int] = [:]
        for row in rows { expected[row["actor"] as? String ?? "", default: 0] += 1 }

        let jsonl = try predict(["--format", "jsonl", "--summary", Harness.fixture("article.txt").path])
        XCTAssertEqual(jsonl.status, 0, jsonl.err)
        let summaries = Harness.jsonObjects(jsonl.out)
        XCTAssertTrue(summaries.allSatisfy { $0["text"] == nil }, "with --summary the rows are replaced by the summary")
        for scope in ["article", "*"] {
            let scoped = summaries.filter { $0["scope"] as? String == scope }
            var counts: [String: Int] = [:]
            for s in scoped { counts[s["actor"] as? String ?? "", default: 0] += s["mentions"] as? Int ?? 0 }
            XCTAssertEqual(counts, expected, "scope \(scope)")
            for s in scoped {
                let means = s["mean_stance_probabilities"] as? [String: Double] ?? [:]
                XCTAssertEqual(means.values.reduce(0, +), 1, accuracy: 1e-9)
                XCTAssertTrue(Self.stanceLabels.contains(s["dominant_stance"] as? String ?? ""))
            }
        }

        let csv = try predict(["--format", "csv", "--summary", Harness.fixture("article.txt").path])
        XCTAssertEqual(csv.status, 0, csv.err)
        let records = try CSVParser.parse(csv.out)
        XCTAssertEqual(
            records.first,
            [
                "scope", "actor", "mentions", "n_open", "n_skeptical", "n_hardline", "n_none", "n_uncertain",
                "mean_p_open", "mean_p_skeptical", "mean_p_hardline", "mean_p_none", "dominant_stance",
            ])
        XCTAssertEqual(records.count, 1 + 2 * expected.count)

        let table = try predict(["--format", "table", "--summary", Harness.fixture("article.txt").path])
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssertTrue(table.out.contains("== Summary: article"), table.out)
        XCTAssertTrue(table.out.contains("== Summary: all input"), table.out)
    }

    func testExplainAttachesReadableFeatureNames() throws {
        let rows = try jsonlRows(["--explain", "3"])
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let explanation = try XCTUnwrap(row["explanation"] as? [String: Any], "no explanation in \(row)")
            for task in ["stance", "sentiment"] {
                let features = try XCTUnwrap(explanation[task] as? [[String: Any]], task)
                XCTAssertTrue((1...3).contains(features.count), "\(task): \(features.count) features")
                for feature in features {
                    let name = feature["feature"] as? String ?? ""
                    XCTAssertTrue(name.contains { $0.isLetter }, "feature name \"\(name)\" is not readable")
                    XCTAssertNil(Int(name), "feature name \"\(name)\" is a bare column number")
                    XCTAssertNotNil(feature["contribution"] as? Double)
                }
                let contributions = features.compactMap { $0["contribution"] as? Double }
                XCTAssertEqual(contributions, contributions.sorted(by: >), "strongest feature first")
            }
        }
        let table = try predict(["--format", "table", "--explain", "3", Harness.fixture("article.txt").path])
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssertTrue(table.out.contains("stance:"), table.out)
    }

    func testMinimumConfidenceMarksLessCertainStancesUncertain() throws {
        let plain = try jsonlRows()
        let gated = try jsonlRows(["--min-confidence", "0.99"])
        XCTAssertEqual(gated.count, plain.count)
        var uncertain = 0
        for (row, reference) in zip(gated, plain) {
            let p = row["stance_probabilities"] as? [String: Double] ?? [:]
            let best = p.max { $0.value < $1.value }
            if let best, best.value < 0.99 {
                XCTAssertEqual(row["stance"] as? String, "uncertain", "\(row)")
                uncertain += 1
            } else {
                XCTAssertEqual(row["stance"] as? String, reference["stance"] as? String)
            }
            XCTAssertEqual(row["sentiment"] as? String, reference["sentiment"] as? String, "the gate is for stance only")
        }
        // A model trained on six articles is never 99% sure of all of them; if it were, this test would check nothing.
        XCTAssertGreaterThan(uncertain, 0)
    }
}
