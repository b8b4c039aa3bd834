/// Splits an article into paragraphs and sentences, skipping repeated paragraphs.
///
/// Paragraphs end at blank lines and at single line breaks, because scraped news puts
/// one paragraph per line and headlines on lines of their own without a full stop. A
/// line break is kept inside a paragraph only when the text plainly runs on: the line
/// ends with a comma (optionally inside a closing quote, as in `…weeks,”`), the next line
/// starts with a lower-case letter, or a quote ending in `?”`/`!”` is followed by its
/// attribution (`Trump said`, `said the minister`).
///
/// Sentences end at `.`, `?`, `!`, `…` or `...`, plus any closing quotes and brackets, when
/// a space and a capital letter, digit or opening quote follow. A full stop does not end
/// a sentence after a title abbreviation (`Mr.`, `Gen.`, `Sen.`), a single initial
/// (`J. D. Vance`) or an initialism (`U.S.`, `U.K.`), or after a month or company
/// abbreviation (`Jan.`, `Inc.`), unless the next word is one that usually opens a
/// sentence (`The`, `But`, `He` …). `3.5` has no space after the stop and never splits;
/// em dashes never end a sentence. A quotation closed by `,”`, `?”` or `!”` and followed
/// by its attribution stays one sentence with it, even when the quotation itself holds
/// several sentences (up to 600 characters), so every quoted sentence keeps its speaker.
///
/// A paragraph whose text, after folding quotes and collapsing white space, equals an
/// earlier paragraph's is skipped and counted, since scraped pages often repeat blocks.
public struct SentenceSplitter: Sendable {
    /// Creates a splitter; it has no settings, so one instance can be shared freely.
    public init() {}

    /// Splits `text`; sentence ranges are Unicode scalar offsets into `text`.
    public func split(_ text: String) -> SentenceSplit {
        split(ScalarText.scalars(of: text))
    }

    /// Splits text already decoded into scalars; ranges are offsets into `scalars`.
    package func split(_ scalars: [Unicode.Scalar]) -> SentenceSplit {
        let reader = ScalarReader(scalars: scalars)
        var seen: [UInt64: [Range<Int>]] = [:]
        var sentences: [Sentence] = []
        var skipped = 0
        var paragraphIndex = 0
        for paragraph in paragraphs(reader) {
            let key = reader.comparisonHash(paragraph)
            if let earlier = seen[key], earlier.contains(where: { reader.sameComparisonText($0, paragraph) }) {
                skipped += 1
                continue
            }
            seen[key, default: []].append(paragraph)
            for sentence in sentenceRanges(reader, in: paragraph) {
                for range in windows(reader, of: sentence) {
                    sentences.append(
                        Sentence(
                            index: sentences.count, paragraph: paragraphIndex, range: range, text: reader.original(range)))
                }
            }
            paragraphIndex += 1
        }
        return SentenceSplit(sentences: sentences, skippedDuplicateParagraphs: skipped)
    }

    /// `range` of `scalars` cut into trimmed windows of at most
    /// `InputLimits.maximumSentenceLength` scalars, each ending at a space when one is near.
    package func windows(of range: Range<Int>, in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        windows(ScalarReader(scalars: scalars), of: range)
    }

    /// The trimmed window of at most `InputLimits.maximumSentenceLength` scalars of
    /// `scalars` centred on `span`, with ends moved to a space when one is near; `span`
    /// itself when it is longer than that.
    package func window(around span: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int> {
        let limit = InputLimits.maximumSentenceLength
        guard scalars.count > limit, span.count < limit else { return scalars.count > limit ? span : 0..<scalars.count }
        let reader = ScalarReader(scalars: scalars)
        let margin = (limit - span.count) / 2
        var lower = max(0, span.lowerBound - margin)
        var upper = min(scalars.count, span.upperBound + margin)
        let slack = margin / 4
        if lower > 0 {
            var index = lower
            while index < min(span.lowerBound, lower + slack) && !reader.isSpace(index) { index += 1 }
            if index < span.lowerBound && reader.isSpace(index) { lower = index }
        }
        if upper < scalars.count {
            var index = upper
            while index > max(span.upperBound, upper - slack) && !reader.isSpace(index - 1) { index -= 1 }
            if index > span.upperBound && reader.isSpace(index - 1) { upper = index }
        }
        return reader.trimmed(lower..<upper)
    }

    /// `range` cut into trimmed windows of at most `InputLimits.maximumSentenceLength`
    /// scalars, each ending at the last space of its final quarter when there is one.
    func windows(_ reader: ScalarReader, of range: Range<Int>) -> [Range<Int>] {
        let limit = InputLimits.maximumSentenceLength
        guard range.count > limit else { return [range] }
        InputLimits.notice(
            .sentenceLength,
            "a run of \(range.count) characters without a sentence end was cut into windows of at most \(limit) characters (reported once)")
        var windows: [Range<Int>] = []
        var start = range.lowerBound
        while range.upperBound - start > limit {
            var cut = start + limit
            let floor = start + limit * 3 / 4
            var index = cut
            while index > floor && !reader.isSpace(index - 1) { index -= 1 }
            if index > floor { cut = index }
            let window = reader.trimmed(start..<cut)
            if !window.isEmpty { windows.append(window) }
            start = cut
        }
        let last = reader.trimmed(start..<range.upperBound)
        if !last.isEmpty { windows.append(last) }
        return windows
    }

    // MARK: - Paragraphs

    /// Trimmed, non-empty paragraph ranges in reading order.
    func paragraphs(_ reader: ScalarReader) -> [Range<Int>] {
        var paragraphs: [Range<Int>] = []
        var current: Range<Int>? = nil
        for line in lines(reader) {
            let trimmed = reader.trimmed(line)
            if trimmed.isEmpty {
                if let open = current { paragraphs.append(open) }
                current = nil
            } else if let open = current, continuesAcrossLineBreak(reader, lineEnd: open.upperBound, next: trimmed.lowerBound) {
                current = open.lowerBound..<trimmed.upperBound
            } else {
                if let open = current { paragraphs.append(open) }
                current = trimmed
            }
        }
        if let open = current { paragraphs.append(open) }
        return paragraphs
    }

    /// Line ranges without their terminators; `\r\n` counts as one break.
    private func lines(_ reader: ScalarReader) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        let count = reader.count
        while index < count {
            let scalar = reader.scalars[index]
            // Every line break is a control character or U+0085, U+2028, U+2029.
            if scalar.value > 0x0D && scalar.value < 0x85 {
                index += 1
                continue
            }
            if scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}" || reader.folded(index) == "\n" {
                lines.append(start..<index)
                if scalar == "\r" && index + 1 < count && reader.scalars[index + 1] == "\n" { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(start..<count)
        return lines
    }

    /// Whether the line ending at `lineEnd` runs on into the line starting at `next`.
    private func continuesAcrossLineBreak(_ reader: ScalarReader, lineEnd: Int, next: Int) -> Bool {
        let last = reader.folded(lineEnd - 1)
        if last == "," { return true }
        if reader.isLowercaseLetter(next) { return true }
        if reader.isLowercaseLetter(lineEnd - 1) {
            // A line ending in `with` or `the` was wrapped mid-sentence; headlines never end so.
            var wordStart = lineEnd - 1
            while wordStart > 0 && reader.isLetter(wordStart - 1) { wordStart -= 1 }
            if Abbreviations.danglingWords.contains(reader.original(wordStart..<lineEnd)) { return true }
        }
        if (last == "\"" || last == "'") && lineEnd >= 2 {
            let beforeQuote = reader.folded(lineEnd - 2)
            if beforeQuote == "," { return true }
            if (beforeQuote == "?" || beforeQuote == "!") && reader.isAttribution(at: next) { return true }
        }
        return false
    }

    // MARK: - Sentences

    /// Trimmed, non-empty sentence ranges inside one paragraph.
    func sentenceRanges(_ reader: ScalarReader, in paragraph: Range<Int>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        let end = paragraph.upperBound
        var sentenceStart = paragraph.lowerBound
        var index = paragraph.lowerBound
        var inQuotation = false
        while index < end {
            // Terminal marks are `.`, `?`, `!` and `…`, none of which fold, so no fold is needed.
            let scalar = reader.scalars[index]
            guard scalar == "." || scalar == "?" || scalar == "!" || scalar == "\u{2026}" else {
                if scalar == "\"" {
                    inQuotation.toggle()
                } else if scalar.value >= 0xAB {
                    switch scalar {
                    case "\u{201C}", "\u{201E}", "\u{AB}": inQuotation = true
                    case "\u{201D}", "\u{BB}": inQuotation = false
                    default: break
                    }
                }
                index += 1
                continue
            }
            var terminalEnd = index + 1
            while terminalEnd < end, Self.isTerminal(reader.scalars[terminalEnd]) { terminalEnd += 1 }
            var closeEnd = terminalEnd
            var quoted = false
            while closeEnd < end {
                let closing = reader.folded(closeEnd)
                if closing == "\"" || closing == "'" { quoted = true } else if closing != ")" && closing != "]" { break }
                if closing == "\"" { inQuotation = false }
                closeEnd += 1
            }
            // `U.S.-led`, `3.5` and `…”Yes` have no space after the stop: never a boundary.
            guard closeEnd < end, reader.isSpace(closeEnd) else {
                index = closeEnd
                continue
            }
            var next = closeEnd
            while next < end && reader.isSpace(next) { next += 1 }
            if next < end && endsSentence(reader, terminal: index..<terminalEnd, quoted: quoted, next: next)
                && !(inQuotation && quotationEndsInAttribution(reader, from: next, end: end))
            {
                let range = reader.trimmed(sentenceStart..<closeEnd)
                if !range.isEmpty { ranges.append(range) }
                sentenceStart = next
            }
            index = next
        }
        let last = reader.trimmed(sentenceStart..<end)
        if !last.isEmpty { ranges.append(last) }
        return ranges
    }

    /// Whether the open quotation continuing at `start` closes with `,”`, `?”` or `!”`
    /// followed by its attribution, so that its sentences stay with the speaker
    /// (`“We will listen. Whether we agree is another matter,” she said.`).
    private func quotationEndsInAttribution(_ reader: ScalarReader, from start: Int, end: Int) -> Bool {
        // Quotations longer than this are treated as text of their own.
        let searchLimit = 600
        var index = start
        while index < min(end, start + searchLimit) {
            let scalar = reader.folded(index)
            if scalar == "\"" {
                let before = reader.folded(index - 1)
                guard before == "," || before == "?" || before == "!" else { return false }
                var next = index + 1
                while next < end && reader.isSpace(next) { next += 1 }
                return next < end && reader.isAttribution(at: next)
            }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func isTerminal(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "?" || scalar == "!" || scalar == "\u{2026}"
    }

    /// Whether the terminal punctuation at `terminal` ends a sentence, given that the
    /// next non-space text starts at `next`.
    private func endsSentence(_ reader: ScalarReader, terminal: Range<Int>, quoted: Bool, next: Int) -> Bool {
        // The next sentence must open with a capital, a digit or a quote/bracket before one.
        var first = next
        while first < next + 2, first < reader.count, "\"'([".unicodeScalars.contains(reader.folded(first)) { first += 1 }
        guard first < reader.count, reader.isLetter(first) || reader.isDigit(first), !reader.isLowercaseLetter(first)
        else { return false }

        let mark = reader.folded(terminal.lowerBound)
        if mark != "." || terminal.count > 1 {
            // `?`, `!` and ellipses: only a quotation's own attribution keeps the sentence open.
            return !(quoted && reader.isAttribution(at: first))
        }
        var wordStart = terminal.lowerBound
        while wordStart > 0 && reader.isLetter(wordStart - 1) { wordStart -= 1 }
        let word = reader.original(wordStart..<terminal.lowerBound)
        if word.isEmpty { return true }
        let dotted = wordStart >= 2 && reader.folded(wordStart - 1) == "." && reader.isLetter(wordStart - 2)
        let initial = word.unicodeScalars.count == 1 && reader.isUppercaseLetter(wordStart)
        if dotted || initial { return reader.opensSentence(at: first) }
        if Abbreviations.titles.contains(word) { return false }
        if Abbreviations.other.contains(word) { return reader.opensSentence(at: first) }
        return true
    }
}
