/// A word, number or punctuation token with its code point offsets.
public struct Token: Equatable, Hashable, Sendable {
    /// What a token is, so features can treat words, numbers and punctuation differently.
    package enum Kind: String, Sendable {
        case word, number, punctuation, possessive
    }

    /// Normalised text: lower-cased; numbers folded to `<num>`; possessive `'s`; curly
    /// quotes and apostrophes folded to ASCII `"` and `'`; em and en dashes as `--`.
    public var text: String
    /// Unicode scalar offsets into the string given to `tokenize`, end exclusive.
    public var range: Range<Int>
    /// Whether this is a word, number, punctuation mark or possessive `'s`.
    package var kind: Kind

    /// Creates a token; the tokenizer is the usual source, tests build expected ones.
    package init(text: String, range: Range<Int>, kind: Kind) {
        self.text = text
        self.range = range
        self.kind = kind
    }
}

/// Splits text into lower-cased word, number and punctuation tokens with exact offsets.
///
/// The token stream, by example (offsets are Unicode scalar offsets):
/// - Words are runs of letters and digits of any script, lower-cased: `Kremlin` → `kremlin`.
///   Invisible formatting (soft hyphen, zero-width space) inside a word is skipped.
/// - Initialisms with full stops stay one word, stop included: `U.S.` → `u.s.`,
///   `J.D.` → `j.d.`; a single initial `J.` is `j` then `.`.
/// - Numbers, including `3.5`, `1,200`, `10:30`, `2nd` and `1990s`, become `<num>`.
/// - Clitics split Penn-Treebank style after the last apostrophe (straight or curly):
///   `Putin's` → `putin` + `'s` (kind `.possessive`; `it's` gives `'s` too, since the
///   two cannot be told apart without a parser), `didn't` → `did` + `n't`,
///   `can't` → `ca` + `n't`, `we're` → `we` + `'re`; likewise `'ll`, `'ve`, `'m`, `'d`
///   (kind `.word`). Other inner apostrophes stay in the word: `O'Brien` → `o'brien`.
///   A trailing apostrophe (`leaders'`) is punctuation `'`.
/// - Hyphenated compounds are one word: `de-escalation`. When every part starts with an
///   upper-case letter (`Zelensky-Putin`, `Russia-Ukraine`) the whole comes first and is
///   followed by each part with its own offsets: `zelensky-putin`, `zelensky`, `putin`.
///   Tokens are therefore ordered by start offset, a whole before its first part.
/// - Punctuation is one token per mark, except that `--`, `---` and em/en dashes give
///   `--`, `...` and `…` give `...`, every double quote gives `"` and every single quote `'`.
public struct Tokenizer: Sendable {
    /// Creates a tokenizer; it has no settings, so one instance can be shared freely.
    public init() {}

    /// Tokenizes `text`; ranges are Unicode scalar offsets into `text`.
    public func tokenize(_ text: String) -> [Token] {
        let scalars = ScalarText.scalars(of: text)
        return tokenize(scalars, in: 0..<scalars.count)
    }

    /// Tokenizes `scalars[range]`; ranges are offsets into `scalars`, so callers that
    /// decoded an article once can tokenize each sentence without re-basing offsets.
    package func tokenize(_ scalars: [Unicode.Scalar], in range: Range<Int>) -> [Token] {
        // Out-of-range bounds are clamped: the scan below reads through an unchecked buffer.
        let range = range.clamped(to: 0..<scalars.count)
        return scalars.withUnsafeBufferPointer { buffer in tokenize(buffer, in: range) }
    }

    /// The scan proper, over an unchecked buffer: bounds checks and array retains cost more
    /// than the classification itself on ASCII text.
    private func tokenize(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, in range: Range<Int>) -> [Token] {
        var tokens: [Token] = []
        // News text averages a token per five or six scalars, punctuation included; a little
        // more room than that saves the array being copied once or twice on most sentences.
        tokens.reserveCapacity(range.count / 4 + 8)
        let end = range.upperBound
        var index = range.lowerBound
        while index < end {
            let value = scalars[index].value
            if value < 0x80 {
                // ASCII needs no fold and has no invisible formatting.
                if value <= 0x20 || value == 0x7F {
                    index += 1
                } else if Self.isASCIILetterOrDigit(value) {
                    index = scanWord(scalars, from: index, end: end, into: &tokens)
                } else {
                    index = scanPunctuation(scalars, from: index, end: end, into: &tokens)
                }
                continue
            }
            let scalar = TextNormalizer.fold(scalars[index])
            if ScalarClass.isSpace(scalar) || TextNormalizer.isIgnorable(scalar) {
                index += 1
            } else if ScalarClass.isLetter(scalar) || ScalarClass.isDigit(scalar) {
                index = scanWord(scalars, from: index, end: end, into: &tokens)
            } else {
                index = scanPunctuation(scalars, from: index, end: end, into: &tokens)
            }
        }
        return tokens
    }

    @inline(__always)
    private static func isASCIILetterOrDigit(_ value: UInt32) -> Bool {
        (value >= 0x30 && value <= 0x39) || ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
    }

    // MARK: - Words and numbers

    /// Scans one word or number starting at `start`; returns the index after it.
    private func scanWord(
        _ scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, end: Int, into tokens: inout [Token]
    ) -> Int {
        @inline(__always) func folded(_ index: Int) -> Unicode.Scalar {
            index < end ? TextNormalizer.fold(scalars[index]) : " "
        }
        if let initialismEnd = initialismEnd(scalars, from: start, end: end) {
            tokens.append(
                Token(
                    text: lowercased(scalars, start..<initialismEnd, ascii: false), range: start..<initialismEnd, kind: .word))
            return initialismEnd
        }
        let startsWithDigit = ScalarClass.isDigit(folded(start))
        var index = start
        // Whether every scalar taken into the word so far is ASCII, so its text needs no fold.
        var ascii = true
        var lastApostrophe: Int? = nil
        var hyphens: [Int] = []
        while index < end {
            let raw = scalars[index]
            if raw.value < 0x80 && Self.isASCIILetterOrDigit(raw.value) {
                index += 1
                continue
            }
            let scalar = TextNormalizer.fold(raw)
            if ScalarClass.isLetter(scalar) || ScalarClass.isDigit(scalar) || TextNormalizer.isIgnorable(scalar) {
                if raw.value >= 0x80 { ascii = false }
                index += 1
                continue
            }
            let next = folded(index + 1)
            if scalar == "'" && ScalarClass.isLetter(next) {
                lastApostrophe = index
            } else if scalar == "-" && (ScalarClass.isLetter(next) || ScalarClass.isDigit(next)) && !startsWithDigit {
                hyphens.append(index)
            } else if startsWithDigit && (scalar == "." || scalar == "," || scalar == ":") && ScalarClass.isDigit(next)
                && ScalarClass.isDigit(folded(index - 1))
            {
                // Decimal points, thousands separators and clock times stay inside the number.
            } else {
                break
            }
            if raw.value >= 0x80 { ascii = false }
            index += 1
        }
        let wordEnd = index
        var stemEnd = wordEnd
        var clitic: Token? = nil
        if let apostrophe = lastApostrophe {
            let suffix = lowercased(scalars, (apostrophe + 1)..<wordEnd, ascii: ascii)
            switch suffix {
            case "s":
                stemEnd = apostrophe
                clitic = Token(text: "'s", range: apostrophe..<wordEnd, kind: .possessive)
            case "t" where apostrophe - 1 > start && (folded(apostrophe - 1) == "n" || folded(apostrophe - 1) == "N"):
                stemEnd = apostrophe - 1
                clitic = Token(text: "n't", range: stemEnd..<wordEnd, kind: .word)
            case "re", "ll", "ve", "m", "d":
                stemEnd = apostrophe
                clitic = Token(text: "'" + suffix, range: apostrophe..<wordEnd, kind: .word)
            default:
                break
            }
        }
        if startsWithDigit {
            tokens.append(Token(text: "<num>", range: start..<stemEnd, kind: .number))
        } else {
            tokens.append(Token(text: lowercased(scalars, start..<stemEnd, ascii: ascii), range: start..<stemEnd, kind: .word))
            if !hyphens.isEmpty {
                let innerHyphens = hyphens.filter { $0 < stemEnd }
                if !innerHyphens.isEmpty {
                    appendNameParts(scalars, start: start, end: stemEnd, hyphens: innerHyphens, ascii: ascii, into: &tokens)
                }
            }
        }
        if let clitic { tokens.append(clitic) }
        return wordEnd
    }

    /// Emits each part of a hyphenated compound when every part looks like a name.
    private func appendNameParts(
        _ scalars: UnsafeBufferPointer<Unicode.Scalar>, start: Int, end: Int, hyphens: [Int], ascii: Bool,
        into tokens: inout [Token]
    ) {
        var bounds: [Range<Int>] = []
        var partStart = start
        for hyphen in hyphens {
            bounds.append(partStart..<hyphen)
            partStart = hyphen + 1
        }
        bounds.append(partStart..<end)
        // Only name pairs split: `de-escalation` or `pro-Russian` must stay one feature.
        guard bounds.allSatisfy({ !$0.isEmpty && ScalarClass.isUppercase(scalars[$0.lowerBound]) }) else { return }
        for part in bounds {
            tokens.append(Token(text: lowercased(scalars, part, ascii: ascii), range: part, kind: .word))
        }
    }

    /// The end of an initialism such as `U.S.` or `J.D.` (two or more single letters each
    /// followed by a full stop) starting at `start`, or nil.
    @inline(__always)
    private func initialismEnd(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, end: Int) -> Int? {
        // Almost every word fails on its second scalar: test that before anything else.
        guard start + 1 < end, scalars[start + 1] == "." else { return nil }
        var index = start
        var letters = 0
        while index + 1 < end, ScalarClass.isLetter(scalars[index]), scalars[index + 1] == "." {
            // A letter after the stop continues the initialism only if it, too, is alone.
            letters += 1
            index += 2
            if index < end && ScalarClass.isLetter(scalars[index])
                && !(index + 1 < end && scalars[index + 1] == ".")
            {
                return nil
            }
        }
        if letters < 2 { return nil }
        if index < end && (ScalarClass.isLetter(scalars[index]) || ScalarClass.isDigit(scalars[index])) { return nil }
        return index
    }

    // MARK: - Punctuation

    /// Single-scalar strings for ASCII punctuation, built once rather than per token.
    private static let asciiStrings: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    /// Scans one punctuation token starting at `start`; returns the index after it.
    private func scanPunctuation(
        _ scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, end: Int, into tokens: inout [Token]
    ) -> Int {
        let scalar = TextNormalizer.fold(scalars[start])
        var index = start + 1
        let text: String
        switch scalar {
        case "-", "\u{2014}":
            while index < end {
                let next = TextNormalizer.fold(scalars[index])
                guard next == "-" || next == "\u{2014}" else { break }
                index += 1
            }
            text = (index - start == 1 && scalar == "-") ? "-" : "--"
        case ".":
            while index < end && scalars[index] == "." { index += 1 }
            text = index - start >= 2 ? "..." : "."
        case "\u{2026}":
            text = "..."
        default:
            text = scalar.value < 0x80 ? Self.asciiStrings[Int(scalar.value)] : String(scalar)
        }
        tokens.append(Token(text: text, range: start..<index, kind: .punctuation))
        return index
    }

    // MARK: - Text

    /// The lower-cased, folded text of `scalars[range]`, skipping invisible formatting;
    /// `ascii` says the caller already knows every scalar in the range is ASCII.
    @inline(__always)
    private func lowercased(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, ascii: Bool) -> String {
        // Most tokens are ASCII: write their bytes straight into the string's storage.
        var ascii = ascii
        if !ascii {
            ascii = true
            for index in range where scalars[index].value >= 0x80 {
                ascii = false
                break
            }
        }
        if ascii {
            return String(unsafeUninitializedCapacity: range.count) { buffer in
                var offset = 0
                for index in range {
                    var byte = UInt8(truncatingIfNeeded: scalars[index].value)
                    if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                    buffer[offset] = byte
                    offset += 1
                }
                return offset
            }
        }
        var view = String.UnicodeScalarView()
        for index in range {
            let scalar = TextNormalizer.fold(scalars[index])
            if TextNormalizer.isIgnorable(scalar) { continue }
            ScalarClass.appendLowercased(scalar, to: &view)
        }
        return String(view)
    }
}
