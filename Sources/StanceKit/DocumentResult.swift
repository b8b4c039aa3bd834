/// Everything predicted for one document, handed to an output format at once.
public struct DocumentResult: Sendable {
    /// Document id.
    public var id: String
    /// Headline, if known.
    public var title: String?
    /// Date, if known.
    public var date: String?
    /// Every sentence of the document, in order (sentences without actors included).
    public var sentences: [String]
    /// One row per (sentence, actor mention).
    public var rows: [LabeledRow]
    /// Paragraphs skipped because they repeat an earlier one verbatim.
    public var skippedDuplicateParagraphs: Int

    /// Creates a result.
    public init(id: String, title: String?, date: String?, sentences: [String], rows: [LabeledRow], skippedDuplicateParagraphs: Int) {
        self.id = id; self.title = title; self.date = date; self.sentences = sentences; self.rows = rows
        self.skippedDuplicateParagraphs = skippedDuplicateParagraphs
    }
}
