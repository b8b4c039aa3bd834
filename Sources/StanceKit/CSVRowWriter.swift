import Foundation

/// Writes `Prediction` rows as RFC 4180 CSV records straight into a byte buffer, so that a
/// long article's rows cost no `String` per field and no Foundation formatting per number.
///
/// A field is quoted when its UTF-8 bytes hold a comma, a quote, CR or LF (the bytes RFC 4180
/// §2 names), inner quotes doubled; probabilities and contributions are written as C's
/// `%.3f` writes them, which is what `String(format: "%.3f")` gives.
struct CSVRowWriter {
    /// The UTF-8 bytes written so far.
    private(set) var bytes: [UInt8] = []
    /// Whether records carry the two `--explain` columns.
    let explain: Bool

    /// Creates an empty writer with room for `capacity` bytes.
    init(explain: Bool, capacity: Int = 0) {
        self.explain = explain
        bytes.reserveCapacity(capacity)
    }

    /// Appends one record (the columns of `CSVRenderer.columns`, then the explain columns) and CRLF.
    mutating func append(_ row: Prediction) {
        field(row.document)
        comma()
        integer(row.sentence)
        comma()
        field(row.text)
        comma()
        field(row.actor)
        comma()
        field(row.mention)
        comma()
        integer(row.start)
        comma()
        integer(row.end)
        comma()
        field(row.resolved.rawValue)
        comma()
        field(row.stance)
        for label in TaskLabels.stance {
            comma()
            fixed3(row.stanceDistribution[label] ?? 0)
        }
        comma()
        field(row.sentiment)
        for label in TaskLabels.sentiment {
            comma()
            fixed3(row.sentimentDistribution[label] ?? 0)
        }
        comma()
        field(row.date ?? "")
        if explain {
            comma()
            field(CSVRenderer.features(row.explanation?.stance))
            comma()
            field(CSVRenderer.features(row.explanation?.sentiment))
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    private mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    /// Appends an integer in decimal.
    private mutating func integer(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// Appends `value` with three decimals, as `%.3f`.
    private mutating func fixed3(_ value: Double) {
        bytes.append(contentsOf: CSVRowWriter.fixed3Text(value).utf8)
    }

    /// `value` with three decimals, as C's `%.3f` (correctly rounded from the exact binary value).
    static func fixed3Text(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let count = withVaList([value]) { vsnprintf(buffer.baseAddress, 64, "%.3f", $0) }
            // A double's %.3f always fits in 64 bytes except for magnitudes beyond 1e59, which
            // no probability or contribution reaches; fall back to Foundation's formatting there.
            guard count > 0, count < 64 else { return String(format: "%.3f", value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(count)), as: UTF8.self)
        }
    }

    /// Appends a field, quoted when it needs it (what `CSVRenderer.quote` returns).
    mutating func field(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
