import Foundation

/// A problem with a gazetteer file or entry list; the message names the file, the line
/// (when read from a file), the entry and what to change.
package enum ActorGazetteerError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The file is not valid JSON or does not have the gazetteer's shape; `path` is a JSON
    /// path such as `actors[3].kind`.
    case malformed(file: String, line: Int?, path: String, reason: String)
    /// `formatVersion` is missing or newer than this program understands.
    case unsupportedVersion(file: String, found: Int?)
    /// An entry breaks a rule (empty name, empty alias).
    case invalidEntry(file: String, line: Int?, index: Int, name: String, reason: String)
    /// Two or more entries share a canonical name; `lines` has one line per index when known.
    case duplicateName(file: String, name: String, indices: [Int], lines: [Int])

    /// The message shown to the user.
    package var description: String {
        func location(_ file: String, _ line: Int?) -> String { line.map { "\(file):\($0)" } ?? file }
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read actor gazetteer: \(reason)"
        case .malformed(let file, let line, let path, let reason):
            let at = path.isEmpty ? "" : " at \(path)"
            return "\(location(file, line)): invalid actor gazetteer\(at): \(reason)"
        case .unsupportedVersion(let file, let found):
            let version = found.map(String.init) ?? "missing"
            return "\(file): formatVersion \(version) is not supported (expected \(ActorGazetteer.formatVersion)); "
                + "write \"formatVersion\": \(ActorGazetteer.formatVersion) or update stance"
        case .invalidEntry(let file, let line, let index, let name, let reason):
            return "\(location(file, line)): actors[\(index)] (\"\(name)\"): \(reason)"
        case .duplicateName(let file, let name, let indices, let lines):
            let list = indices.enumerated().map { position, index in
                position < lines.count ? "actors[\(index)] (line \(lines[position]))" : "actors[\(index)]"
            }.joined(separator: ", ")
            return "\(location(file, lines.last)): actor name \"\(name)\" is used by \(list); "
                + "give each entry a unique name or merge them"
        }
    }

    /// Foundation's description, so `error.localizedDescription` shows the full message.
    package var errorDescription: String? { description }
}

/// The actors an article can mention, compiled for fast longest-match lookup.
///
/// Load the shipped list with `load(from:)`, extend it with a user's file through
/// `merging(_:)`. Matching is done by `MentionDetector`; the gazetteer holds the
/// compiled surface patterns, keyed on their first token.
public struct ActorGazetteer: Sendable {
    /// The file format this build reads and writes.
    package static let formatVersion = 1

    /// The entries, in file order; earlier entries win ties between equally good matches.
    package let actors: [Actor]
    /// Surface patterns compiled from every alias, title and metonym.
    let patterns: ActorPatternIndex

    /// Creates a gazetteer, checking that names are unique and non-empty.
    /// - Throws: `ActorGazetteerError.duplicateName` or `.invalidEntry` (file `<memory>`).
    package init(actors: [Actor]) throws {
        try self.init(actors: actors, file: "<memory>")
    }

    /// True when `text` is empty or only `CharacterSet.whitespaces` (the rule for names and aliases).
    ///
    /// Foundation's trimming took a quarter of loading the gazetteer; an ASCII byte other
    /// than space or tab is a character outside that set, so it decides nearly every entry
    /// at once, and only text of spaces, tabs and non-ASCII characters is trimmed as before.
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x80 && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { return false }
        return text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    private init(actors: [Actor], file: String) throws {
        var indicesByName: [String: [Int]] = [:]
        for (index, actor) in actors.enumerated() {
            if ActorGazetteer.isBlank(actor.name) {
                throw ActorGazetteerError.invalidEntry(
                    file: file, line: nil, index: index, name: actor.name, reason: "the name is empty; give the canonical name to report")
            }
            for surface in actor.aliases + actor.titles + actor.metonyms where ActorGazetteer.isBlank(surface) {
                throw ActorGazetteerError.invalidEntry(
                    file: file, line: nil, index: index, name: actor.name, reason: "contains an empty alias, title or metonym; remove it")
            }
            indicesByName[actor.name, default: []].append(index)
        }
        if let duplicate = indicesByName.filter({ $0.value.count > 1 }).min(by: { $0.value[0] < $1.value[0] }) {
            throw ActorGazetteerError.duplicateName(file: file, name: duplicate.key, indices: duplicate.value, lines: [])
        }
        self.actors = actors
        self.patterns = ActorPatternIndex(actors: actors)
    }

    /// Reads a gazetteer JSON file (`{"formatVersion": 1, "actors": [...]}`).
    /// - Throws: `ActorGazetteerError` naming the file and the bad entry's JSON path.
    public static func load(from url: URL) throws -> ActorGazetteer {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ActorGazetteerError.unreadable(file: file, reason: (error as NSError).localizedDescription)
        }
        let version: Int?
        do {
            version = try JSONDecoder().decode(VersionHeader.self, from: data).formatVersion
        } catch {
            throw malformed(file: file, error, data: data)
        }
        guard version == formatVersion else { throw ActorGazetteerError.unsupportedVersion(file: file, found: version) }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw malformed(file: file, error, data: data)
        }
        do {
            return try ActorGazetteer(actors: document.actors, file: file)
        } catch let error as ActorGazetteerError {
            // Entry checks know indices; the file knows where each entry starts.
            let lines = JSONLocator.actorLines(data)
            func line(_ index: Int) -> Int? { index < lines.count ? lines[index] : nil }
            switch error {
            case .invalidEntry(let file, _, let index, let name, let reason):
                throw ActorGazetteerError.invalidEntry(file: file, line: line(index), index: index, name: name, reason: reason)
            case .duplicateName(let file, let name, let indices, _):
                let found = indices.compactMap(line)
                throw ActorGazetteerError.duplicateName(
                    file: file, name: name, indices: indices, lines: found.count == indices.count ? found : [])
            default:
                throw error
            }
        }
    }

    /// This gazetteer with `other`'s entries added; an entry of `other` whose name is
    /// already present replaces it in place, so a user file can correct a shipped entry.
    package func merging(_ other: ActorGazetteer) -> ActorGazetteer {
        var merged = actors
        var positions: [String: Int] = [:]
        for (index, actor) in merged.enumerated() { positions[actor.name] = index }
        for actor in other.actors {
            if let index = positions[actor.name] {
                merged[index] = actor
            } else {
                positions[actor.name] = merged.count
                merged.append(actor)
            }
        }
        return ActorGazetteer(validated: merged)
    }

    /// Serialises the gazetteer in the file format, keys sorted so changes diff cleanly.
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Document(formatVersion: Self.formatVersion, actors: actors))
    }

    /// Builds from entries whose names are known to be unique (both inputs were checked).
    private init(validated actors: [Actor]) {
        self.actors = actors
        self.patterns = ActorPatternIndex(actors: actors)
    }

    private struct VersionHeader: Decodable {
        var formatVersion: Int?
    }

    private struct Document: Codable {
        var formatVersion: Int
        var actors: [Actor]
    }

    /// Converts a decoding failure into a message with a line and a JSON path such as
    /// `actors[3].kind`.
    private static func malformed(file: String, _ error: any Error, data: Data) -> ActorGazetteerError {
        guard let decodingError = error as? DecodingError else {
            return .malformed(file: file, line: nil, path: "", reason: (error as NSError).localizedDescription)
        }
        /// The line of the innermost `actors[i]` in the path, if any.
        func line(_ codingPath: [any CodingKey]) -> Int? {
            guard codingPath.count >= 2, codingPath[0].stringValue == "actors", let index = codingPath[1].intValue else {
                return nil
            }
            let lines = JSONLocator.actorLines(data)
            return index < lines.count ? lines[index] : nil
        }
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            return .malformed(
                file: file, line: line(context.codingPath), path: path(context.codingPath),
                reason: "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return .malformed(
                file: file, line: line(context.codingPath), path: path(context.codingPath), reason: "missing \(type) value")
        case .keyNotFound(let key, let context):
            return .malformed(
                file: file, line: line(context.codingPath), path: path(context.codingPath),
                reason: "missing required key \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            var reason = context.debugDescription
            if context.codingPath.last?.stringValue == "kind" {
                reason += " (expected one of: \(ActorKind.allCases.map(\.rawValue).joined(separator: ", ")))"
            } else if context.codingPath.last?.stringValue == "gender" {
                reason += " (expected male or female)"
            }
            if let underlying = context.underlyingError {
                reason += ": \((underlying as NSError).localizedDescription)"
            }
            if context.codingPath.isEmpty, let (syntaxLine, syntaxReason) = JSONLocator.syntaxError(data) {
                return .malformed(file: file, line: syntaxLine, path: "", reason: syntaxReason + "; fix the JSON syntax there")
            }
            return .malformed(file: file, line: line(context.codingPath), path: path(context.codingPath), reason: reason)
        @unknown default:
            return .malformed(file: file, line: nil, path: "", reason: String(describing: decodingError))
        }
    }
}

/// Finds lines in gazetteer JSON, which `JSONDecoder` does not report.
enum JSONLocator {
    /// The 1-based line on which each element of the top-level `actors` array starts.
    static func actorLines(_ data: Data) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var lastKey = ""
        var currentString: [UInt8] = []
        var actorsDepth: Int? = nil
        for byte in data {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    lastKey = String(decoding: currentString, as: UTF8.self)
                } else {
                    currentString.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                currentString.removeAll(keepingCapacity: true)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if let arrayDepth = actorsDepth, depth == arrayDepth { lines.append(line) }
                depth += 1
                // The array value of the top-level "actors" key opens at depth 2.
                if byte == UInt8(ascii: "["), depth == 2, lastKey == "actors", actorsDepth == nil { actorsDepth = depth }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let arrayDepth = actorsDepth, depth == arrayDepth, byte == UInt8(ascii: "]") { return lines }
                depth -= 1
            default:
                break
            }
        }
        return lines
    }

    /// The line and description of a JSON syntax error, from Foundation's character offset.
    static func syntaxError(_ data: Data) -> (line: Int, reason: String)? {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return nil
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "invalid JSON"
            // "Invalid value around character 65." (also "around line 2, column 3" on Darwin).
            let digits = detail.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if detail.contains("line"), let line = digits.first { return (line, detail) }
            guard let offset = digits.last else { return nil }
            let line = 1 + data.prefix(offset).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            return (line, detail)
        }
    }
}
