import Foundation

/// Reads JSON Lines files line by line and turns decoding failures into
/// one-line messages that name the file, the line and the field.
public enum JSONLines {
    /// The non-blank lines of a file with their 1-based line numbers.
    ///
    /// Invalid UTF-8 is reported rather than silently replaced: a training file
    /// with mangled bytes would otherwise train on garbage.
    public static func lines(of url: URL) throws -> [(number: Int, text: Substring)] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StanceKitError(file: url.path, "cannot read file (\(describeReadError(error)))")
        }
        return try lines(of: data, name: url.path)
    }

    /// The non-blank lines of in-memory JSONL data named `name` in messages.
    public static func lines(of data: Data, name: String) throws -> [(number: Int, text: Substring)] {
        if data.isEmpty { throw StanceKitError(file: name, "file is empty") }
        guard let text = String(validatingUTF8Data: data) else {
            throw StanceKitError(file: name, line: firstInvalidUTF8Line(data), "invalid UTF-8; re-encode the file as UTF-8")
        }
        var result: [(Int, Substring)] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            result.append((i + 1, line))
        }
        if result.isEmpty { throw StanceKitError(file: name, "file has no JSON lines") }
        return result
    }

    /// Decodes one line as `T`, rethrowing failures as `file:line: problem`.
    public static func decode<T: Decodable>(_ type: T.Type, line: Substring, number: Int, file: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(line.utf8))
        } catch let error as DecodingError {
            throw StanceKitError(file: file, line: number, describe(error))
        } catch {
            throw StanceKitError(file: file, line: number, "not valid JSON (\(error.localizedDescription))")
        }
    }

    /// Turns a `DecodingError` into "field 'x': problem" text.
    public static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey], _ last: CodingKey? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            return all.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath, key))'"
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))' has the wrong type (expected \(type))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' is null (expected \(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "cannot decode line"
        }
    }

    private static func firstInvalidUTF8Line(_ data: Data) -> Int {
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
        var bytes = [UInt8](); bytes.reserveCapacity(data.count); bytes.append(contentsOf: data)
        guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
        self = s
    }
}
