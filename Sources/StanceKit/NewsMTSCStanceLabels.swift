import Foundation
import StanceFeatures
import Synchronization

/// Reads this project's stance labels of NewsMTSC targets (`TrainingData/newsmtsc-stance`):
/// each line is `{"primary_gid", "from", "to", "stance"}` and the sentence is joined at
/// run time from NewsMTSC's `train.jsonl` (`$STANCE_NEWSMTSC_TRAIN`, else
/// `../shared/data/newsmtsc/train.jsonl` beside the package), so the repository holds
/// identifiers, offsets and labels only.
package enum NewsMTSCStanceLabels {
    struct Line: Decodable {
        var primary_gid: String
        var from: Int
        var to: Int
        var stance: String?
    }

    struct Sentence: Decodable {
        var primary_gid: String
        var sentence_normalized: String
    }

    /// Sentences by `primary_gid`, per NewsMTSC file read, so a labels file joins with one read.
    private static let cache = Mutex<[String: [String: String]]>([:])

    /// The NewsMTSC training file a labels file joins with.
    package static func sentencesFile(forLabels file: String) -> URL {
        if let override = ProcessInfo.processInfo.environment["STANCE_NEWSMTSC_TRAIN"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return RealNewsLabels.sharedData(forLabels: file).appendingPathComponent("newsmtsc/train.jsonl")
    }

    static func sentences(_ url: URL) throws -> [String: String] {
        if let cached = cache.withLock({ $0[url.path] }) { return cached }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw StanceKitError(file: url.path, "NewsMTSC training file not found; set STANCE_NEWSMTSC_TRAIN to NewsMTSC's train.jsonl")
        }
        var table: [String: String] = [:]
        for line in try JSONLines.lines(of: url) {
            let s = try JSONLines.decode(Sentence.self, line: line.text, number: line.number, file: url.path)
            table[s.primary_gid] = s.sentence_normalized
        }
        cache.withLock { $0[url.path] = table }
        return table
    }

    /// Parses one labels line into a one-sentence document with its labeled target.
    package static func document(fromJSONLine line: Substring, number: Int, file: String) throws -> Document {
        let label = try JSONLines.decode(Line.self, line: line, number: number, file: file)
        let source = sentencesFile(forLabels: file)
        guard let text = try sentences(source)[label.primary_gid] else {
            throw StanceKitError(file: file, line: number, "primary_gid \"\(label.primary_gid)\" is not in \(source.path)")
        }
        let length = ScalarText.count(of: text)
        guard label.from >= 0, label.to > label.from, label.to <= length else {
            throw StanceKitError(
                file: file, line: number, "range \(label.from)..<\(label.to) is outside the sentence (\(length) code points)")
        }
        if let s = label.stance, !TaskLabels.stance.contains(s) {
            throw StanceKitError(
                file: file, line: number, "field 'stance': unknown stance \"\(s)\" (expected open, skeptical, hardline or null)")
        }
        let target = DocumentTarget(start: label.from, end: label.to, stance: label.stance ?? TaskLabels.noStance)
        // Cross-validation groups by setting: one news article's sentences stay in one fold.
        let article = label.primary_gid.split(separator: "_", omittingEmptySubsequences: false).prefix(3).joined(separator: "_")
        return Document(id: label.primary_gid, setting: "newsmtsc:" + article, text: text, targets: [target], isSingleSentence: true)
    }
}
