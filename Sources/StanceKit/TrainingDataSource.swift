import Foundation
import StanceFeatures
import StanceLearning

/// One labeled training file and the format it is in, written `FORMAT:PATH` on the command
/// line (`newsmtsc:TrainingData/newsmtsc/train.jsonl`); a bare `PATH` is detected per line.
///
/// Several sources of different formats join into one corpus, so adding a labeled set to
/// a model's training is one more `--data` flag (or one more line of
/// `Models/training/*-data.txt`).
package struct TrainingDataSource: Sendable, Equatable {
    /// The label formats a source may be in.
    package enum Format: String, Sendable, CaseIterable {
        /// TrainingData or NewsMTSC JSONL, told apart per line (`mentions` vs `targets`).
        case detect
        /// This project's corpus: articles with `mentions` (TrainingData/*.jsonl).
        case trainingdata
        /// NewsMTSC: sentences with `targets` and `polarity`.
        case newsmtsc
        /// This project's real-news labels (`Scripts/realnews_labels.py compile`): article
        /// file names with mention offsets and labels; the texts are read from an articles directory.
        case realnews
    }

    /// The format of the file.
    package var format: Format
    /// The file.
    package var url: URL

    /// Creates a source.
    package init(format: Format, url: URL) {
        self.format = format
        self.url = url
    }

    /// Parses `FORMAT:PATH` or a bare `PATH` (format `detect`).
    /// - Throws: `StanceKitError` naming the unknown format and the known ones.
    package init(argument: String) throws {
        if let colon = argument.firstIndex(of: ":") {
            let prefix = String(argument[..<colon])
            let path = String(argument[argument.index(after: colon)...])
            // A Windows-style or URL-like path is not a format prefix; only known names are.
            if let format = Format(rawValue: prefix.lowercased()) {
                guard !path.isEmpty else { throw StanceKitError("--data \(argument): no path after \"\(prefix):\"") }
                self.init(format: format, url: URL(fileURLWithPath: path))
                return
            }
            if prefix.allSatisfy({ $0.isLetter }) && prefix.count > 1 && !FileManager.default.fileExists(atPath: argument) {
                throw StanceKitError(
                    "--data \(argument): unknown format \"\(prefix)\" (expected "
                        + Format.allCases.map(\.rawValue).joined(separator: ", ") + ", or a bare path)")
            }
        }
        self.init(format: .detect, url: URL(fileURLWithPath: argument))
    }

    /// The sources listed in a data-list file (`Models/training/sentiment-data.txt`): one
    /// `FORMAT:PATH` per line, `#` comments and blank lines skipped, paths relative to `root`.
    /// - Throws: `StanceKitError` naming the file and line of an unknown format.
    package static func list(contentsOf url: URL, relativeTo root: URL) throws -> [TrainingDataSource] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw StanceKitError(file: url.path, "cannot read data list (\(describeReadError(error)))")
        }
        var sources: [TrainingDataSource] = []
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                var source = try TrainingDataSource(argument: line)
                let path = source.format == .detect ? line : String(line.split(separator: ":", maxSplits: 1).last ?? "")
                source.url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
                sources.append(source)
            } catch let error as StanceKitError {
                throw StanceKitError(file: url.path, line: offset + 1, error.description)
            }
        }
        return sources
    }

}

/// Reads `realnews` sources (`TrainingData/realnews`) through `RealNewsLabels`, feeding
/// each article's bytes to the digest after the label file's, so the model's data digest
/// changes when an article does.
package enum RealNewsLabelReader {
    /// The documents of a label file, each article's text read from `articles` (nil: the
    /// default place, see `RealNewsLabels.articlesDirectory`).
    /// - Throws: `StanceKitError` naming the label file and line of a missing article,
    ///   an offset outside the text, or an unknown label.
    package static func documents(from data: Data, file: String, articles: URL?, hasher: inout SHA256) throws -> [Document] {
        var documents: [Document] = []
        for line in try JSONLines.lines(of: data, name: file) {
            let document = try RealNewsLabels.document(fromJSONLine: line.text, number: line.number, file: file, articles: articles)
            hasher.update(Data(document.text.utf8))
            documents.append(document)
        }
        return documents
    }
}
