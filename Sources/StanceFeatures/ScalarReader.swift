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
        var lower = range.lowerBound
        var upper = range.upperBound
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
            let a = left.next(self)
            let b = right.next(self)
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
