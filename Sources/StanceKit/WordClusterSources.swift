import Foundation
import StanceFeatures

/// Reads the unlabeled text that word clusters are learned from, as text units (sentences
/// or paragraphs: co-occurrence windows do not cross them).
///
/// Sources are `FORMAT:PATH`, as `stance-train --data`:
/// - `newsmtsc`: NewsMTSC JSONL, one `sentence_normalized` per line;
/// - `trainingdata`: this project's corpus JSONL, each article's `text` by paragraph;
/// - `realnews`: a real-news labels file, each named article read from the shared folder
///   (`RealNewsLabels.articlesDirectory`) by paragraph; the text is only read, never written;
/// - `snippets`: tab-separated lines whose last field is a sentence (VADER's NYT snippets);
/// - `text`: a plain text file by paragraph.
package enum WordClusterSources {
    /// The formats a source may name.
    package static let formats = ["newsmtsc", "trainingdata", "realnews", "snippets", "text"]

    /// Text units of every source, in order. NewsMTSC sentences of the articles named in the
    /// `excluding` files (NewsMTSC-keyed labels such as `TrainingData/newsmtsc-stance/dev.jsonl`)
    /// are skipped, so no held-out article shapes the clusters.
    /// - Throws: `StanceKitError` naming the file (and line) that cannot be read.
    package static func units(of sources: [String], excluding: [String] = []) throws -> [String] {
        var excludedArticles = Set<String>()
        for file in excluding {
            for (number, line) in try JSONLines.lines(of: URL(fileURLWithPath: file)) {
                let keyed = try JSONLines.decode(Keyed.self, line: line, number: number, file: file)
                excludedArticles.insert(article(of: keyed.primary_gid))
            }
        }
        var units: [String] = []
        for source in sources {
            let (format, path) = split(source)
            switch format {
            case "newsmtsc":
                for (number, line) in try JSONLines.lines(of: URL(fileURLWithPath: path)) {
                    let sentence = try JSONLines.decode(NewsSentence.self, line: line, number: number, file: path)
                    if excludedArticles.contains(article(of: sentence.primary_gid ?? "")) { continue }
                    units.append(sentence.sentence_normalized ?? sentence.text ?? "")
                }
            case "trainingdata":
                for (number, line) in try JSONLines.lines(of: URL(fileURLWithPath: path)) {
                    units += paragraphs(try JSONLines.decode(Article.self, line: line, number: number, file: path).text)
                }
            case "realnews":
                let folder = RealNewsLabels.articlesDirectory(forLabels: path)
                for (number, line) in try JSONLines.lines(of: URL(fileURLWithPath: path)) {
                    let name = try JSONLines.decode(Labels.self, line: line, number: number, file: path).article
                    units += paragraphs(try read(folder.appendingPathComponent(name).path))
                }
            case "snippets":
                for line in try read(path).split(whereSeparator: \.isNewline) {
                    units.append(String(line.split(separator: "\t", omittingEmptySubsequences: false).last ?? ""))
                }
            case "text":
                units += paragraphs(try read(path))
            default:
                throw StanceKitError(
                    "word-cluster source \"\(source)\": unknown format \"\(format)\" (expected FORMAT:FILE with FORMAT one of "
                        + formats.joined(separator: ", ") + ")")
            }
        }
        return units.filter { !$0.isEmpty }
    }

    /// The format and path of `FORMAT:PATH` (a FORMAT is lower-case letters, so a misspelt one
    /// is reported rather than read as part of the path); a bare path is plain text.
    static func split(_ source: String) -> (format: String, path: String) {
        if let colon = source.firstIndex(of: ":"), colon > source.startIndex,
            source[..<colon].unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
        {
            return (String(source[..<colon]), String(source[source.index(after: colon)...]))
        }
        return ("text", source)
    }

    /// A NewsMTSC article: the first three `_` fields of a `primary_gid`, as the stance split uses.
    static func article(of gid: String) -> String {
        gid.split(separator: "_", omittingEmptySubsequences: false).prefix(3).joined(separator: "_")
    }

    /// Non-empty lines of a text (articles put one paragraph on a line).
    static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    static func read(_ path: String) throws -> String {
        do { return TextNormalizer.decode(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw StanceKitError(file: path, "cannot read: \(error.localizedDescription)")
        }
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Keyed: Decodable { var primary_gid: String }
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct NewsSentence: Decodable { var primary_gid: String?, sentence_normalized: String?, text: String? }
    struct Article: Decodable { var text: String }
    struct Labels: Decodable { var article: String }
}
