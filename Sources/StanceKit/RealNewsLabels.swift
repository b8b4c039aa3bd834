import Foundation
import StanceFeatures

/// Reads this project's labels of real news articles whose text may not be copied into
/// the repository (Reuters-21578 is for research use only): each line names an article
/// file and gives offsets and labels, and the text is read from the shared data folder.
package enum RealNewsLabels {
    /// One labeled mention: code point offsets into the article, end exclusive.
    struct LabeledMention: Decodable {
        var start: Int
        var end: Int
        var actor: String
        var kind: String
        var stance: String?
        var sentiment: String
    }

    struct Line: Decodable {
        var article: String
        var cluster: String?
        var split: String?
        var mentions: [LabeledMention]
    }

    /// The mention kinds the labels use.
    package static let kinds = ["name", "title", "pronoun", "collective"]

    /// The folder holding the article texts for a labels file: `$STANCE_REALNEWS_ARTICLES`,
    /// else `../shared/data/realnews/articles` beside the package the labels file is in
    /// (the labels live in `PACKAGE/TrainingData/realnews/`).
    package static func articlesDirectory(forLabels file: String) -> URL {
        if let override = ProcessInfo.processInfo.environment["STANCE_REALNEWS_ARTICLES"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return sharedData(forLabels: file).appendingPathComponent("realnews/articles")
    }

    /// `../shared/data` beside the package that holds a labels file: the nearest folder
    /// above the file with a `Package.swift` is the package.
    static func sharedData(forLabels file: String) -> URL {
        var folder = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<6 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// Parses one labels line into a document with gold targets, reading its article.
    package static func document(fromJSONLine line: Substring, number: Int, file: String, articles: URL? = nil) throws -> Document {
        let labels = try JSONLines.decode(Line.self, line: line, number: number, file: file)
        let url = (articles ?? articlesDirectory(forLabels: file)).appendingPathComponent(labels.article)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StanceKitError(
                file: file, line: number,
                "article \(labels.article) not found in \(url.deletingLastPathComponent().path); pass --articles DIR or set STANCE_REALNEWS_ARTICLES to the folder of the real news articles"
            )
        }
        let text = TextNormalizer.decode(data)
        let length = ScalarText.count(of: text)
        var targets: [DocumentTarget] = []
        for (i, m) in labels.mentions.enumerated() {
            try checkLabeledMention(
                "mentions[\(i)]", start: m.start, end: m.end, in: length, stance: m.stance, sentiment: m.sentiment, file: file,
                line: number, textName: "article")
            guard kinds.contains(m.kind) else {
                throw StanceKitError(
                    file: file, line: number,
                    "field 'mentions[\(i)].kind': unknown kind \"\(m.kind)\" (expected \(kinds.joined(separator: ", ")))")
            }
            targets.append(
                DocumentTarget(
                    start: m.start, end: m.end, actor: m.actor, stance: m.stance ?? TaskLabels.noStance,
                    sentiment: m.sentiment, kind: m.kind))
        }
        let id = (labels.article as NSString).deletingPathExtension
        return Document(id: id, title: DocumentReader.headline(of: text), setting: labels.cluster, text: text, targets: targets)
    }
}
