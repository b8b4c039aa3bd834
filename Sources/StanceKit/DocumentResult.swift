/// Everything predicted for one document, handed to an output format at once.
public struct DocumentResult: Sendable {
    /// Document id.
    package var id: String
    /// Headline, if known.
    package var title: String?
    /// Date, if known.
    package var date: String?
    /// Every sentence of the document, in order (sentences without actors included).
    package var sentences: [String]
    /// One row per (sentence, actor mention).
    public var rows: [Prediction]
    /// Paragraphs skipped because they repeat an earlier one verbatim.
    package var skippedDuplicateParagraphs: Int

    /// Creates a result.
    package init(id: String, title: String?, date: String?, sentences: [String], rows: [Prediction], skippedDuplicateParagraphs: Int) {
        (self.id, self.title, self.date, self.sentences) = (id, title, date, sentences)
        (self.rows, self.skippedDuplicateParagraphs) = (rows, skippedDuplicateParagraphs)
    }
}
