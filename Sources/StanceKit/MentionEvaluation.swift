import Foundation
import StanceFeatures

/// How well actor mention detection finds the mentions a reader labeled.
///
/// A gold mention counts as found when a detected mention overlaps its span; a detected
/// mention counts as correct when it overlaps a gold span. Overlap rather than exact
/// bounds, because readers disagree on edges (`the EC`, `EC's`, `Kuwait's Oil Minister,
/// Sheikh Ali`) while agreeing on the mention. Pronouns are also scored on whether they
/// went to the labeled actor.
package struct MentionReport: Codable, Equatable, Sendable {
    /// Found / total for one group of mentions.
    package struct Rate: Codable, Equatable, Sendable {
        /// Mentions that matched.
        package var matched: Int
        /// Mentions in the group.
        package var total: Int
        /// `matched / total`, nil for an empty group.
        package var value: Double? { total == 0 ? nil : Double(matched) / Double(total) }
    }

    /// The data scored.
    package var data: String
    /// Gold mentions found, over all of them.
    package var recall: Rate
    /// Detected mentions that are gold mentions.
    package var precision: Rate
    /// Recall over the gold mentions that carry a stance.
    package var recallWithStance: Rate
    /// Gold mentions missed and detections that match no gold mention, as
    /// `document: surface (kind)`, for reading what detection gets wrong.
    package var misses: [String]
    /// Detections that overlap no gold mention.
    package var spurious: [String]
    /// Pronouns sent to another actor than the labeled one.
    package var misresolved: [String]
    /// Recall by the gold mention's kind: name, title, pronoun, collective, and discovered
    /// (a name whose actor the gazetteer does not list).
    package var recallByKind: [String: Rate]
    /// Precision by how the detector found the mention (name, title, pronoun, collective, discovered).
    package var precisionByResolution: [String: Rate]
    /// For detected pronouns on a gold mention, by pronoun: how many went to the labeled actor.
    package var pronounResolution: [String: Rate]
}

/// Scores mention detection against gold mentions.
package enum MentionEvaluator {
    /// Detects the actors of each labeled document afresh and compares them with its gold targets.
    package static func evaluate(_ documents: [Document], extractor: InstanceExtractor, dataName: String) -> MentionReport {
        let known = Set(extractor.gazetteer.actors.map(\.name))
        var report = MentionReport(
            data: dataName, recall: .init(matched: 0, total: 0), precision: .init(matched: 0, total: 0),
            recallWithStance: .init(matched: 0, total: 0), misses: [], spurious: [], misresolved: [],
            recallByKind: [:], precisionByResolution: [:], pronounResolution: [:])
        for document in documents {
            guard let gold = document.targets, !gold.isEmpty else { continue }
            var plain = document
            plain.targets = nil
            let detected = extractor.extract(plain).instances.map { instance in
                (
                    range:
                        (instance.sentenceStart + instance.example.target.lowerBound)..<(instance.sentenceStart
                        + instance.example.target.upperBound),
                    actor: instance.actor, resolution: instance.resolution.rawValue, surface: instance.surface
                )
            }
            let goldSorted = gold.sorted { $0.start < $1.start }
            for g in goldSorted {
                let span = g.start..<g.end
                let found = detected.contains { $0.range.overlaps(span) }
                let hasStance = g.stance != nil && g.stance != TaskLabels.noStance
                var kind = g.kind ?? "name"
                if kind == "name", let actor = g.actor, !known.contains(actor) { kind = "discovered" }
                report.recall.add(found)
                if hasStance { report.recallWithStance.add(found) }
                report.recallByKind[kind, default: .init(matched: 0, total: 0)].add(found)
                if !found { report.misses.append("\(document.id): \(text(document, span)) (\(kind))") }
            }
            for d in detected {
                let overlapping = goldSorted.first { ($0.start..<$0.end).overlaps(d.range) }
                report.precision.add(overlapping != nil)
                if overlapping == nil { report.spurious.append("\(document.id): \(d.surface) (\(d.resolution) \(d.actor))") }
                report.precisionByResolution[d.resolution, default: .init(matched: 0, total: 0)].add(overlapping != nil)
                if d.resolution == MentionResolution.pronoun.rawValue, let g = overlapping {
                    let same = sameActor(d.actor, g.actor ?? "")
                    report.pronounResolution[d.surface.lowercased(), default: .init(matched: 0, total: 0)].add(same)
                    if !same { report.misresolved.append("\(document.id): \(d.surface) -> \(d.actor), labeled \(g.actor ?? "")") }
                }
            }
        }
        return report
    }

    static func text(_ document: Document, _ span: Range<Int>) -> String {
        let scalars = Array(document.text.unicodeScalars)
        guard span.lowerBound >= 0, span.upperBound <= scalars.count else { return "" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[span])
        return String(s)
    }

    /// Whether a detected actor name and a labeled one name the same actor: equal, one
    /// inside the other (`Ali al-Khalifa al-Sabah`, `Sheikh Ali al-Khalifa al-Sabah`), or
    /// the same last word (a surname).
    static func sameActor(_ detected: String, _ gold: String) -> Bool {
        let a = detected.lowercased()
        let b = gold.lowercased()
        if a == b || a.contains(b) || b.contains(a) { return true }
        let lastA = a.split(separator: " ").last
        let lastB = b.split(separator: " ").last
        return lastA != nil && lastA == lastB
    }

    /// The report as a table for the terminal.
    package static func formatted(_ r: MentionReport) -> String {
        func cell(_ rate: MentionReport.Rate) -> String {
            guard let v = rate.value else { return "      -  (0)" }
            return String(format: "%7.3f  (%d/%d)", v, rate.matched, rate.total)
        }
        var out = "== mentions on \(r.data)\n"
        out += "recall     all gold mentions   \(cell(r.recall))\n"
        out += "recall     with a stance       \(cell(r.recallWithStance))\n"
        out += "precision  all detected        \(cell(r.precision))\n"
        out += "recall by gold kind:\n"
        func rows(_ rates: [String: MentionReport.Rate]) -> String {
            rates.sorted { $0.key < $1.key }.map { "  \($0.key.padding(toLength: 12, withPad: " ", startingAt: 0))\(cell($0.value))\n" }
                .joined()
        }
        out += rows(r.recallByKind)
        out += "precision by how the mention was found:\n"
        out += rows(r.precisionByResolution)
        out += "pronouns sent to the labeled actor:\n"
        out += rows(r.pronounResolution)
        return out
    }
}

extension MentionReport.Rate {
    mutating func add(_ matched: Bool) {
        total += 1
        if matched { self.matched += 1 }
    }
}
