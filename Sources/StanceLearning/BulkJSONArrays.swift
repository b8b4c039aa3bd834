import Foundation

/// Long arrays of plain numbers or strings (and long objects of numbers) cut out of a JSON
/// document and parsed directly, so that a model file's weights, vocabulary and word
/// valences do not go through `JSONDecoder` one element at a time.
///
/// `JSONDecoder` spends thousands of instructions per array element (generic unwrapping,
/// coding-path bookkeeping), which made reading the two shipped models most of the time of
/// a short prediction run. The scanner here parses only the arrays under the named keys,
/// replaces each with `[]` in a copy of the document, and hands the parsed values to the
/// decoding types through `userInfo`; `JSONDecoder` still decodes, validates and reports
/// errors for everything else. Anything unusual (a syntax error, a nested or mixed array,
/// an escape it does not know) makes the scan give up, and the caller decodes the original
/// bytes as before, so its error messages are unchanged.
package final class BulkJSONArrays: @unchecked Sendable {
    /// The `userInfo` key under which decoders find `lookup`, shared by name with the
    /// feature library (which cannot name this type).
    package static let userInfoKeyName = "stance.bulkJSONArrays"

    /// The values of one cut-out array.
    package enum Values: Sendable {
        /// Numbers, with their integer values when every element is an integer literal.
        case numbers([Double], integers: [Int]?)
        /// Strings.
        case strings([String])
        /// An object whose every value is a number (a word-valence table), by key.
        case numbersByKey([String: Double])
    }

    /// The document with each cut-out array replaced by `[]` (and object by `{}`).
    package let remainder: Data
    private var arrays: [String: Values]
    private var taken: Set<String> = []
    private let lock = NSLock()

    /// Scans `data` and cuts out every array (or object of numbers) of at least `minimumCount`
    /// elements whose key is in `keys`; nil when nothing was cut or the scan gave up.
    package init?(scanning data: Data, keys: Set<String>, minimumCount: Int = 256) {
        var scanner = Scanner(keys: keys, minimumCount: minimumCount)
        let ok = data.withUnsafeBytes { raw -> Bool in
            scanner.bytes = raw.bindMemory(to: UInt8.self)
            return scanner.scanDocument()
        }
        guard ok, !scanner.found.isEmpty else { return nil }
        var remainder = Data()
        remainder.reserveCapacity(data.count)
        var position = 0
        for cut in scanner.found {
            remainder.append(data[data.startIndex + position..<data.startIndex + cut.range.lowerBound])
            // An empty value of the same kind, so the decoding types see the shape they expect.
            let opening = data[data.startIndex + cut.range.lowerBound]
            remainder.append(contentsOf: opening == UInt8(ascii: "{") ? [opening, UInt8(ascii: "}")] : [opening, UInt8(ascii: "]")])
            position = cut.range.upperBound
        }
        remainder.append(data[(data.startIndex + position)...])
        self.remainder = remainder
        arrays = Dictionary(scanner.found.map { ($0.path, $0.values) }, uniquingKeysWith: { first, _ in first })
    }

    /// The cut-out array at the dotted key path (`classifier.weights`), marking it used.
    package func take(_ path: String) -> Values? {
        lock.lock()
        defer { lock.unlock() }
        guard let values = arrays[path] else { return nil }
        taken.insert(path)
        return values
    }

    /// True when every cut-out array was taken by a decoder; otherwise some type read `[]`
    /// where the file had values, and the caller must decode the original bytes instead.
    package var allTaken: Bool {
        lock.lock()
        defer { lock.unlock() }
        return taken.count == arrays.count
    }

    /// The lookup decoders call through `userInfo` (a closure, so other modules need not name this type).
    package var lookup: @Sendable (String) -> Any? {
        { [self] path in
            switch take(path) {
            case .numbers(let doubles, let integers)?: return (doubles, integers)
            case .strings(let strings)?: return strings
            case .numbersByKey(let table)?: return table
            case nil: return nil
            }
        }
    }
}

extension BulkJSONArrays {
    /// A recursive-descent walk over the document that parses the wanted arrays and skips the rest.
    fileprivate struct Scanner {
        let keys: Set<String>
        let minimumCount: Int
        var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var index = 0
        var path: [String] = []
        var found: [(range: Range<Int>, path: String, values: Values)] = []
        /// The last whitespace run `skipSeparatorSpace` met (in memory order), its length and mask.
        private var separatorRun: UInt64 = 0
        private var separatorLength = 0
        private var separatorMask: UInt64 = 0

        init(keys: Set<String>, minimumCount: Int) {
            self.keys = keys
            self.minimumCount = minimumCount
        }

        mutating func scanDocument() -> Bool {
            guard value(key: nil) else { return false }
            skipSpace()
            return index == bytes.count
        }

        private mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        /// Skips the whitespace before an element of a long array or object. A pretty-printed
        /// document repeats one run (a newline and the indentation) before every element: when
        /// the next bytes are that run and a byte that is not whitespace follows, the run is
        /// stepped over with one 8-byte compare instead of a test per byte.
        @inline(__always)
        private mutating func skipSeparatorSpace() {
            guard let base = bytes.baseAddress else { return }
            if separatorLength > 0, bytes.count - index > 8 {
                let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if chunk & separatorMask == separatorRun, base[index + separatorLength] > UInt8(ascii: " ") {
                    index += separatorLength
                    return
                }
            }
            let start = index
            skipSpace()
            // Remember a run of 1...8 whitespace bytes (only whitespace, by construction).
            let length = index - start
            if length > 0, length <= 8, bytes.count - start > 8 {
                separatorLength = length
                separatorMask = length == 8 ? ~0 : (1 << UInt64(8 * length)) - 1
                separatorRun = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self) & separatorMask
            }
        }

        private mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// Any JSON value; `key` is the object key it belongs to (nil inside arrays).
        private mutating func value(key: String?) -> Bool {
            skipSpace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                if let key, keys.contains(key), let values = bulkObject() {
                    return values
                }
                return object()
            case UInt8(ascii: "["):
                if let key, keys.contains(key), let values = bulkArray() {
                    return values
                }
                return array()
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number() != nil
            }
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            guard JSONBytes.spell(word, in: bytes, at: index) else { return false }
            index += word.utf8CodeUnitCount
            return true
        }

        /// Comma-separated elements up to `closing`, the opening bracket at `index`; false on bad syntax.
        private mutating func elements(closing: UInt8, _ element: (inout Scanner) -> Bool) -> Bool {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == closing {
                index += 1
                return true
            }
            while true {
                guard element(&self), let more = nextElement(closing: closing) else { return false }
                if !more { return true }
            }
        }

        private mutating func object() -> Bool {
            elements(closing: UInt8(ascii: "}")) { scanner in
                scanner.skipSpace()
                guard let key = scanner.string(), scanner.expect(UInt8(ascii: ":")) else { return false }
                scanner.path.append(key)
                defer { scanner.path.removeLast() }
                return scanner.value(key: key)
            }
        }

        private mutating func array() -> Bool { elements(closing: UInt8(ascii: "]")) { $0.value(key: nil) } }

        /// Parses a wanted array of numbers or strings: true when cut out, false on a syntax
        /// error, nil (with the position restored) when it is short, mixed or nested.
        private mutating func bulkArray() -> Bool? {
            let start = index
            index += 1
            skipSpace()
            guard index < bytes.count else { return false }
            var cut: Values
            if bytes[index] == UInt8(ascii: "\"") {
                var strings: [String] = []
                while true {
                    skipSeparatorSpace()
                    guard let text = string() else { return false }
                    strings.append(text)
                    guard let more = nextElement() else { return false }
                    if !more { break }
                }
                cut = .strings(strings)
                if strings.count < minimumCount {
                    index = start
                    return nil
                }
            } else {
                var doubles: [Double] = []
                var integers: [Int]? = []
                while true {
                    skipSeparatorSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || (0x30...0x39).contains(bytes[index]) else {
                        index = start
                        return nil
                    }
                    guard let number = number() else { return false }
                    doubles.append(number.value)
                    if let integer = number.integer { integers?.append(integer) } else { integers = nil }
                    guard let more = nextElement() else { return false }
                    if !more { break }
                }
                cut = .numbers(doubles, integers: integers)
                if doubles.count < minimumCount {
                    index = start
                    return nil
                }
            }
            found.append((start..<index, path.joined(separator: "."), cut))
            return true
        }

        /// Parses a wanted object whose values are all numbers: true when cut out, false on a
        /// syntax error or a repeated key (left to `JSONDecoder`'s rules), nil (with the
        /// position restored) when it is short or holds anything but numbers.
        private mutating func bulkObject() -> Bool? {
            let start = index
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                index = start
                return nil
            }
            var table: [String: Double] = [:]
            while true {
                skipSeparatorSpace()
                guard let key = string(), expect(UInt8(ascii: ":")) else { return false }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || (0x30...0x39).contains(bytes[index]) else {
                    index = start
                    return nil
                }
                guard let number = number(), table.updateValue(number.value, forKey: key) == nil,
                    let more = nextElement(closing: UInt8(ascii: "}"))
                else { return false }
                if !more { break }
            }
            if table.count < minimumCount {
                index = start
                return nil
            }
            found.append((start..<index, path.joined(separator: "."), .numbersByKey(table)))
            return true
        }

        /// After an element: true for a comma, false for `closing`, nil otherwise.
        private mutating func nextElement(closing: UInt8 = UInt8(ascii: "]")) -> Bool? {
            skipSpace()
            guard index < bytes.count else { return nil }
            let separator = bytes[index]
            index += 1
            if separator == UInt8(ascii: ",") { return true }
            return separator == closing ? false : nil
        }

        /// A JSON string starting at the quote; nil on anything the decoder might treat otherwise.
        private mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            var highBits: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let source = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    // ASCII is valid UTF-8 as it stands: copied without the generic validating
                    // initialiser, which cost a thousand instructions per vocabulary term.
                    if highBits < 0x80 {
                        return String(unsafeUninitializedCapacity: source.count) { target in
                            _ = target.initialize(from: source)
                            return source.count
                        }
                    }
                    return String(validating: source, as: UTF8.self)
                }
                highBits |= byte
                // Escapes are rare in model files: leave such documents to JSONDecoder.
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        /// A JSON number: its value, and its integer value when it is an integer literal.
        private mutating func number() -> (value: Double, integer: Int?)? { DecimalParsing.jsonNumber(bytes, at: &index) }
    }
}
