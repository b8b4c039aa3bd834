/// One sentence of an article, located in the original text.
public struct Sentence: Equatable, Sendable {
    /// Position among all sentences kept from the article, from 0.
    package var index: Int
    /// Position of its paragraph among the paragraphs kept (duplicates skipped), from 0.
    package var paragraph: Int
    /// Unicode scalar offsets into the original text, end exclusive, without surrounding space.
    public var range: Range<Int>
    /// The original text of `range`, unnormalised, so `text.unicodeScalars.count == range.count`.
    package var text: String

    /// Creates a sentence; the splitter is the usual source, tests build expected ones.
    package init(index: Int, paragraph: Int, range: Range<Int>, text: String) {
        self.index = index
        self.paragraph = paragraph
        self.range = range
        self.text = text
    }
}

/// The sentences of an article and how many repeated paragraphs were left out.
public struct SentenceSplit: Sendable {
    /// Sentences in reading order.
    public var sentences: [Sentence]
    /// Paragraphs skipped because they repeat an earlier paragraph verbatim.
    package var skippedDuplicateParagraphs: Int

    /// Creates a split result.
    package init(sentences: [Sentence], skippedDuplicateParagraphs: Int) {
        self.sentences = sentences
        self.skippedDuplicateParagraphs = skippedDuplicateParagraphs
    }
}
