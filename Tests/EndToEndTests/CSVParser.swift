/// A strict RFC 4180 reader, written independently of the renderer it checks.
enum CSVParser {
    /// A violation of RFC 4180 at a 1-based record number.
    struct Failure: Error, CustomStringConvertible {
        /// What is wrong and where.
        var description: String
    }

    /// Splits CSV text into records of fields.
    ///
    /// Records end in CRLF (RFC 4180 §2.1; a bare LF is accepted only inside quotes);
    /// a quoted field may hold commas, CR, LF and doubled quotes (§2.6, §2.7); a quote
    /// inside an unquoted field is an error (§2.5).
    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var fieldStarted = false
        func endField() {
            record.append(field)
            field = ""
            fieldStarted = false
        }
        while let c = scalars.popFirst() {
            switch c {
            case "\"" where !fieldStarted && field.isEmpty:
                fieldStarted = true
                var closed = false
                while let q = scalars.popFirst() {
                    if q == "\"" {
                        if scalars.first == "\"" {
                            scalars.removeFirst()
                            field.unicodeScalars.append("\"")
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        field.unicodeScalars.append(q)
                    }
                }
                guard closed else { throw Failure(description: "record \(records.count + 1): unterminated quoted field") }
                guard let next = scalars.first, next == "," || next == "\r" else {
                    if scalars.isEmpty { continue }
                    throw Failure(description: "record \(records.count + 1): text after a closing quote")
                }
            case "\"":
                throw Failure(description: "record \(records.count + 1): quote inside an unquoted field")
            case ",":
                endField()
            case "\r":
                guard scalars.popFirst() == "\n" else { throw Failure(description: "record \(records.count + 1): CR without LF") }
                endField()
                records.append(record)
                record = []
            case "\n":
                throw Failure(description: "record \(records.count + 1): bare LF line ending (RFC 4180 uses CRLF)")
            default:
                fieldStarted = true
                field.unicodeScalars.append(c)
            }
        }
        if fieldStarted || !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
