import Foundation
import StanceLearning

/// Reads the common JSONL input shapes (an article with `text`, a NewsMTSC sentence with
/// `targets`) straight from UTF-8 bytes, about ten times faster than `JSONDecoder`.
///
/// It is strict: anything it does not fully understand (a syntax error, an escaped key, a
/// duplicate or mistyped field, a number that is not a plain integer where one is expected,
/// `mentions` or `article` lines) gives nil, and the caller decodes the line with
/// `JSONDecoder` as before, so accepted lines decode to the same values and every error
/// message stays the decoder's.
struct FastLineParser {
    /// The line's UTF-8 bytes.
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private var position = 0

    /// The fields of one line, or nil when `JSONDecoder` must decide.
    static func rawLine(_ line: Substring) -> DocumentReader.RawLine? {
        var line = line
        return line.withUTF8 { rawLine($0) }
    }

    /// The fields of one line read from its UTF-8 bytes (checked as it goes: a string
    /// value that is not UTF-8 gives nil), or nil when `JSONDecoder` must decide.
    static func rawLine(_ bytes: UnsafeBufferPointer<UInt8>) -> DocumentReader.RawLine? {
        var parser = FastLineParser(bytes: bytes)
        guard let raw = parser.line(), parser.atEnd() else { return nil }
        return raw
    }

    /// A parser at the start of `bytes`.
    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The byte at `position`, nil at the end.
    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Skips JSON white space.
    private mutating func skipSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D else { return }
            position += 1
        }
    }

    /// Skips white space and then `byte` if it is next; false (nothing consumed but space) otherwise.
    private mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard current == byte else { return false }
        position += 1
        return true
    }

    /// True when only white space is left.
    private mutating func atEnd() -> Bool {
        skipSpace()
        return position == bytes.count
    }

    /// The keys this parser acts on, recognised from their bytes so that reading a line makes
    /// no string per key.
    enum Key: UInt16 {
        case id, primaryGID, title, date, text, sentenceNormalized, from, to, targets, article, mentions
        case mention, actor, inputGID, polarity
        /// Any other key: its value is skipped.
        case other

        /// Every named key with its spelling.
        static let spellings: [(Key, StaticString)] = [
            (.id, "id"), (.primaryGID, "primary_gid"), (.title, "title"), (.date, "date"), (.text, "text"),
            (.sentenceNormalized, "sentence_normalized"), (.from, "from"), (.to, "to"), (.targets, "targets"),
            (.article, "article"), (.mentions, "mentions"), (.mention, "mention"), (.actor, "actor"),
            (.inputGID, "Input.gid"), (.polarity, "polarity"),
        ]

        /// The key spelled by `bytes` (without quotes or escapes).
        static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
            for (key, spelling) in spellings where spelling.utf8CodeUnitCount == bytes.count {
                if memcmp(spelling.utf8Start, bytes.baseAddress!, bytes.count) == 0 { return key }  // safe: count > 0 here
            }
            return .other
        }
    }

    /// Calls `field` with each key of an object (the value is read by `field`); false on bad
    /// syntax, an escaped key or a repeated key (all left to the decoder).
    private mutating func object(_ field: (inout FastLineParser, Key) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        // Objects here have a handful of keys: named keys are a bit set, others a short list of byte ranges.
        var seenNamed: UInt32 = 0
        var seenOther: [Range<Int>] = []
        repeat {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { return false }
            let keyStart = position + 1
            guard skipString(), consume(UInt8(ascii: ":")) else { return false }
            let keyBytes = UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd])
            guard !keyBytes.isEmpty, !keyBytes.contains(UInt8(ascii: "\\")) else { return false }
            let key = Key.named(keyBytes)
            if key == .other {
                for range in seenOther where range.count == keyBytes.count {
                    // safe: both buffers are non-empty here
                    if memcmp(bytes.baseAddress! + range.lowerBound, keyBytes.baseAddress!, range.count) == 0 { return false }
                }
                seenOther.append(keyStart..<keyEnd)
            } else {
                let bit: UInt32 = 1 << key.rawValue
                guard seenNamed & bit == 0 else { return false }
                seenNamed |= bit
            }
            guard field(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// Where the last string `skipString` passed ended (the offset of its closing quote).
    private var keyEnd = 0

    /// Passes over a string at `position` (after white space), checking it as `string()`
    /// does (UTF-8 included: a line is read from its bytes, so a skipped key or value is the
    /// only place its bytes are checked) but building nothing; records its closing quote in `keyEnd`.
    private mutating func skipString() -> Bool {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { return false }
        let start = position + 1
        let index = JSONBytes.firstSpecialStringByte(in: bytes, from: start)
        if index < bytes.count && bytes[index] < 0x20 { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            guard UTF8Validation.isValid(UnsafeBufferPointer(rebasing: bytes[start..<index])) else { return false }
            keyEnd = index
            position = index + 1
            return true
        }
        // An escape: the full reader checks it; the caller refuses escaped keys anyway.
        guard string() != nil else { return false }
        keyEnd = position - 1
        return true
    }

    /// The top-level object as a `RawLine`, nil when the decoder must decide.
    private mutating func line() -> DocumentReader.RawLine? {
        var raw = DocumentReader.RawLine()
        let ok = object { parser, key in
            switch key {
            case .id: return parser.optionalString(&raw.id)
            case .primaryGID: return parser.optionalString(&raw.primary_gid)
            case .title: return parser.optionalString(&raw.title)
            case .date: return parser.optionalString(&raw.date)
            case .text: return parser.optionalString(&raw.text)
            case .sentenceNormalized: return parser.optionalString(&raw.sentence_normalized)
            case .from:
                if parser.null() { return true }
                raw.from = parser.integer()
                return raw.from != nil
            case .targets:
                if parser.null() { return true }
                raw.targets = parser.targets()
                return raw.targets != nil
            case .article, .mentions: return false  // other shapes: the decoder reads them
            default: return parser.skipValue(depth: 0)
            }
        }
        return ok ? raw : nil
    }

    /// A `targets` array of objects with integer `from` and `to`, nil when the decoder must decide.
    private mutating func targets() -> [DocumentReader.RawTarget]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var result: [DocumentReader.RawTarget] = []
        if consume(UInt8(ascii: "]")) { return result }
        repeat {
            var from: Int?, to: Int?
            var target = DocumentReader.RawTarget(from: 0, to: 0)
            let ok = object { parser, key in
                switch key {
                case .from:
                    from = parser.integer()
                    return from != nil
                case .to:
                    to = parser.integer()
                    return to != nil
                case .mention: return parser.optionalString(&target.mention)
                case .actor: return parser.optionalString(&target.actor)
                case .inputGID: return parser.optionalString(&target.gid)
                case .polarity:
                    if parser.null() { return true }
                    target.polarity = parser.number()
                    return target.polarity != nil
                default: return parser.skipValue(depth: 0)
                }
            }
            guard ok, let from, let to else { return nil }
            target.from = from
            target.to = to
            result.append(target)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? result : nil
    }

    /// `null` (consumed, true) or anything else (untouched, false).
    private mutating func null() -> Bool {
        skipSpace()
        guard literal("null") else { return false }
        return true
    }

    /// Consumes `word` if the bytes at `position` spell it.
    private mutating func literal(_ word: StaticString) -> Bool {
        guard JSONBytes.spell(word, in: bytes, at: position) else { return false }
        position += word.utf8CodeUnitCount
        return true
    }

    /// Reads a string or `null` into `value`; false on anything else.
    private mutating func optionalString(_ value: inout String?) -> Bool {
        if null() { return true }
        value = string()
        return value != nil
    }

    /// A JSON string with its escapes decoded; nil on bad syntax, bytes that are not UTF-8
    /// or a lone surrogate.
    private mutating func string() -> String? {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        var escaped = false
        while true {
            position = JSONBytes.firstSpecialStringByte(in: bytes, from: position)
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { return nil }
            // A backslash: the escaped character is passed over unchecked, as the unescaping checks it.
            escaped = true
            position += 2
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        // Checked by the project's validator, then decoded: `String(validating:as:)` is generic
        // and looked up type metadata on every string.
        if !escaped { return UTF8Validation.isValid(raw) ? String(decoding: raw, as: UTF8.self) : nil }
        // Escapes never decode to more bytes than they take, so the text is written once, in
        // place, into a string of the raw length: a long article is not held twice over.
        guard UTF8Validation.isValid(raw) else { return nil }
        var failed = false
        let text = String(unsafeUninitializedCapacity: raw.count) { out in
            guard let written = Self.unescape(raw, into: out) else {
                failed = true
                return 0
            }
            return written
        }
        return failed ? nil : text
    }

    /// Decodes the escapes of the (UTF-8 checked) string body `raw` into `out`; the number of
    /// bytes written, or nil on a bad escape or a lone surrogate.
    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var parser = FastLineParser(bytes: raw)
        var count = 0
        while let byte = parser.current {
            parser.position += 1
            guard byte == UInt8(ascii: "\\") else {
                out[count] = byte
                count += 1
                continue
            }
            guard let escape = parser.current else { return nil }
            parser.position += 1
            let decoded: UInt8
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = escape
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
                guard var value = parser.hex4() else { return nil }
                if (0xD800..<0xDC00).contains(value) {
                    guard parser.literal("\\u"), let low = parser.hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(value) {
                    return nil
                }
                guard let scalar = Unicode.Scalar(value) else { return nil }
                guard let encoded = UTF8.encode(scalar) else { return nil }
                for unit in encoded {
                    out[count] = unit
                    count += 1
                }
                continue
            default: return nil
            }
            out[count] = decoded
            count += 1
        }
        return count
    }

    /// Four hexadecimal digits of a `\\u` escape.
    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// The extent of a JSON number (strict grammar), consumed; nil when there is none.
    private mutating func numberBytes() -> Range<Int>? {
        skipSpace()
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        func digits(_ parser: inout FastLineParser) -> Int {
            let from = parser.position
            while let byte = parser.current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { parser.position += 1 }
            return parser.position - from
        }
        let integerStart = position
        let integerDigits = digits(&self)
        guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0")) else { return nil }
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { return nil }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits(&self) > 0 else { return nil }
        }
        return start..<position
    }

    /// A plain integer (no fraction or exponent) that fits `Int`.
    private mutating func integer() -> Int? {
        guard let range = numberBytes() else { return nil }
        var index = range.lowerBound
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value = 0
        while index < range.upperBound {
            let digit = bytes[index]
            // A fraction or exponent makes it no plain integer.
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative ? times10.subtractingReportingOverflow(Int(digit - 0x30)) : times10.addingReportingOverflow(Int(digit - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// Any JSON number, as `JSONDecoder` reads it into a `Double`.
    private mutating func number() -> Double? {
        guard let range = numberBytes() else { return nil }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }

    /// Skips any JSON value, checking its syntax; false on bad syntax or nesting deeper than 64.
    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < 64 else { return false }
        skipSpace()
        switch current {
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "{"): return object { parser, _ in parser.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            position += 1
            if consume(UInt8(ascii: "]")) { return true }
            repeat { guard skipValue(depth: depth + 1) else { return false } } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return numberBytes() != nil
        }
    }
}
