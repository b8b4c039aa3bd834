import Foundation

/// Turns raw bytes into text and folds typographic variants without moving any offset.
///
/// Every later stage (sentences, tokens, mentions) reports ranges as Unicode scalar
/// offsets into the text the user gave. Normalisation therefore maps scalars strictly
/// 1:1: a curly quote becomes a straight one, an en dash becomes an em dash, a
/// non-breaking space becomes a space, and nothing is inserted or removed. Deletions
/// such as soft hyphens are left in place; the tokenizer skips them instead.
package enum TextNormalizer {
    /// Decodes bytes as UTF-8 (or UTF-16 when a byte-order mark says so), replacing every
    /// invalid sequence with U+FFFD instead of failing; a leading byte-order mark is dropped.
    package static func decode(_ data: Data) -> String {
        let bytes = [UInt8](data)
        if bytes.count >= 2 {
            // UTF-16 files from Windows tools start with a byte-order mark; reading them as
            // UTF-8 would give one replacement character per byte.
            if bytes[0] == 0xFF && bytes[1] == 0xFE { return decodeUTF16(bytes.dropFirst(2), bigEndian: false) }
            if bytes[0] == 0xFE && bytes[1] == 0xFF { return decodeUTF16(bytes.dropFirst(2), bigEndian: true) }
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return String(decoding: bytes.dropFirst(3), as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Returns `text` with typographic variants folded; the result has exactly as many
    /// Unicode scalars as `text`, so every offset into one is valid in the other.
    package static func normalize(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var view = String.UnicodeScalarView()
        view.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\r" {
                // CR LF must stay one line break, not two (a blank line would split a paragraph).
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                view.append(next == "\n" ? " " : "\n")
            } else {
                view.append(fold(scalar))
            }
        }
        return String(view)
    }

    /// The 1:1 fold applied by `normalize`, for one scalar.
    ///
    /// Curly and low quotes and guillemets become `"`; curly single quotes, primes and
    /// modifier apostrophes become `'`; hyphen variants and the minus sign become `-`;
    /// en dashes, figure dashes and horizontal bars become an em dash (U+2014), which
    /// stays distinct from `-` because it separates clauses rather than joining words;
    /// the horizontal ellipsis stays as it is (it is one scalar); every space separator
    /// becomes U+0020 and line/paragraph separators become `\n`. A lone `\r` is handled
    /// by `normalize`, which needs the following scalar.
    @inline(__always)
    package static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x80 { return scalar }
        switch value {
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033, 0x301D, 0x301E, 0xFF02:
            return "\""
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x02B9, 0x00B4, 0xFF07, 0x2039, 0x203A:
            return "'"
        case 0x2010, 0x2011, 0x2212, 0xFE63, 0xFF0D:
            return "-"
        case 0x2012, 0x2013, 0x2015, 0x2E3A, 0x2E3B, 0xFE58:
            return "\u{2014}"
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return " "
        case 0x2028, 0x2029, 0x0085:
            return "\n"
        default:
            return scalar
        }
    }

    /// Whether a scalar is invisible formatting (soft hyphen, zero-width space or joiner,
    /// word joiner, byte-order mark) that word matching should skip over.
    @inline(__always)
    package static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? (first << 8 | second) : (second << 8 | first))
            index += 2
        }
        var text = String(decoding: units, as: UTF16.self)
        // An odd trailing byte cannot be a code unit: report it like any other bad sequence.
        if index < bytes.endIndex { text.unicodeScalars.append("\u{FFFD}") }
        return text
    }
}

/// Scalar classes shared by the tokenizer, the sentence splitter and the mention detector.
enum ScalarClass {
    /// Letters of any script, plus combining marks so that decomposed accents stay in a word.
    @inline(__always)
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Decimal digits of any script.
    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return scalar.properties.numericType == .decimal
    }

    /// Upper-case and title-case letters: the start of a proper name.
    @inline(__always)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
    }

    /// Spaces, tabs, line breaks and other control characters: token separators.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value <= 0x20 || value == 0x7F }
        if scalar.properties.isWhitespace { return true }
        return scalar.properties.generalCategory == .control
    }

    /// Appends the lower-case form of `scalar` to `view`, with an ASCII fast path.
    @inline(__always)
    static func appendLowercased(_ scalar: Unicode.Scalar, to view: inout String.UnicodeScalarView) {
        let value = scalar.value
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A {
                view.append(Unicode.Scalar(UInt8(value + 0x20)))
            } else {
                view.append(scalar)
            }
            return
        }
        if scalar.properties.changesWhenLowercased {
            view.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        } else {
            view.append(scalar)
        }
    }
}

/// Fast conversion between text and arrays of Unicode scalars.
package enum ScalarText {
    /// The Unicode scalars of `text`, decoded straight from its UTF-8 storage; equal to
    /// `Array(text.unicodeScalars)` but several times faster on long articles.
    package static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes -> [Unicode.Scalar] in
            var result: [Unicode.Scalar] = []
            result.reserveCapacity(bytes.count)
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = UInt32(bytes[index])
                var value: UInt32
                var length: Int
                // A Swift String always holds valid UTF-8, so only the lead byte needs inspecting.
                if lead < 0x80 {
                    value = lead
                    length = 1
                } else if lead < 0xE0 {
                    value = lead & 0x1F
                    length = 2
                } else if lead < 0xF0 {
                    value = lead & 0x0F
                    length = 3
                } else {
                    value = lead & 0x07
                    length = 4
                }
                var offset = 1
                while offset < length && index + offset < count {
                    value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F)
                    offset += 1
                }
                result.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                index += length
            }
            return result
        }
    }

    /// `text.unicodeScalars.count`, from the UTF-8 bytes: every scalar has one byte that is
    /// not a continuation byte. Input lines are checked against it, and the standard
    /// library's scalar walk cost more than the rest of reading a line.
    package static func count(of text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var continuation = 0
            for byte in bytes where byte & 0xC0 == 0x80 { continuation += 1 }
            return bytes.count - continuation
        }
    }

    /// The text of `scalars[range]`, built by encoding UTF-8 directly into the string.
    package static func string(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        // Sized exactly: sentence strings live as long as a document's rows, and room for four
        // bytes a scalar held four times the text of a long article per worker.
        var byteCount = 0
        for index in range {
            let value = scalars[index].value
            byteCount += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: byteCount) { buffer in
            var offset = 0
            for index in range {
                let value = scalars[index].value
                if value < 0x80 {
                    buffer[offset] = UInt8(truncatingIfNeeded: value)
                    offset += 1
                } else {
                    for byte in scalars[index].utf8 {
                        buffer[offset] = byte
                        offset += 1
                    }
                }
            }
            return offset
        }
    }
}
