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
  public func split(_ scalars: [Unicode.Scalar]) -> SentenceSplit {
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
          sentences.append(Sentence(
            index: sentences.count, paragraph: paragraphIndex, range: range, text: reader.original(range)))
        }
      }
      paragraphIndex += 1
    }
    return SentenceSplit(sentences: sentences, skippedDuplicateParagraphs: skipped)
  }

  /// `range` of `scalars` cut into trimmed windows of at most
  /// `InputLimits.maximumSentenceLength` scalars, each ending at a space when one is near.
  public func windows(of range: Range<Int>, in scalars: [Unicode.Scalar]) -> [Range<Int>] {
    windows(ScalarReader(scalars: scalars), of: range)
  }

  /// The trimmed window of at most `InputLimits.maximumSentenceLength` scalars of
  /// `scalars` centred on `span`, with ends moved to a space when one is near; `span`
  /// itself when it is longer than that.
  public func window(around span: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int> {
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
    InputLimits.notice(.sentenceLength, "a run of \(range.count) characters without a sentence end was cut into windows of at most \(limit) characters (reported once)")
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
        && !(inQuotation && quotationEndsInAttribution(reader, from: next, end: end)) {
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

/// Abbreviations whose full stop usually does not end a sentence.
enum Abbreviations {
  /// Titles before a name: never sentence-final in news copy.
  static let titles: Set<String> = [
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Maj", "Capt",
    "Cpt", "Sgt", "Adm", "Cmdr", "Brig", "Pres", "Rev", "Hon", "Amb", "Atty", "Supt", "Insp", "St", "Mt",
    "Ft", "Msgr", "Fr", "Sens", "Reps", "Gens", "Messrs", "Mme", "Mlle",
  ]
  /// Months and other abbreviations that can, rarely, end a sentence.
  static let other: Set<String> = [
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Inc", "Ltd", "Co", "Corp", "Bros", "Jr", "Sr", "No", "Nos", "Vol", "Fig", "Art", "Sec",
    "etc", "vs", "approx", "est", "al", "cf", "ca", "pp", "p", "Ave", "Blvd", "Rd", "Dept", "Univ",
  ]
  /// Lower-case words that cannot end a sentence or a headline, so a line ending in one
  /// was wrapped mid-sentence.
  static let danglingWords: Set<String> = [
    "the", "a", "an", "of", "with", "and", "or", "to", "in", "for", "by", "on", "at", "from", "as", "that",
    "than", "between", "into", "its", "their", "his", "her", "our", "whose", "which", "who", "said", "says",
  ]
  /// Words that usually open a sentence, used to end one after an ambiguous stop.
  static let sentenceOpeners: Set<String> = [
    "the", "a", "an", "but", "and", "it", "he", "she", "they", "we", "i", "this", "that", "these",
    "those", "in", "on", "at", "however", "meanwhile", "still", "yet", "so", "there", "his", "her",
    "their", "its", "our", "if", "when", "while", "after", "before", "as", "for", "some", "many",
    "both", "earlier", "later", "despite", "although", "since", "now", "then", "what", "why", "how",
    "no", "not", "officials", "analysts", "critics",
  ]
}

/// Read-only access to an article's scalars with the folds and classes the splitter needs.
struct ScalarReader {
  let scalars: [Unicode.Scalar]
  var count: Int { scalars.count }

  /// Lower-case particles that occur inside names (`Ursula von der Leyen`).
  static let nameConnectors: Set<String> = ["the", "of", "de", "der", "von", "van", "al", "bin", "da", "di", "la", "le"]

  /// The folded scalar at `index`, or a space outside the text.
  @inline(__always) func folded(_ index: Int) -> Unicode.Scalar {
    index >= 0 && index < scalars.count ? TextNormalizer.fold(scalars[index]) : " "
  }
  @inline(__always) func isSpace(_ index: Int) -> Bool {
    let scalar = folded(index)
    return ScalarClass.isSpace(scalar) || TextNormalizer.isIgnorable(scalar)
  }
  @inline(__always) func isLetter(_ index: Int) -> Bool { ScalarClass.isLetter(folded(index)) }
  @inline(__always) func isDigit(_ index: Int) -> Bool { ScalarClass.isDigit(folded(index)) }
  @inline(__always) func isUppercaseLetter(_ index: Int) -> Bool { ScalarClass.isUppercase(folded(index)) }
  @inline(__always) func isLowercaseLetter(_ index: Int) -> Bool {
    let scalar = folded(index)
    let value = scalar.value
    if value < 0x80 { return value >= 0x61 && value <= 0x7A }
    return scalar.properties.isLowercase
  }

  /// `range` without leading and trailing white space and invisible formatting.
  func trimmed(_ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound, upper = range.upperBound
    while lower < upper && isSpace(lower) { lower += 1 }
    while upper > lower && isSpace(upper - 1) { upper -= 1 }
    return lower..<upper
  }

  /// The original, unfolded text of `range`.
  func original(_ range: Range<Int>) -> String {
    ScalarText.string(scalars, range)
  }

  /// A 64-bit FNV-1a hash of the start of the text `sameComparisonText` compares,
  /// computed without building it.
  ///
  /// Only the first `comparisonHashLength` values are hashed: texts that compare equal
  /// still hash equal, the rare paragraphs sharing a long opening are told apart by
  /// `sameComparisonText`, and the rest of every paragraph is never read here.
  func comparisonHash(_ range: Range<Int>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var pendingSpace = false
    var hashed = 0
    for index in range {
      if hashed >= Self.comparisonHashLength { break }
      let scalar = scalars[index]
      let value: UInt32
      if scalar.value < 0x80 {
        // ASCII needs no fold: only the space test.
        if scalar.value <= 0x20 || scalar.value == 0x7F {
          pendingSpace = true
          continue
        }
        value = scalar.value
      } else {
        let folded = TextNormalizer.fold(scalar)
        if ScalarClass.isSpace(folded) || TextNormalizer.isIgnorable(folded) {
          pendingSpace = true
          continue
        }
        value = folded.value
      }
      if pendingSpace {
        hash = (hash ^ 0x20) &* 0x100_0000_01b3
        pendingSpace = false
      }
      hash = (hash ^ UInt64(value)) &* 0x100_0000_01b3
      hashed += 1
    }
    return hash
  }

  /// Folded scalars hashed per paragraph: about a sentence, enough to keep different
  /// paragraphs in different buckets.
  static let comparisonHashLength = 96

  /// Whether two ranges read the same once quotes and dashes are folded and white-space
  /// runs collapsed: the test for a repeated paragraph, made without building either text.
  func sameComparisonText(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
    // Scraped repeats are usually byte-for-byte copies: compare raw scalars first.
    if first.count == second.count {
      var offset = 0
      while offset < first.count && scalars[first.lowerBound + offset] == scalars[second.lowerBound + offset] {
        offset += 1
      }
      if offset == first.count { return true }
    }
    var left = ComparisonCursor(position: first.lowerBound, end: first.upperBound)
    var right = ComparisonCursor(position: second.lowerBound, end: second.upperBound)
    while true {
      let a = left.next(self), b = right.next(self)
      if a != b { return false }
      if a == nil { return true }
    }
  }

  /// Walks a range as folded scalar values, one 0x20 standing for each white-space run.
  private struct ComparisonCursor {
    var position: Int
    let end: Int
    var pendingSpace = false

    @inline(__always)
    mutating func next(_ reader: ScalarReader) -> UInt32? {
      while position < end {
        if reader.isSpace(position) {
          pendingSpace = true
          position += 1
          continue
        }
        if pendingSpace {
          pendingSpace = false
          return 0x20
        }
        position += 1
        return reader.folded(position - 1).value
      }
      return nil
    }
  }

  /// Up to `limit` words starting at `start`, separated only by white space, each with
  /// whether it is capitalised; stops at the first other punctuation.
  func words(from start: Int, limit: Int) -> [(text: String, capitalised: Bool)] {
    var words: [(text: String, capitalised: Bool)] = []
    var index = start
    while words.count < limit && index < count {
      while index < count && isSpace(index) { index += 1 }
      guard index < count, isLetter(index) else { break }
      let wordStart = index
      var view = String.UnicodeScalarView()
      while index < count && (isLetter(index) || (folded(index) == "'" && isLetter(index + 1))) {
        ScalarClass.appendLowercased(folded(index), to: &view)
        index += 1
      }
      words.append((String(view), isUppercaseLetter(wordStart)))
      guard index < count, isSpace(index) else { break }
    }
    return words
  }

  /// Whether the text at `start` attributes a quotation: `said Trump`, `Trump stated`,
  /// `President Ana Costa said`, `he asked`, `according to`.
  func isAttribution(at start: Int) -> Bool {
    let words = words(from: start, limit: 6)
    guard let first = words.first else { return false }
    if SpeechVerbs.all.contains(first.text) { return true }
    if words.count >= 2 && SpeechVerbs.subjectPronouns.contains(first.text) && SpeechVerbs.all.contains(words[1].text) {
      return true
    }
    for position in words.indices.dropFirst() {
      // Only a run of capitalised words (a name, perhaps with a title) may precede the verb.
      let previous = words[position - 1]
      guard previous.capitalised || Self.nameConnectors.contains(previous.text) else { return false }
      if SpeechVerbs.all.contains(words[position].text) { return true }
    }
    return false
  }

  /// Whether the word at `start` is one that usually opens a sentence.
  func opensSentence(at start: Int) -> Bool {
    guard let word = words(from: start, limit: 1).first else { return false }
    return Abbreviations.sentenceOpeners.contains(word.text)
  }
}
