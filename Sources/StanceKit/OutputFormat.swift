import Foundation

/// The output formats of `stance-predict`.
package enum OutputFormat: String, CaseIterable, Sendable {
    case table, jsonl, csv, html
}

/// Receives results document by document and renders one output format.
///
/// Formats stream: `write` returns the text for one document so the caller can
/// flush it at once and memory stays flat on large inputs; only HTML keeps the
/// per-actor summary until `finish`.
package protocol ResultRenderer {
    /// Text that opens the output (a CSV header, the HTML head).
    mutating func begin() -> String
    /// Text for one document.
    mutating func render(_ result: DocumentResult) -> String
    /// Text that closes the output; `perDocument` and `overall` are set with `--summary`.
    mutating func finish(perDocument: [(id: String, summaries: [ActorSummary])], overall: [ActorSummary]?) -> String
    /// `render` as UTF-8 bytes where the format writes bytes directly (the row formats), so
    /// the consumer thread does not build, validate and copy a string per document; nil for
    /// the formats that build text (call `render`).
    mutating func renderUTF8(_ result: DocumentResult) -> [UInt8]?
}

extension ResultRenderer {
    /// Formats that build text have no byte path.
    package mutating func renderUTF8(_ result: DocumentResult) -> [UInt8]? { nil }
}

/// Creates the renderer for a format.
package func makeRenderer(_ format: OutputFormat, colour: Bool, summaryOnly: Bool, explain: Bool = false) -> any ResultRenderer {
    switch format {
    case .table: return TableRenderer(colour: colour)
    case .jsonl: return JSONLRenderer(summaryOnly: summaryOnly)
    case .csv: return CSVRenderer(summaryOnly: summaryOnly, explain: explain)
    case .html: return HTMLRenderer()
    }
}

/// "1 sentence", "2 sentences": counts read as English in headers.
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

/// Formats a probability with three decimals, the precision a reader can use.
func formatProbability(_ p: Double) -> String { CSVRowWriter.fixed3Text(p) }

/// JSON encoder with sorted keys, so the same input gives byte-identical output.
func sortedJSONEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}

/// Encodes a value as one line of JSON.
func jsonLine<T: Encodable>(_ value: T, encoder: JSONEncoder) -> String {
    // Encoding these plain value types cannot fail; an empty object keeps the stream valid if it ever did.
    guard let data = try? encoder.encode(value), let s = String(data: data, encoding: .utf8) else { return "{}" }
    return s
}

/// One row per (sentence, mention) as JSON Lines, or one summary object per actor with `--summary`.
package struct JSONLRenderer: ResultRenderer {
    let summaryOnly: Bool
    let encoder = sortedJSONEncoder()

    /// Creates the renderer.
    package init(summaryOnly: Bool) { self.summaryOnly = summaryOnly }

    /// JSONL has no header.
    package mutating func begin() -> String { "" }

    /// The document's rows, one JSON object per line.
    package mutating func render(_ result: DocumentResult) -> String {
        String(decoding: rowBytes(result), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, which an output sink takes without checking them again.
    package func renderUTF8(_ result: DocumentResult) -> [UInt8]? { rowBytes(result) }

    /// The rows' bytes, none with `--summary`.
    private func rowBytes(_ result: DocumentResult) -> [UInt8] { summaryOnly ? [] : Self.rowsUTF8(result) }

    /// The document's rows as UTF-8 bytes; needs no renderer, so a worker thread makes no
    /// `JSONEncoder` per document (one is made only for a row the fast writer declines).
    package static func rowsUTF8(_ result: DocumentResult) -> [UInt8] {
        var writer = JSONRowWriter(capacity: result.rows.count * 768)
        var bytes: [UInt8] = []
        for row in result.rows where !writer.append(row) {
            // A non-finite value: JSONEncoder's own answer (an empty object), as before.
            bytes += writer.bytes
            bytes += Array((jsonLine(row, encoder: sortedJSONEncoder()) + "\n").utf8)
            writer = JSONRowWriter()
        }
        if bytes.isEmpty { return writer.bytes }
        return bytes + writer.bytes
    }

    /// With `--summary`: one object per actor and scope (`document` id, or `*` for all input).
    package mutating func finish(perDocument: [(id: String, summaries: [ActorSummary])], overall: [ActorSummary]?) -> String {
        var out = ""
        for (id, summaries) in perDocument {
            for s in summaries { out += jsonLine(ScopedSummary(scope: id, summary: s), encoder: encoder) + "\n" }
        }
        for s in overall ?? [] { out += jsonLine(ScopedSummary(scope: "*", summary: s), encoder: encoder) + "\n" }
        return out
    }
}

/// A summary record tagged with the document it covers (`*` for all input).
struct ScopedSummary: Encodable {
    var scope: String
    var summary: ActorSummary

    func encode(to encoder: Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(scope, forKey: Key(stringValue: "scope"))
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
