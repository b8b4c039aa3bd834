import Foundation

/// Word clusters learned from unlabeled news text: a word (or light stem) → cluster id map
/// read from `word-clusters.tsv` in a lexicon directory, which `stance-clusters` writes.
///
/// The map is carried in `Lexicons.wordClusters`, so every model that uses it
/// (`ActorContextOptions.wordClusters`) holds its own copy, as it does its cue lists.
package enum WordClusters {
    /// The file `Lexicons.load(directory:)` reads the map from when present.
    package static let fileName = "word-clusters.tsv"

    /// The largest cluster id accepted: ids share a feature key's 24-bit word field.
    package static let maximumClusterID = 1 << 20

    /// Reads `word<TAB>cluster` lines; blank lines and lines starting with `#` are skipped.
    /// - Throws: `WordClusterError` naming the file and line of a malformed line.
    package static func load(_ url: URL) throws -> [String: Int] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw WordClusterError(path: url.path, line: nil, problem: "cannot read word clusters (\(error.localizedDescription))")
        }
        var clusters: [String: Int] = [:]
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, !fields[0].contains(" "), let id = Int(fields[1]),
                (0...maximumClusterID).contains(id)
            else {
                throw WordClusterError(
                    path: url.path, line: offset + 1,
                    problem: "expected word<TAB>cluster id (0 to \(maximumClusterID)), got \"\(line.prefix(80))\"")
            }
            clusters[String(fields[0])] = id
        }
        return clusters
    }

    /// The words of a text as the context features key them, in order: lower-cased tokens
    /// without punctuation (numbers are `<num>`), light-stemmed when `stem` is set, compound
    /// wholes dropped where their parts follow. Cluster building counts co-occurrences over
    /// these, so the map's keys are exactly the words the features look up.
    package static func contextWords(of text: String, stem: Bool) -> [String] {
        TokenFilter.kept(Tokenizer().tokenize(text)).compactMap { token in
            guard token.kind != .punctuation else { return nil }
            return stem ? LightStemmer.stem(token.text) : token.text
        }
    }
}

/// A word-cluster file that cannot be used; the message names the file and line.
package struct WordClusterError: Error, CustomStringConvertible, Equatable {
    /// The file.
    package var path: String
    /// The 1-based line, when the problem is on one.
    package var line: Int?
    /// What is wrong and what to do.
    package var problem: String

    /// `path:line: problem`.
    package var description: String { (line.map { "\(path):\($0)" } ?? path) + ": " + problem }
}

extension Lexicons {
    /// The same lexicons with the word-cluster map only when `options` use it, so a model
    /// whose features ignore clusters does not store them.
    package func keepingWordClusters(for options: ActorContextOptions) -> Lexicons {
        if options.enabled && options.wordClusters { return self }
        var copy = self
        copy.wordClusters = [:]
        return copy
    }
}
