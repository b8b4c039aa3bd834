import StanceFeatures
import StanceLearning

/// Writes `Prediction` rows as JSON Lines straight into a byte buffer, byte for byte what
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes for them (keys in UTF-8
/// byte order, doubles in their shortest round-trip form without a trailing `.0`, only `"`,
/// `\` and control characters escaped), at a fraction of the cost.
struct JSONRowWriter {
    /// The UTF-8 bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Creates an empty writer with room for `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends one row and a newline; false (and nothing appended) when a probability or a
    /// contribution is not finite, which `JSONEncoder` refuses, so the caller can fall back to it.
    mutating func append(_ row: Prediction) -> Bool {
        guard row.stanceDistribution.values.allSatisfy(\.isFinite), row.sentimentDistribution.values.allSatisfy(\.isFinite),
            (row.explanation?.stance ?? []).allSatisfy(\.contribution.isFinite),
            (row.explanation?.sentiment ?? []).allSatisfy(\.contribution.isFinite)
        else { return false }
        ascii("{\"actor\":")
        string(row.actor)
        if let date = row.date {
            ascii(",\"date\":")
            string(date)
        }
        ascii(",\"document\":")
        string(row.document)
        ascii(",\"end\":")
        integer(row.end)
        if let explanation = row.explanation {
            ascii(",\"explanation\":{\"sentiment\":")
            contributions(explanation.sentiment)
            ascii(",\"stance\":")
            contributions(explanation.stance)
            bytes.append(UInt8(ascii: "}"))
        }
        ascii(",\"mention\":")
        string(row.mention)
        ascii(",\"resolved\":")
        string(row.resolved.rawValue)
        ascii(",\"sentence\":")
        integer(row.sentence)
        ascii(",\"sentiment\":")
        string(row.sentiment)
        ascii(",\"sentiment_probabilities\":")
        probabilities(row.sentimentDistribution)
        ascii(",\"stance\":")
        string(row.stance)
        ascii(",\"stance_probabilities\":")
        probabilities(row.stanceDistribution)
        ascii(",\"start\":")
        integer(row.start)
        ascii(",\"text\":")
        string(row.text)
        ascii("}\n")
        return true
    }

    /// Appends ASCII text that needs no escaping (keys and punctuation).
    private mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer in decimal.
    private mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends a finite double as `JSONEncoder` does: Swift's shortest description, `.0` dropped.
    private mutating func double(_ value: Double) {
        // `write(to:)` prints the same shortest round-trip digits as `description` for every
        // finite value (they differ only in how a NaN's payload is shown, and NaN never gets
        // here), and hands them to the sink's `_writeASCII` from a stack buffer: no string is
        // made per number.
        var sink = DigitSink()
        swap(&sink.bytes, &bytes)
        let start = sink.bytes.count
        value.write(to: &sink)
        let count = sink.bytes.count - start
        if count > 2 && sink.bytes[sink.bytes.count - 2] == UInt8(ascii: ".") && sink.bytes[sink.bytes.count - 1] == UInt8(ascii: "0") {
            sink.bytes.removeLast(2)
        }
        swap(&sink.bytes, &bytes)
    }

    /// Appends a label → probability object; the distribution's labels are already in
    /// code-point order, the order `JSONEncoder` sorts keys in.
    private mutating func probabilities(_ distribution: LabelDistribution) {
        bytes.append(UInt8(ascii: "{"))
        for index in distribution.labels.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(distribution.labels[index])
            bytes.append(UInt8(ascii: ":"))
            double(distribution.values[index])
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `--explain` contributions as an array of `{"contribution", "feature"}` objects.
    private mutating func contributions(_ list: [FeatureContribution]) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in list.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            ascii("{\"contribution\":")
            double(item.contribution)
            ascii(",\"feature\":")
            string(item.feature)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends a quoted string: `"` and `\` escaped, `\b \t \n \f \r` by name, other control
    /// characters as `\u00xx`; everything else (slashes, non-ASCII) as UTF-8.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = JSONBytes.firstSpecialStringByte(in: utf8, from: 0)
            while index < utf8.count {
                let byte = utf8[index]
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [
                        UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)],
                    ])
                }
                index = JSONBytes.firstSpecialStringByte(in: utf8, from: start)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Where `Double.write(to:)` puts its digits: appended straight to the row's bytes.
private struct DigitSink: TextOutputStream {
    /// The row's bytes, swapped in for the length of one number.
    var bytes: [UInt8] = []

    /// Appends text given as a string (the standard library's fallback; numbers come as ASCII).
    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    /// Appends the ASCII digits `Double.write(to:)` formats in a stack buffer.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
