import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads LIBSVM / SVMlight files: `label index:value index:value ... # comment`, 1-based indices.
///
/// Blank and comment-only lines are skipped. Indices may come in any order but not twice in
/// a row. Labels are kept as strings; class order is numeric when every label is a number
/// (so `-1, 1` and `1, 2, 10` sort as expected), otherwise lexicographic.
public struct LIBSVMReader: LabeledDataSource {
    /// The file to read.
    package var url: URL
    /// A fixed class list (e.g. the training labels when reading a test file); nil to discover labels.
    package var labelNames: [String]?
    /// Lower bound on the column count, so a test file can be widened to the model's features.
    package var minimumColumnCount: Int
    /// Refuse labels that occur only once: one example is too few to learn a class from and
    /// is most often a typo. On by default for training files; pass false for test files.
    package var requireTwoExamplesPerLabel: Bool
    /// Threads that hash and parse the file (at least 1); the result does not depend on it.
    package var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Bytes read at a time (grown for longer lines); small values let tests cross windows.
    package var windowSize = LIBSVMReader.defaultWindowSize

    /// Creates a reader; see the properties for the options.
    public init(url: URL, labelNames: [String]? = nil, minimumColumnCount: Int = 0, requireTwoExamplesPerLabel: Bool? = nil) {
        self.url = url
        self.labelNames = labelNames
        self.minimumColumnCount = minimumColumnCount
        self.requireTwoExamplesPerLabel = requireTwoExamplesPerLabel ?? (labelNames == nil)
    }

    /// Largest accepted 1-based index, 2²⁴ = 16,777,216. Training allocates weights, gradient
    /// and L-BFGS history for every column up to the largest index (about 250 bytes per column
    /// for three classes), so a stray index of 10⁸ would ask for gigabytes; the largest real
    /// feature spaces this package meets (NewsMTSC TF-IDF 1–2-grams) have 135,757 columns.
    package static let maximumIndex = 1 << 24

    /// Reads the file.
    /// - Throws: `LIBSVMError` naming file, line and problem.
    public func load() throws -> LabeledDataset {
        let path = url.path
        guard let file = fopen(path, "rb") else {
            throw LIBSVMError(path: path, line: nil, problem: "cannot open: \(String(cString: strerror(errno)))", fix: "check the path")
        }
        defer { fclose(file) }
        var status = stat()
        let fileSize = fstat(fileno(file), &status) == 0 ? Int(status.st_size) : 0

        // Every entry takes at least 4 bytes ("1:1 "), so fileSize/4 bounds the nonzeros;
        // reserving it avoids regrowth copies, and untouched pages cost no resident memory.
        var columnIndices: [Int32] = []
        var values: [Double] = []
        columnIndices.reserveCapacity(fileSize / 4 + 16)
        values.reserveCapacity(fileSize / 4 + 16)
        let populator = PagePopulator([PagePopulator.region(of: &columnIndices), PagePopulator.region(of: &values)].compactMap { $0 })
        // The storage must outlive every pending request, on success or error.
        defer { withExtendedLifetime((columnIndices, values)) { populator.finish() } }
        populator.advance(to: 0)
        var rowOffsets: [Int] = [0]
        var rowLabels: [String] = []
        var sourceLines: [Int] = []
        var labelIndex: [String: Int] = [:]
        if let labelNames { for (k, name) in labelNames.enumerated() { labelIndex[name] = k } }
        var discoveredLabels: [String] = []
        var labelCounts: [String: (count: Int, firstLine: Int)] = [:]
        var labels: [Int] = []
        var maximumColumn = 0

        // Runs of lines arrive in file order, so rows, line numbers and the first error are
        // the same as a line-by-line read gives.
        let (digest, lineNumber) = try readWindows(file) { run, linesBefore in
            for (r, label) in run.labels.enumerated() {
                let line = linesBefore + run.lines[r]
                let rowEnd = run.rowEnds[r]
                sourceLines.append(line)
                if labelNames != nil {
                    guard let k = labelIndex[label] else {
                        throw LIBSVMError(
                            path: path, line: line, problem: "label \"\(label)\" is not one of the model's labels \(labelNames!)",
                            fix: "use a file labeled with the same classes")  // safe: checked non-nil
                    }
                    labels.append(k)
                } else {
                    rowLabels.append(label)
                    if let seen = labelCounts[label] {
                        labelCounts[label] = (seen.count + 1, seen.firstLine)
                    } else {
                        labelCounts[label] = (1, line)
                        discoveredLabels.append(label)
                    }
                }
                rowOffsets.append(columnIndices.count + rowEnd)
            }
            columnIndices.append(contentsOf: UnsafeBufferPointer(start: run.entries.columns, count: run.entries.count))
            values.append(contentsOf: UnsafeBufferPointer(start: run.entries.values, count: run.entries.count))
            populator.advance(to: columnIndices.count)
            maximumColumn = max(maximumColumn, run.maximumColumn)
        }
        guard rowOffsets.count > 1 else {
            throw LIBSVMError(
                path: path, line: max(lineNumber, 1), problem: "no examples (the file is empty or has only comments)",
                fix: "provide at least one \"label index:value\" line")
        }
        let names: [String]
        if let labelNames {
            names = labelNames
        } else {
            if requireTwoExamplesPerLabel {
                for label in discoveredLabels {
                    let seen = labelCounts[label]!  // safe: every discovered label was counted
                    if seen.count == 1 {
                        throw LIBSVMError(
                            path: path, line: seen.firstLine, problem: "label \"\(label)\" occurs only once",
                            fix: "a class needs at least 2 examples; fix the label if it is a typo or add examples")
                    }
                }
            }
            let numeric = discoveredLabels.compactMap { Double($0) }
            if numeric.count == discoveredLabels.count {
                names = discoveredLabels.sorted { Double($0)! < Double($1)! || (Double($0)! == Double($1)! && $0 < $1) }  // safe: all parse
            } else {
                names = discoveredLabels.sorted()
            }
            for (k, name) in names.enumerated() { labelIndex[name] = k }
            labels = rowLabels.map { labelIndex[$0]! }  // safe: names holds every label
        }
        var rows = SparseMatrix(columnCount: max(maximumColumn, minimumColumnCount))
        rows.reserveCapacity(rows: rowOffsets.count - 1, nonzeros: 0)
        rows.adoptStorage(rowOffsets: rowOffsets, columnIndices: columnIndices, values: values)
        return LabeledDataset(rows: rows, labels: labels, labelNames: names, sourceDigest: digest, sourceLines: sourceLines)
    }

    /// Parses one line into `entries`; returns its label, or nil for a blank/comment line.
    ///
    /// One pass per entry: the index digits, the colon and a plain decimal value are read as
    /// the bytes go by; anything else (an exponent, too many digits, a malformed token) falls
    /// back to finding the token's end and `parseDouble`, with the same values and errors.
    func parseLine(
        _ bytes: UnsafePointer<UInt8>, length: Int, lineNumber: Int, entries: EntryBuffer, labels: inout LabelCache,
        maximumColumn: inout Int
    ) throws -> String? {
        let end =
            memchr(bytes, Int32(UInt8(ascii: "#")), length).map { UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer($0)) } ?? length
        var position = 0
        while position < end && Self.isSpace(bytes[position]) { position += 1 }
        if position == end { return nil }
        let labelStart = position
        while position < end && !Self.isSpace(bytes[position]) { position += 1 }
        func fail(_ problem: String, _ fix: String) -> LIBSVMError {
            LIBSVMError(path: url.path, line: lineNumber, problem: problem, fix: fix)
        }
        let label: String
        if let known = labels.label(bytes + labelStart, count: position - labelStart) {
            label = known
        } else {
            label = String(decoding: UnsafeBufferPointer(start: bytes + labelStart, count: position - labelStart), as: UTF8.self)
            if label.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FFFD}" }) {
                throw fail(
                    "label \"\(Self.displayable(bytes + labelStart, count: position - labelStart))\" holds control characters or invalid UTF-8 (a binary file?)",
                    "pass a LIBSVM text file")
            }
            if label.contains(":") {
                throw fail(
                    "the line starts with \"\(label)\" instead of a label", "begin every line with its class label, then index:value pairs")
            }
            labels.remember(bytes + labelStart, count: position - labelStart, as: label)
        }
        let rowStart = entries.count
        // Read once per line: every use of a lazily initialised global goes through swift_once.
        let powersOfTen = Self.exactPowersOfTen
        var sorted = true
        var previous = -1
        while true {
            while position < end && Self.isSpace(bytes[position]) { position += 1 }
            if position >= end { break }
            let tokenStart = position
            func token() -> String {
                var tokenEnd = tokenStart
                while tokenEnd < end && !Self.isSpace(bytes[tokenEnd]) { tokenEnd += 1 }
                return Self.displayable(bytes + tokenStart, count: tokenEnd - tokenStart)
            }
            var cursor = tokenStart
            var index = 0
            while cursor < end, bytes[cursor] &- 0x30 < 10 {
                index = index &* 10 &+ Int(bytes[cursor] &- 0x30)
                if index > Self.maximumIndex {
                    throw fail(
                        "feature index in \"\(token())\" is larger than the limit \(Self.maximumIndex) (every index up to the largest gets a weight column)",
                        "renumber the features densely from 1")
                }
                cursor += 1
            }
            guard cursor > tokenStart, cursor < end, bytes[cursor] == UInt8(ascii: ":") else {
                throw fail("bad token \"\(token())\"", "write features as index:value with a positive integer index")
            }
            guard index >= 1 else { throw fail("index 0 in \"\(token())\"", "LIBSVM indices start at 1; add 1 to every index") }
            cursor += 1
            let value: Double
            if let (plain, next) = Self.plainDecimal(bytes, from: cursor, end: end, powersOfTen: powersOfTen),
                next == end || Self.isSpace(bytes[next])
            {
                value = plain
                position = next
            } else {
                var tokenEnd = cursor
                while tokenEnd < end && !Self.isSpace(bytes[tokenEnd]) { tokenEnd += 1 }
                guard cursor < tokenEnd, let parsed = Self.parseDouble(bytes + cursor, count: tokenEnd - cursor) else {
                    throw fail("value in \"\(token())\" is not a number", "write a decimal number after the colon")
                }
                guard parsed.isFinite else { throw fail("value in \"\(token())\" is NaN or infinite", "replace it with a finite number") }
                value = parsed
                position = tokenEnd
            }
            let column = index - 1
            if column <= previous { sorted = false }
            previous = column
            if column + 1 > maximumColumn { maximumColumn = column + 1 }
            entries.append(Int32(column), value)
        }
        if !sorted {
            let count = entries.count - rowStart
            let order = (0..<count).sorted { entries.columns[rowStart + $0] < entries.columns[rowStart + $1] }
            let newIndices = order.map { entries.columns[rowStart + $0] }
            let newValues = order.map { entries.values[rowStart + $0] }
            for k in 1..<count where newIndices[k] == newIndices[k - 1] {
                throw fail("index \(newIndices[k] + 1) appears twice", "give each feature at most once per line")
            }
            for k in 0..<count {
                entries.columns[rowStart + k] = newIndices[k]
                entries.values[rowStart + k] = newValues[k]
            }
        }
        return label
    }

    /// Whether `byte` separates tokens (space, tab, line feed, carriage return, vertical tab, form feed).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Appends the decimal digits at `position` to `mantissa` (wrapping: the caller bounds the
    /// count) and moves past them; returns how many there were.
    @inline(__always)
    static func accumulateDigits(_ bytes: UnsafePointer<UInt8>, at position: inout Int, end: Int, into mantissa: inout UInt64) -> Int {
        let start = position
        while position < end {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            position += 1
        }
        return position - start
    }

    /// `[-+]digits[.digits]` starting at `start`, with `parseDouble`'s exact fast path and
    /// limits (`powersOfTen` is `exactPowersOfTen`), and the position after it; nil when the
    /// text there is anything else.
    @inline(__always)
    static func plainDecimal(_ bytes: UnsafePointer<UInt8>, from start: Int, end: Int, powersOfTen: [Double]) -> (Double, Int)? {
        var position = start
        var negative = false
        if position < end && (bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+")) {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        // Leading zeros before the point are not significant digits (as in parseDouble); after
        // it every digit counts. Two tight loops instead of one with a state flag per byte.
        var hasDigit = false
        while position < end && bytes[position] == UInt8(ascii: "0") {
            hasDigit = true
            position += 1
        }
        var mantissa: UInt64 = 0
        var digits = accumulateDigits(bytes, at: &position, end: end, into: &mantissa)
        var fractionDigits = 0
        if position < end && bytes[position] == UInt8(ascii: ".") {
            position += 1
            fractionDigits = accumulateDigits(bytes, at: &position, end: end, into: &mantissa)
            digits += fractionDigits
        }
        guard (hasDigit || digits > 0) && digits <= 15 && fractionDigits <= 22 else { return nil }
        // Below 10¹⁵ the mantissa converts exactly through Int64 (one instruction on x86-64).
        let value = Double(Int64(bitPattern: mantissa)) / powersOfTen[fractionDigits]
        return (negative ? -value : value, position)
    }

    /// At most 40 bytes of a token for a message, with control bytes and invalid UTF-8 escaped.
    static func displayable(_ bytes: UnsafePointer<UInt8>, count: Int) -> String {
        let limit = 40
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: min(count, limit)), as: UTF8.self)
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return count > limit ? out + "…" : out
    }

    /// Parses a decimal number; plain `[-+]digits[.digits]` with at most 15 significant
    /// digits takes Clinger's exact fast path (`m / 10^k`, both exact doubles, one correctly
    /// rounded division), anything else goes to `strtod`. Returns nil unless the whole token is numeric.
    static func parseDouble(_ bytes: UnsafePointer<UInt8>, count: Int) -> Double? {
        var position = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            position = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var simple = true
        var hasDigit = false
        while position < count {
            let byte = bytes[position]
            if byte >= 0x30 && byte <= 0x39 {
                hasDigit = true
                if mantissa == 0 && byte == 0x30 && !seenPoint {
                    position += 1
                    continue
                }
                mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                simple = false
                break
            }
            position += 1
        }
        if simple && hasDigit && digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / exactPowersOfTen[fractionDigits]
            return negative ? -value : value
        }
        // General path: strtod needs a NUL-terminated copy of the token (on the stack).
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { text -> Double? in
            for i in 0..<count { text[i] = CChar(bitPattern: bytes[i]) }
            text[count] = 0
            if isspace(Int32(text[0])) != 0 { return nil }
            let start = text.baseAddress!  // safe: capacity count + 1 ≥ 2
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(start, &end)
            guard let end, end - start == count else { return nil }
            return value
        }
    }

    /// 10⁰ … 10²², every one exactly representable as a Double.
    static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

/// A malformed LIBSVM file: names the file, the 1-based line and the fix.
package struct LIBSVMError: Error, CustomStringConvertible, Equatable {
    /// The file.
    package let path: String
    /// 1-based line number, when the problem has one.
    package let line: Int?
    /// What is wrong.
    package let problem: String
    /// What to do.
    package let fix: String
    /// `path:line: problem: fix`.
    package var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(problem): \(fix)" }
}

extension String {
    /// The string left-padded with zeros to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

extension SparseMatrix {
    /// Takes over CSR arrays built by a reader that already validated them.
    mutating func adoptStorage(rowOffsets: [Int], columnIndices: [Int32], values: [Double]) {
        self = SparseMatrix(columnCount: columnCount, rowOffsets: rowOffsets, columnIndices: columnIndices, values: values)
    }
}
