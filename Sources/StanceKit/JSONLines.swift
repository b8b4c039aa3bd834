import Foundation
import StanceFeatures

/// Reads JSON Lines files line by line and turns decoding failures into
/// one-line messages that name the file, the line and the field.
package enum JSONLines {
    /// The non-blank lines of a file with their 1-based line numbers.
    ///
    /// Invalid UTF-8 is reported rather than silently replaced: a training file
    /// with mangled bytes would otherwise train on garbage.
    package static func lines(of url: URL) throws -> [(number: Int, text: Substring)] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StanceKitError(file: url.path, "cannot read file (\(describeReadError(error)))")
        }
        return try lines(of: data, name: url.path)
    }

    /// The non-blank lines of in-memory JSONL data named `name` in messages.
    ///
    /// Lines end at `\n` with an optional `\r` before it (CRLF); a UTF-8 byte-order mark is
    /// dropped and UTF-16 with a byte-order mark is decoded.
    package static func lines(of data: Data, name: String) throws -> [(number: Int, text: Substring)] {
        if data.isEmpty { throw StanceKitError(file: name, "file is empty") }
        let text: String
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            text = TextNormalizer.decode(data)
        } else {
            let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
            guard let decoded = String(validatingUTF8Data: body) else {
                throw StanceKitError(file: name, line: firstInvalidUTF8Line(body), "invalid UTF-8; re-encode the file as UTF-8")
            }
            text = decoded
        }
        var result: [(Int, Substring)] = []
        // Split on the scalar "\n", not the Character: "\r\n" is one Character in Swift.
        var number = 0
        var lineStart = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var index = lineStart
        func emit(_ end: String.Index) {
            number += 1
            var line = Substring(scalars[lineStart..<end])
            if line.unicodeScalars.last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
            if !line.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { result.append((number, line)) }
        }
        while index < scalars.endIndex {
            if scalars[index] == "\n" {
                emit(index)
                lineStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        if lineStart < scalars.endIndex { emit(scalars.endIndex) }
        if result.isEmpty { throw StanceKitError(file: name, "file has no JSON lines") }
        return result
    }

    /// Decodes one line as `T`, rethrowing failures as `file:line: problem`.
    package static func decode<T: Decodable>(_ type: T.Type, line: Substring, number: Int, file: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(line.utf8))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw StanceKitError(file: file, line: number, explainUnreadable(line))
            }
            throw StanceKitError(file: file, line: number, describe(error))
        } catch {
            throw StanceKitError(file: file, line: number, "not valid JSON (\(error.localizedDescription))")
        }
    }

    /// Turns a `DecodingError` into "field 'x': problem" text.
    package static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey], _ last: CodingKey? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            return all.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath, key))'"
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return (field.isEmpty ? "the line" : "field '\(field)'") + " has the wrong type (expected \(typeName(type)))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' is null (expected \(typeName(type)))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON (\(syntaxProblem(context)))" }
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "cannot decode line"
        }
    }

    /// A JSON reader's name for a Swift type: "an integer", "a string", "a JSON object".
    static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Int") || name.hasPrefix("UInt") { return "an integer" }
        if name == "Double" || name == "Float" { return "a number" }
        if name == "String" { return "a string" }
        if name == "Bool" { return "true or false" }
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "a JSON object" }
        return name
    }

    /// Reads and decodes a whole JSON file; the two closures phrase the reason (the system's for
    /// a read failure, the decoder's for bad content) into a message that names the fix.
    static func decodeFile<T: Decodable>(
        _ type: T.Type, at url: URL, unreadable: (String) -> String,
        invalid: (String) -> String
    ) throws -> T {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw StanceKitError(file: url.path, unreadable(describeReadError(error))) }
        do { return try JSONDecoder().decode(type, from: data) } catch let error as DecodingError {
            throw StanceKitError(file: url.path, invalid(describe(error)))
        }
    }

    /// Why a line that `JSONDecoder` refused as a whole is unreadable: the syntax error with
    /// its column, or the first number that is not an integer (or too large for one), by field.
    static func explainUnreadable(_ line: Substring) -> String {
        // JSONSerialization's syntax errors carry the character position; JSONDecoder's do not.
        do { _ = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "syntax error"
            return "not valid JSON (\(detail.replacingOccurrences(of: "\n", with: " ").prefix(200)))"
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else { return "not valid JSON" }
        guard case .object = value else { return "expected a JSON object ({...}) per line" }
        return value.firstNonInteger(path: "") ?? "a field holds a value of the wrong type"
    }

    /// The parser's own reason for a syntax error ("Unexpected character 'x' around line 1, column 5"), one line.
    static func syntaxProblem(_ context: DecodingError.Context) -> String {
        var reason = context.debugDescription
        if let underlying = context.underlyingError as NSError?,
            let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String, !detail.isEmpty
        {
            reason = detail
        }
        reason = reason.replacingOccurrences(of: "\n", with: " ")
        return reason.count > 200 ? String(reason.prefix(200)) + "…" : reason
    }

    private static func firstInvalidUTF8Line(_ data: Data.SubSequence) -> Int {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            if String(validatingUTF8Data: data[start..<end]) == nil { return line }
            line += 1
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return line
    }
}

/// A short, stable reason for a failed file read.
func describeReadError(_ error: Error) -> String {
    let ns = error as NSError
    if ns.domain == NSCocoaErrorDomain {
        switch ns.code {
        case NSFileReadNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError: return "permission denied"
        default: break
        }
    }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        if underlying.code == Int(EISDIR) { return "is a directory" }
        return String(cString: strerror(Int32(underlying.code)))
    }
    return ns.localizedDescription
}

extension String {
    /// Decodes `data` as UTF-8, or nil when it holds an invalid sequence.
    init?<D: DataProtocol>(validatingUTF8Data data: D) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(data.count)
        bytes.append(contentsOf: data)
        guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
        self = s
    }
}

/// Any JSON value, read only to explain why a line does not fit the expected shape.
enum JSONValue: Decodable {
    case object([String: JSONValue]), array([JSONValue]), number(Double), other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let object = try? container.decode([String: JSONValue].self) {
            self = .object(object)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else if (try? container.decode(Bool.self)) == nil, let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .other
        }
    }

    /// The first number (by sorted key path) that is not an integer in Int64 range, described.
    func firstNonInteger(path: String) -> String? {
        switch self {
        case .object(let fields):
            for key in fields.keys.sorted() {
                if let found = fields[key]?.firstNonInteger(path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = element.firstNonInteger(path: "\(path)[\(index)]") { return found }
            }
        case .number(let value):
            if value.rounded() != value || abs(value) >= 9.2e18 {
                let shown = value.rounded() == value && abs(value) < 1e21 ? String(format: "%.0f", value) : "\(value)"
                return "field '\(path)': \(shown) is not an integer in range (offsets and counts are whole numbers)"
            }
        case .other:
            break
        }
        return nil
    }
}
