import Foundation
import StanceFeatures

/// Reads labeled and unlabeled inputs into `Document`s, validating every line.
///
/// Accepted JSONL shapes, detected per line:
/// - TrainingData: `id`, `setting`, `date`, `title`, `text`, `mentions` (labeled);
/// - NewsMTSC: `sentence_normalized` (or `text`) and `targets` with `from`/`to`
///   (and `polarity` 2/4/6 for negative/neutral/positive when labeled);
/// - plain articles: `text` with optional `id`, `title`, `date`;
/// - this project's labels of real articles it may not copy (`TrainingData/realnews`):
///   `article` (a file name), `cluster`, `split`, `mentions`; the text is read from
///   `$STANCE_REALNEWS_ARTICLES`, else `../shared/data/realnews/articles` beside the
///   package that holds the labels file.
public enum DocumentReader {
    /// Reads a whole file (`.jsonl` as JSON Lines, anything else as one plain-text article).
    public static func read(_ url: URL) throws -> [Document] {
        if url.pathExtension.lowercased() == "jsonl" {
            return try JSONLines.lines(of: url).map { try document(fromJSONLine: $0.text, number: $0.number, file: url.path) }
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StanceKitError(file: url.path, "cannot read file (\(describeReadError(error)))")
        }
        return [try plainTextDocument(data, name: url.path, id: url.deletingPathExtension().lastPathComponent)]
    }

    /// Reads the labeled corpus format strictly: every line must be a TrainingData article.
    package static func readTrainingData(_ url: URL) throws -> [LabeledArticle] {
        try JSONLines.lines(of: url).map { line in
            let article = try JSONLines.decode(LabeledArticle.self, line: line.text, number: line.number, file: url.path)
            try validate(article, line: line.number, file: url.path)
            return article
        }
    }

    /// Turns one plain-text article into a document, refusing binary data.
    package static func plainTextDocument(_ data: Data, name: String, id: String) throws -> Document {
        if data.isEmpty { throw StanceKitError(file: name, "file is empty; expected article text") }
        let isUTF16 = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
        if !isUTF16 && data.prefix(8192).contains(0) {
            throw StanceKitError(file: name, "looks like a binary file (NUL byte); expected UTF-8 article text")
        }
        let text = TextNormalizer.decode(data)
        if text.allSatisfy(\.isWhitespace) { throw StanceKitError(file: name, "file holds only whitespace; expected article text") }
        return Document(id: id, title: headline(of: text), text: text)
    }

    /// The first line of a plain-text article when it reads as a headline (short, no final
    /// full stop), as scraped pages carry one; nil otherwise.
    static func headline(of text: String) -> String? {
        guard let first = text.split(whereSeparator: \.isNewline).first?.trimmingCharacters(in: .whitespaces),
            !first.isEmpty, first.count <= 200, !first.hasSuffix(".")
        else { return nil }
        return first
    }

    /// Parses one JSONL line of any accepted shape.
    package static func document(fromJSONLine line: Substring, number: Int, file: String) throws -> Document {
        let raw = try FastLineParser.rawLine(line) ?? JSONLines.decode(RawLine.self, line: line, number: number, file: file)
        return try document(raw, line: { line }, number: number, file: file)
    }

    /// Parses one JSONL line from its UTF-8 bytes where they lie: the common shapes are read
    /// without a string of the whole line, so a long article is held once (as its text).
    package static func document(fromJSONBytes bytes: UnsafeBufferPointer<UInt8>, number: Int, file: String) throws -> Document {
        func line() throws -> Substring {
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw StanceKitError(file: file, line: number, "invalid UTF-8; re-encode the file as UTF-8")
            }
            return Substring(line)
        }
        if let raw = FastLineParser.rawLine(bytes) { return try document(raw, line: line, number: number, file: file) }
        // The fast reader has declined these bytes already: straight to the decoder.
        let text = try line()
        let raw = try JSONLines.decode(RawLine.self, line: text, number: number, file: file)
        return try document(raw, line: { text }, number: number, file: file)
    }

    /// The document of a line whose fields are `raw`; `line` gives the line's text, which
    /// only the labeled shapes read again.
    private static func document(_ raw: RawLine, line: () throws -> Substring, number: Int, file: String) throws -> Document {
        if raw.article != nil { return try RealNewsLabels.document(fromJSONLine: try line(), number: number, file: file) }
        if raw.primary_gid != nil && raw.text == nil && raw.sentence_normalized == nil && raw.from != nil {
            return try NewsMTSCStanceLabels.document(fromJSONLine: try line(), number: number, file: file)
        }
        if raw.mentions != nil {
            let line = try line()
            let article = try JSONLines.decode(LabeledArticle.self, line: line, number: number, file: file)
            try validate(article, line: number, file: file)
            return Document(
                id: article.id, title: article.title, date: article.date, setting: article.setting,
                text: article.text,
                targets: article.mentions.map {
                    DocumentTarget(
                        start: $0.start, end: $0.end, actor: $0.actor, stance: $0.stance ?? TaskLabels.noStance,
                        sentiment: $0.sentiment)
                })
        }
        guard let text = raw.text ?? raw.sentence_normalized else {
            throw StanceKitError(file: file, line: number, "missing field 'text' (or 'sentence_normalized')")
        }
        if text.allSatisfy(\.isWhitespace) { throw StanceKitError(file: file, line: number, "field 'text' is empty") }
        let id = raw.id ?? raw.primary_gid ?? "\(URL(fileURLWithPath: file).lastPathComponent):\(number)"
        guard let rawTargets = raw.targets else {
            return Document(id: id, title: raw.title, date: raw.date, text: text)
        }
        guard rawTargets.count <= InputLimits.maximumTargetsPerLine else {
            throw StanceKitError(
                file: file, line: number,
                "field 'targets' has \(rawTargets.count) entries, more than the limit of \(InputLimits.maximumTargetsPerLine) per line; split the line"
            )
        }
        let length = ScalarText.count(of: text)
        var targets: [DocumentTarget] = []
        for (i, t) in rawTargets.enumerated() {
            guard t.from >= 0, t.to > t.from, t.to <= length else {
                throw StanceKitError(
                    file: file, line: number,
                    "targets[\(i)] range \(t.from)..<\(t.to) is outside the text (\(length) code points); offsets are code points, end exclusive"
                )
            }
            guard t.to - t.from <= InputLimits.maximumSentenceLength else {
                throw StanceKitError(
                    file: file, line: number,
                    "targets[\(i)] spans \(t.to - t.from) code points, more than the limit of \(InputLimits.maximumSentenceLength) for one target; a target is an actor's name"
                )
            }
            var sentiment: String?
            if let p = t.polarity {
                switch p {
                case 2: sentiment = "negative"
                case 4: sentiment = "neutral"
                case 6: sentiment = "positive"
                default:
                    throw StanceKitError(
                        file: file, line: number, "targets[\(i)].polarity \(p) is not 2, 4 or 6 (negative, neutral, positive)")
                }
            }
            // NewsMTSC's `mention` is the span's own text, not an actor's name: the actor is the line's
            // `actor`, else the one the detector resolves for the span (see `InstanceExtractor`).
            targets.append(DocumentTarget(start: t.from, end: t.to, actor: t.actor, sentiment: sentiment, sourceID: t.gid))
        }
        if targets.isEmpty { throw StanceKitError(file: file, line: number, "field 'targets' is empty") }
        var document = Document(id: id, title: raw.title, date: raw.date, text: text, targets: targets, isSingleSentence: true)
        document.mayHoldSeveralSentences = raw.text != nil
        return document
    }

    /// Checks offsets and label values of a labeled article.
    static func validate(_ a: LabeledArticle, line: Int, file: String) throws {
        guard a.mentions.count <= InputLimits.maximumTargetsPerLine else {
            throw StanceKitError(
                file: file, line: line,
                "field 'mentions' has \(a.mentions.count) entries, more than the limit of \(InputLimits.maximumTargetsPerLine) per line; split the article"
            )
        }
        let length = ScalarText.count(of: a.text)
        if a.text.allSatisfy(\.isWhitespace) { throw StanceKitError(file: file, line: line, "field 'text' is empty") }
        for (i, m) in a.mentions.enumerated() {
            try checkLabeledMention(
                "mentions[\(i)]", start: m.start, end: m.end, in: length, stance: m.stance, sentiment: m.sentiment, file: file,
                line: line)
            if m.actor.allSatisfy(\.isWhitespace) {
                throw StanceKitError(file: file, line: line, "field 'mentions[\(i)].actor' is empty")
            }
        }
    }

    /// The union of the accepted shapes; which fields are present decides the shape.
    struct RawLine: Decodable {
        var article: String?
        var from: Int?
        var id: String?
        var primary_gid: String?
        var title: String?
        var date: String?
        var text: String?
        var sentence_normalized: String?
        var targets: [RawTarget]?
        var mentions: [IgnoredValue]?
    }

    /// One entry of a line's `targets`.
    struct RawTarget: Decodable {
        var from: Int
        var to: Int
        var mention: String?
        var actor: String?
        var polarity: Double?
        var gid: String?
        enum CodingKeys: String, CodingKey { case from, to, mention, actor, polarity, gid = "Input.gid" }
    }

    /// Any JSON value, read and dropped.
    struct IgnoredValue: Decodable { init(from decoder: Decoder) throws {} }
}

/// The checks every reader of labeled mentions shares: the span lies inside the text and
/// the labels are known ones; `field` names the mention in the message (`mentions[3]`).
func checkLabeledMention(
    _ field: String, start: Int, end: Int, in length: Int, stance: String?, sentiment: String, file: String, line: Int,
    textName: String = "text"
) throws {
    guard start >= 0, end > start, end <= length else {
        throw StanceKitError(
            file: file, line: line, "field '\(field)': range \(start)..<\(end) is outside the \(textName) (\(length) code points)")
    }
    if let stance, !TaskLabels.stance.contains(stance) {
        throw StanceKitError(
            file: file, line: line,
            "field '\(field).stance': unknown stance \"\(stance)\" (expected open, skeptical, hardline, none or null)")
    }
    guard TaskLabels.sentiment.contains(sentiment) else {
        throw StanceKitError(
            file: file, line: line,
            "field '\(field).sentiment': unknown sentiment \"\(sentiment)\" (expected positive, neutral, negative)")
    }
}
