import Foundation

/// Long arrays of plain numbers or strings cut out of a JSON document and parsed directly,
/// so that a model file's weights and vocabulary do not go through `JSONDecoder` one
/// element at a time.
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
    }

    /// The document with each cut-out array replaced by `[]`.
    package let remainder: Data
    private var arrays: [String: Values]
    private var taken: Set<String> = []
    private let lock = NSLock()

    /// Scans `data` and cuts out every array of at least `minimumCount` elements whose key is
    /// in `keys`; nil when nothing was cut or the scan gave up.
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
            remainder.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
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
            case UInt8(ascii: "{"): return object()
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
                    skipSpace()
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
                    skipSpace()
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
        private mutating func number() -> (value: Double, integer: Int?)? {
            let start = index
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var mantissa: UInt64 = 0
            var digits = 0
            var exponent = 0
            let integerStart = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                if mantissa == 0 && bytes[index] == 0x30 {
                } else if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30)
                    digits += 1
                } else {
                    exponent += 1
                    digits += 1
                }
                index += 1
            }
            let integerDigits = index - integerStart
            // JSON forbids leading zeros ("01") and a missing integer part.
            guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == 0x30) else { return nil }
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                let fractionStart = index
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                    if mantissa == 0 && bytes[index] == 0x30 {
                        exponent -= 1
                    } else if digits < 19 {
                        mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30)
                        digits += 1
                        exponent -= 1
                    } else {
                        digits += 1
                    }
                    index += 1
                }
                guard index > fractionStart else { return nil }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                var exponentNegative = false
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    exponentNegative = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                var written = 0
                let exponentStart = index
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                    if written < 100_000 { written = written * 10 + Int(bytes[index] - 0x30) }
                    index += 1
                }
                guard index > exponentStart else { return nil }
                exponent += exponentNegative ? -written : written
            }
            let value =
                Self.double(mantissa: mantissa, exponent: exponent, digits: digits, negative: negative)
                ?? Self.extendedDouble(mantissa: mantissa, exponent: exponent, digits: digits, negative: negative)
                ?? Self.libcDouble(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            guard let value, value.isFinite else { return nil }
            var integer: Int? = nil
            if isInteger && digits <= 18 {
                integer = negative ? -Int(mantissa) : Int(mantissa)
            }
            return (value, integer)
        }

        private static let powersOfTen: [Double] = (0...22).map { exponent in
            var power = 1.0
            for _ in 0..<exponent { power *= 10 }
            return power
        }

        /// Clinger's fast path: exact when the digits fit a double's 53-bit significand and the
        /// power of ten is exact (up to 10^22), since one IEEE operation then rounds correctly.
        private static func double(mantissa: UInt64, exponent: Int, digits: Int, negative: Bool) -> Double? {
            guard digits <= 19, mantissa <= 1 << 53, (-22...22).contains(exponent) else { return nil }
            let magnitude = Double(mantissa)
            let value = exponent < 0 ? magnitude / powersOfTen[-exponent] : magnitude * powersOfTen[exponent]
            return negative ? -value : value
        }

        /// The shortest round-trip form of most weights has 17 digits, too many for the fast
        /// path. With x87's 64-bit significand the digits and 10^k (k <= 27) are exact and the
        /// quotient is rounded once; rounding that to a double is then correct unless the 11
        /// extra bits sit next to a halfway point, which goes to `strtod` instead.
        private static func extendedDouble(mantissa: UInt64, exponent: Int, digits: Int, negative: Bool) -> Double? {
            #if arch(x86_64) && !os(Windows)
                guard digits <= 19, (-27...27).contains(exponent), mantissa > 0 else { return nil }
                let power = extendedPowersOfTen[abs(exponent)]
                let extended = exponent < 0 ? Float80(mantissa) / power : Float80(mantissa) * power
                let extra = extended.significandBitPattern & 0x7FF
                guard extra < 0x3FF || extra > 0x401, extended.exponent > -1000, extended.exponent < 1000 else { return nil }
                let value = Double(extended)
                return negative ? -value : value
            #else
                return nil
            #endif
        }

        #if arch(x86_64) && !os(Windows)
            /// 10^0 … 10^27 in extended precision, each exact (10^27 needs 63 significant bits),
            /// built by the same repeated multiplication the conversion used to do per number.
            private static let extendedPowersOfTen: [Float80] = {
                var powers: [Float80] = [1]
                for _ in 1...27 { powers.append(powers[powers.count - 1] * 10) }
                return powers
            }()
        #endif

        /// Everything else goes to the C library's correctly rounded `strtod`.
        private static func libcDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer -> Double? in
                for offset in 0..<text.count { buffer[offset] = CChar(bitPattern: text[offset]) }
                buffer[text.count] = 0
                guard let base = buffer.baseAddress else { return nil }
                var end: UnsafeMutablePointer<CChar>? = nil
                let value = strtod(base, &end)
                return end == base + text.count ? value : nil
            }
        }
    }
}
