import Foundation

/// One unit of input to the pipeline: an article, or a sentence with given targets.
///
/// Every reader (plain text, TrainingData JSONL, NewsMTSC JSONL) produces this
/// one type, so training, evaluation and prediction share a single path from
/// text to feature rows.
public struct Document: Sendable, Equatable {
    /// Identifier shown in output (`id` field, or file name and line).
    package var id: String
    /// Headline, when the input carries one.
    package var title: String?
    /// Publication date `YYYY-MM-DD`, when known; drives the stance-over-time summary.
    package var date: String?
    /// Setting (dispute) of a labeled article, when known.
    package var setting: String?
    /// The text, as given.
    package var text: String
    /// Spans to classify; nil means "detect actors with the gazetteer".
    package var targets: [DocumentTarget]?
    /// True when `text` is one sentence by construction (NewsMTSC), so it is not split.
    package var isSingleSentence: Bool
    /// True for a given-targets line whose text came as `text` rather than NewsMTSC's
    /// `sentence_normalized`: it may be a whole article with its mentions, so the extractor
    /// splits it into sentences when it holds more than one (a `sentence_normalized` is one
    /// sentence by NewsMTSC's construction and is never split).
    package var mayHoldSeveralSentences = false
    /// True for a later segment of an article too long to process at once (see
    /// `PlainTextSegmenter`): same `id`, sentence numbers continue from the previous segment.
    package var isContinuation: Bool

    /// Creates a document.
    public init(
        id: String, title: String? = nil, date: String? = nil, setting: String? = nil, text: String,
        targets: [DocumentTarget]? = nil, isSingleSentence: Bool = false, isContinuation: Bool = false
    ) {
        (self.id, self.title, self.date, self.setting) = (id, title, date, setting)
        (self.text, self.targets, self.isSingleSentence, self.isContinuation) = (text, targets, isSingleSentence, isContinuation)
    }
}

extension Document {
    /// Calls `body` with the article in segments of at most `byteCount` UTF-8 bytes, as a
    /// plain-text file of that size is read: the later ones are continuations with the same
    /// id, headline and date. A document with given targets, or one sentence by
    /// construction, comes whole.
    package func forEachSegment(byteCount: Int = PlainTextSegmenter.segmentByteCount, _ body: (Document) throws -> Void) rethrows {
        guard targets == nil, !isSingleSentence, text.utf8.count > byteCount else { return try body(self) }
        var index = 0
        try PlainTextSegmenter.forEachSegment(of: text, byteCount: byteCount) { piece in
            defer { index += 1 }
            // A blank later piece would add nothing; the file reader skips them too.
            if index > 0 && piece.allSatisfy(\.isWhitespace) { return }
            var segment = Document(id: id, title: title, date: date, setting: setting, text: piece)
            segment.isContinuation = isContinuation || index > 0
            try body(segment)
        }
    }
}

/// A span of a document to classify, with gold labels when the input has them.
public struct DocumentTarget: Sendable, Equatable {
    /// First code point of the span in the document text.
    package var start: Int
    /// Code point after the span.
    package var end: Int
    /// Canonical actor name, when known.
    package var actor: String?
    /// Gold stance label (`open`/`skeptical`/`hardline`/`none`), nil when unlabeled.
    package var stance: String?
    /// Gold sentiment label, nil when unlabeled.
    package var sentiment: String?
    /// An identifier from the source data (NewsMTSC `Input.gid`), for joining labels.
    package var sourceID: String?
    /// How a gold mention refers to its actor (`name`, `title`, `pronoun`, `collective`),
    /// when the labels say; mention detection is scored per kind.
    package var kind: String?

    /// Creates a target span.
    public init(
        start: Int, end: Int, actor: String? = nil, stance: String? = nil, sentiment: String? = nil, sourceID: String? = nil,
        kind: String? = nil
    ) {
        (self.start, self.end, self.actor, self.stance) = (start, end, actor, stance)
        (self.sentiment, self.sourceID, self.kind) = (sentiment, sourceID, kind)
    }
}
