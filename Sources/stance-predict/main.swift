// swift-format-ignore-file
// The commands keep each ArgumentParser declaration on one line, as written, so the help
// text of an option reads in one place; the rest of the package is formatted by swift-format.
import ArgumentParser
import Foundation
import StanceCLI
import StanceKit

extension OutputFormat: ExpressibleByArgument {}

/// Labels each actor's stance and sentiment in every sentence of news articles.
@main
struct StancePredict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance-predict",
        abstract: "Label each actor's stance (open, skeptical, hardline or none) and sentiment per sentence of news articles.",
        discussion: """
        Input: files, directories (recursively, *.txt and *.jsonl) or stdin (- or nothing). \
        A .txt file is one article. A .jsonl line is one article ({"text", "id", "title", "date"}), \
        or text with explicit targets in the NewsMTSC shape ({"sentence_normalized" or "text", \
        "targets": [{"from", "to"}]}, code point offsets, end exclusive): only those spans get rows. \
        A "sentence_normalized" is one sentence; a "text" may be a whole article, split into \
        sentences with each target read in its own.

        Examples:
          stance-predict Examples/articles/summit-talks.txt
          stance-predict --format jsonl articles/ > rows.jsonl
          stance-predict --format csv --min-confidence 0.5 news.jsonl > rows.csv
          stance-predict --format html --explain 5 article.txt --output report.html
          stance-predict --summary --format table articles/
          stance-predict --jobs 4 --format jsonl big.jsonl > rows.jsonl
          cat article.txt | stance-predict --model-dir ~/my-models --actors my-actors.json -
          stance-predict --sentiment-model newsmtsc-sentiment.json --format jsonl news.jsonl
        """)

    @Argument(help: ArgumentHelp("Article files or directories; - or nothing reads stdin.", valueName: "FILE"))
    var inputs: [String] = []

    @Option(help: "Output format: table (default on a terminal), jsonl (default otherwise), csv, html.")
    var format: OutputFormat?

    @Flag(help: "Per article and over all input, per actor: mentions, stance counts, mean probabilities, dominant stance, stance over time. With jsonl/csv the summary replaces the rows.")
    var summary = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Attach the N features that pushed each prediction most (weight × value).", valueName: "N"))
    var explain: Int = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Report the stance as 'uncertain' when its probability is below P.", valueName: "P"))
    var minConfidence: Double = 0

    @Flag(help: "Report each mention's own stance distribution. By default an actor's mentions in one sentence share their mean (one actor, one stance per sentence: rule 6 of the annotation guide).")
    var perMention = false

    @OptionGroup var models: ModelDirectoryOptions

    @Option(help: ArgumentHelp("Use this sentiment model instead of the model directory's (e.g. one trained on NewsMTSC with Scripts/train-newsmtsc-sentiment.sh).", valueName: "FILE"))
    var sentimentModel: String?

    @Option(help: ArgumentHelp("Write to FILE (created only when complete) instead of stdout.", valueName: "FILE"))
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Predict N documents at once (default: the number of active processors). Output is the same for every N.", valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress bar on stderr.")
    var quiet = false

    @Flag(help: "Never colour the table, even on a terminal.")
    var noColor = false

    func validate() throws {
        if explain < 0 { throw ValidationError("--explain must be 0 or more, got \(explain)") }
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more, got \(jobs)") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be between 0 and 1, got \(minConfidence)") }
    }

    /// True when a row has non-empty, finite probabilities for both tasks.
    static func isFinite(_ row: Prediction) -> Bool {
        !row.stanceDistribution.values.isEmpty && !row.sentimentDistribution.values.isEmpty
            && row.stanceDistribution.values.allSatisfy(\.isFinite) && row.sentimentDistribution.values.allSatisfy(\.isFinite)
    }

    /// True when every row of a result is finite (see `isFinite(_:)`).
    static func allFinite(_ result: DocumentResult) -> Bool { result.rows.allSatisfy(isFinite) }

    /// A renderer workers may run for JSONL or CSV rows (nil for other formats); it declines
    /// continuation segments and non-finite rows, which the main thread handles.
    static func workerRenderer(_ format: OutputFormat, explain: Bool) -> (@Sendable (Document, DocumentResult) -> [UInt8]?)? {
        switch format {
        case .jsonl:
            return { document, result in
                if document.isContinuation || !allFinite(result) { return nil }
                return JSONLRenderer.rowsUTF8(result)
            }
        case .csv:
            return { document, result in
                if document.isContinuation || !allFinite(result) { return nil }
                return CSVRenderer.rowsUTF8(result, explain: explain)
            }
        case .table, .html:
            return nil
        }
    }

    func run() throws {
        try runReportingErrors("stance-predict") {
            let inputCollection = try InputCollection(arguments: inputs)
            let predictor = try models.loadPredictor(sentimentModel: sentimentModel)
            let toTerminal = output == nil && isTerminal(STDOUT_FILENO)
            let chosen = format ?? (toTerminal ? .table : .jsonl)
            var renderer = makeRenderer(chosen, colour: chosen == .table && toTerminal && !noColor, summaryOnly: summary, explain: explain > 0)
            let sink = try OutputSink(path: output)
            // Rows go out in blocks, except where someone waits for each document's answer:
            // a pipe or terminal feeding the input, or a reader watching the terminal.
            let flushEachDocument = inputCollection.mayWaitForInput || toTerminal
            let options = PredictionOptions(minimumConfidence: minConfidence, explainCount: explain, poolsSentenceActor: !perMention)
            var progress = ProgressBar(total: inputCollection.totalBytes,
                                       enabled: !quiet && isTerminal(STDERR_FILENO) && inputCollection.totalBytes > 5_000_000)
            var overall = SummaryAccumulator()
            // Per-document summaries are written as soon as a document ends (HTML has none),
            // so memory holds one document's aggregate, not every document's.
            var current: (id: String, summary: SummaryAccumulator)?
            var sentenceBase = 0
            // Read once: a flag read per document goes through the argument parser's generic wrapper.
            let summaryOnly = summary
            func flushDocumentSummary() throws {
                if let done = current, chosen != .html {
                    try sink.write(renderer.finish(perDocument: [(done.id, done.summary.summaries())], overall: nil))
                }
                current = nil
            }
            do {
                try sink.write(renderer.begin())
                // Only prediction runs in parallel; rendering and summaries stay here, in input order.
                // JSONL and CSV rows depend only on their document, so workers render them too
                // (not a continuation segment, whose sentence numbers depend on earlier segments).
                let prerender = summary ? nil : Self.workerRenderer(chosen, explain: explain > 0)
                let parallel = ParallelPrediction(predictor: predictor, options: options, jobs: jobs, prerender: prerender)
                try parallel.forEachResult(of: inputCollection) { document, predicted, rendered, consumed in
                    var result = predicted
                    // Never write a NaN or empty row: validated models cannot produce one, so this is a corrupt-model guard.
                    if let bad = result.rows.first(where: { !Self.isFinite($0) }) {
                        throw StanceKitError(file: document.id, "sentence \(bad.sentence): the models gave no finite probabilities for \(bad.actor); the model files are corrupt: retrain them with stance-train")
                    }
                    // A later segment of a long article continues its sentence numbering.
                    if !document.isContinuation { sentenceBase = 0 }
                    if sentenceBase > 0 { for i in result.rows.indices { result.rows[i].sentence += sentenceBase } }
                    sentenceBase += result.sentences.count
                    if let bytes = rendered ?? renderer.renderUTF8(result) { try sink.write(bytes) } else { try sink.write(renderer.render(result)) }
                    if summaryOnly {
                        if !document.isContinuation { try flushDocumentSummary() }
                        if current == nil { current = (result.id, SummaryAccumulator()) }
                        result.rows.forEach { current?.summary.add($0); overall.add($0) }
                    }
                    // After the previous document's summary too, which this document completed.
                    if flushEachDocument { try sink.flush() }
                    progress.update(consumed)
                }
                try flushDocumentSummary()
                progress.finish()
                try sink.write(renderer.finish(perDocument: [], overall: summary ? overall.summaries() : nil))
                try sink.commit()
            } catch {
                progress.finish()
                sink.abandon()
                throw error
            }
        }
    }
}
