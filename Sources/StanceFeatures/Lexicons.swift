import Foundation

/// Cue-phrase lists for stance (open, skeptical, hardline) and valence (positive,
/// negative), written for this project and kept as data files in `Models/lexicons/`.
///
/// Phrases are lower-case and may span several words ("ruled out", "is open to");
/// matching is by light stem (see `LightStemmer`), so "rules out" and "ruling out" hit
/// the entry "ruled out".
public struct Lexicons: Codable, Equatable, Sendable {
    /// Phrases of an actor seeking or accepting engagement: "is open to", "agreed to".
    package var open: [String]
    /// Phrases of doubt and hedging: "played down", "remains to be seen".
    package var skeptical: [String]
    /// Phrases of refusal and escalation: "ruled out", "vowed to fight on".
    package var hardline: [String]
    /// Phrases portraying an actor favourably: "praised", "hailed".
    package var positive: [String]
    /// Phrases portraying an actor unfavourably: "condemned", "accused".
    package var negative: [String]
    /// Word valences from a rated lexicon (VADER's `vader_lexicon.txt`: mean human rating
    /// from -4 to +4), keyed by lower-case word; empty unless a model's features use them
    /// (`ActorContextOptions.valence`). Read from `vader_lexicon.txt` when the directory has it.
    package var valence: [String: Double] = [:]
    /// Word (or light stem) → cluster id, learned from unlabeled news (`WordClusters`); empty
    /// unless a model's features use it (`ActorContextOptions.wordClusters`).
    package var wordClusters: [String: Int] = [:]

    /// The file of word valences `load(directory:)` reads when present (VADER 3.3.2, MIT).
    package static let valenceFileName = "vader_lexicon.txt"

    /// One lexicon of the five, in the order used for files and features.
    package enum Category: String, CaseIterable, Codable, Sendable {
        case open, skeptical, hardline, positive, negative

        /// The category a negated hit counts as: "did not rule out" is an open cue.
        package var negated: Category {
            switch self {
            case .open: .hardline
            case .skeptical: .open
            case .hardline: .open
            case .positive: .negative
            case .negative: .positive
            }
        }
    }

    /// Creates lexicons from phrase lists.
    package init(
        open: [String] = [], skeptical: [String] = [], hardline: [String] = [], positive: [String] = [],
        negative: [String] = []
    ) {
        (self.open, self.skeptical, self.hardline, self.positive) = (open, skeptical, hardline, positive)
        self.negative = negative
    }

    /// Lexicons with no phrase, for configurations that turn lexicon features off.
    package static let empty = Lexicons()

    /// The same lexicons without word valences (what a model whose features ignore them stores).
    package var withoutValence: Lexicons {
        var copy = self
        copy.valence = [:]
        return copy
    }

    private enum CodingKeys: String, CodingKey { case open, skeptical, hardline, positive, negative, valence, wordClusters }

    /// Decodes lexicons; `valence` and `wordClusters` are optional (older models lack them).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        for category in Category.allCases {
            self[category] = try c.decode([String].self, forKey: CodingKeys(rawValue: category.rawValue) ?? .open)
        }
        // A model's valence table (7,000 words) is cut out by the model reader when it can be:
        // decoding it entry by entry was a fifth of loading the sentiment model.
        if let table = c.bulkValues(forKey: .valence, decoder: decoder) {
            guard let table = table as? [String: Double] else {
                throw DecodingError.typeMismatch(
                    [String: Double].self, .init(codingPath: c.codingPath + [CodingKeys.valence], debugDescription: "expected numbers"))
            }
            valence = table
        } else {
            valence = try c.decodeIfPresent([String: Double].self, forKey: .valence) ?? [:]
        }
        wordClusters = try c.decodeIfPresent([String: Int].self, forKey: .wordClusters) ?? [:]
    }

    /// Encodes lexicons; an empty `valence` is left out, so models without it keep their bytes.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        for category in Category.allCases {
            try c.encode(self[category], forKey: CodingKeys(rawValue: category.rawValue) ?? .open)
        }
        if !valence.isEmpty { try c.encode(valence, forKey: .valence) }
        if !wordClusters.isEmpty { try c.encode(wordClusters, forKey: .wordClusters) }
    }

    /// Reads a VADER-format valence file: `word<TAB>mean<TAB>sd<TAB>[ratings]` per line.
    ///
    /// Only single lower-case words (letters, apostrophes, hyphens) are kept: emoticons and
    /// the few multi-word entries do not survive tokenization as one token.
    /// - Throws: `LexiconError.badValence` naming the line whose second field is not a number.
    package static func loadValence(_ url: URL) throws -> [String: Double] {
        let path = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw LexiconError.unreadable(path: path, reason: error.localizedDescription)
        }
        var valence: [String: Double] = [:]
        // The upstream file has CRLF line ends; "\r\n" is one Character, so split on any newline.
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].isEmpty else { continue }
            let word = String(fields[0])
            guard word.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "'" || $0 == "-" }),
                word.unicodeScalars.first.map({ ("a"..."z").contains($0) }) == true
            else { continue }
            guard let value = Double(fields[1].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw LexiconError.badValence(path: path, line: offset + 1, field: String(fields[1]))
            }
            valence[word] = value
        }
        return valence
    }

    /// The phrases of one category.
    package subscript(category: Category) -> [String] {
        get {
            switch category {
            case .open: open
            case .skeptical: skeptical
            case .hardline: hardline
            case .positive: positive
            case .negative: negative
            }
        }
        set {
            switch category {
            case .open: open = newValue
            case .skeptical: skeptical = newValue
            case .hardline: hardline = newValue
            case .positive: positive = newValue
            case .negative: negative = newValue
            }
        }
    }

    /// Reads `open.txt`, `skeptical.txt`, `hardline.txt`, `positive.txt` and `negative.txt`
    /// from `directory`: one lower-case phrase per line, `#` starts a comment.
    /// - Throws: `LexiconError` naming the file and line of a missing file, an upper-case
    ///   or empty phrase, or a phrase that matches the same words as an earlier one.
    public static func load(directory: URL) throws -> Lexicons {
        var lexicons = Lexicons()
        var seen: [[String]: (file: String, line: Int, phrase: String)] = [:]
        let tokenizer = Tokenizer()
        for category in Category.allCases {
            let url = directory.appendingPathComponent("\(category.rawValue).txt")
            let path = url.path
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw LexiconError.unreadable(path: path, reason: error.localizedDescription)
            }
            var phrases: [String] = []
            // `isNewline` splits CRLF too ("\r\n" is one Character); a byte-order mark is dropped.
            let body = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
            for (offset, rawLine) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let line = offset + 1
                let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let phrase = content.trimmingCharacters(in: .whitespaces)
                if phrase.isEmpty { continue }
                if phrase != phrase.lowercased() {
                    throw LexiconError.notLowercase(path: path, line: line, phrase: phrase)
                }
                let key = LexiconMatcher.stems(of: phrase, tokenizer: tokenizer)
                if key.isEmpty {
                    throw LexiconError.noWords(path: path, line: line, phrase: phrase)
                }
                if let earlier = seen[key] {
                    throw LexiconError.duplicate(
                        path: path, line: line, phrase: phrase, earlierPath: earlier.file,
                        earlierLine: earlier.line, earlierPhrase: earlier.phrase)
                }
                seen[key] = (path, line, phrase)
                phrases.append(phrase)
            }
            lexicons[category] = phrases
        }
        let valenceURL = directory.appendingPathComponent(valenceFileName)
        if FileManager.default.fileExists(atPath: valenceURL.path) {
            lexicons.valence = try loadValence(valenceURL)
        }
        let clustersURL = directory.appendingPathComponent(WordClusters.fileName)
        if FileManager.default.fileExists(atPath: clustersURL.path) { lexicons.wordClusters = try WordClusters.load(clustersURL) }
        return lexicons
    }
}

/// Why a lexicon directory could not be loaded; each message names the file and line.
package enum LexiconError: Error, Equatable, CustomStringConvertible {
    /// The file is missing or not UTF-8.
    case unreadable(path: String, reason: String)
    /// A phrase has upper-case letters; matching is on lower-cased tokens.
    case notLowercase(path: String, line: Int, phrase: String)
    /// A phrase has no word once tokenized (only punctuation).
    case noWords(path: String, line: Int, phrase: String)
    /// A phrase matches exactly the same stems as an earlier one (same or other file).
    case duplicate(
        path: String, line: Int, phrase: String, earlierPath: String, earlierLine: Int,
        earlierPhrase: String)
    /// A valence file line whose second field is not a number.
    case badValence(path: String, line: Int, field: String)

    /// A message naming the file, the line and the fix.
    package var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read lexicon (\(reason)); every lexicon directory needs open.txt, "
                + "skeptical.txt, hardline.txt, positive.txt and negative.txt"
        case .notLowercase(let path, let line, let phrase):
            return "\(path):\(line): phrase \"\(phrase)\" has upper-case letters; write it in lower case"
        case .noWords(let path, let line, let phrase):
            return "\(path):\(line): phrase \"\(phrase)\" has no words; remove the line or add words"
        case .duplicate(let path, let line, let phrase, let earlierPath, let earlierLine, let earlierPhrase):
            return "\(path):\(line): phrase \"\(phrase)\" matches the same words as \"\(earlierPhrase)\" at "
                + "\(earlierPath):\(earlierLine); keep only one of them"
        case .badValence(let path, let line, let field):
            return "\(path):\(line): valence \"\(field)\" is not a number; expected word<TAB>mean rating<TAB>…"
        }
    }
}

extension LexiconError: LocalizedError {
    /// The same text as `description`, for `localizedDescription`.
    package var errorDescription: String? { description }
}
