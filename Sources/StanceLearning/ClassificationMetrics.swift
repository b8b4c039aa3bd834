import Foundation

/// Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix of a prediction run.
///
/// Undefined values are reported, not hidden: a class that is never predicted has
/// precision `nil` (`"undefined"` in JSON), a class with no true examples has recall `nil`.
/// Its F1 then counts as 0 in the macro average, as scikit-learn does with
/// `zero_division=0`. The macro average runs over the classes that occur in the truth or in
/// the predictions (scikit-learn's default label set); classes absent from both are skipped.
public struct ClassificationMetrics: Codable, Equatable, Sendable {
    /// Scores of one class.
    package struct ClassMetrics: Codable, Equatable, Sendable {
        /// Class name.
        package let label: String
        /// `tp / (tp + fp)`; nil when the class was never predicted.
        package let precision: Double?
        /// `tp / (tp + fn)`; nil when the class has no true examples.
        package let recall: Double?
        /// Harmonic mean of precision and recall; 0 when either is undefined or both are 0.
        package let f1: Double
        /// Number of true examples of the class.
        package let support: Int
        /// Number of rows predicted as the class.
        package let predictedCount: Int

        private enum CodingKeys: String, CodingKey { case label, precision, recall, f1, support, predictedCount }

        /// Creates the scores of one class.
        package init(label: String, precision: Double?, recall: Double?, f1: Double, support: Int, predictedCount: Int) {
            (self.label, self.precision, self.recall) = (label, precision, recall)
            (self.f1, self.support, self.predictedCount) = (f1, support, predictedCount)
        }

        /// Decodes, reading `"undefined"` as nil.
        package init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            label = try container.decode(String.self, forKey: .label)
            precision = try Self.decodeOptional(container, .precision)
            recall = try Self.decodeOptional(container, .recall)
            f1 = try container.decode(Double.self, forKey: .f1)
            support = try container.decode(Int.self, forKey: .support)
            predictedCount = try container.decode(Int.self, forKey: .predictedCount)
        }

        /// Encodes, writing nil as `"undefined"` so readers see it was not a silent 0.
        package func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try Self.encodeOptional(precision, &container, .precision)
            try Self.encodeOptional(recall, &container, .recall)
            try container.encode(f1, forKey: .f1)
            try container.encode(support, forKey: .support)
            try container.encode(predictedCount, forKey: .predictedCount)
        }

        private static func decodeOptional(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Double? {
            if let text = try? container.decode(String.self, forKey: key) {
                guard text == "undefined" else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key, in: container, debugDescription: "expected a number or \"undefined\"")
                }
                return nil
            }
            return try container.decode(Double.self, forKey: key)
        }

        private static func encodeOptional(_ value: Double?, _ container: inout KeyedEncodingContainer<CodingKeys>, _ key: CodingKeys)
            throws
        {
            if let value { try container.encode(value, forKey: key) } else { try container.encode("undefined", forKey: key) }
        }
    }

    /// Class names, in class-index order.
    package let labels: [String]
    /// Fraction of rows predicted correctly (0 for an empty run).
    public let accuracy: Double
    /// Scores of each class, in class-index order.
    package let perClass: [ClassMetrics]
    /// Unweighted mean F1 over classes present in truth or predictions; undefined F1 counts as 0.
    public let macroF1: Double
    /// `confusion[truth][predicted]` row counts.
    package let confusion: [[Int]]

    /// Computes the metrics of `predicted` against `truth` (both class indices into `labels`).
    public init(truth: [Int], predicted: [Int], labels: [String]) {
        precondition(truth.count == predicted.count, "truth and predicted must have the same length")
        let K = labels.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: K), count: K)
        for (t, p) in zip(truth, predicted) {
            precondition(t >= 0 && t < K && p >= 0 && p < K, "class index outside labels")
            confusion[t][p] += 1
        }
        var correct = 0
        var perClass: [ClassMetrics] = []
        var f1Sum = 0.0
        var averaged = 0
        for k in 0..<K {
            let truePositives = confusion[k][k]
            correct += truePositives
            let support = confusion[k].reduce(0, +)
            let predictedCount = confusion.reduce(0) { $0 + $1[k] }
            let precision = predictedCount > 0 ? Double(truePositives) / Double(predictedCount) : nil
            let recall = support > 0 ? Double(truePositives) / Double(support) : nil
            var f1 = 0.0
            if let precision, let recall, precision + recall > 0 { f1 = 2 * precision * recall / (precision + recall) }
            perClass.append(
                ClassMetrics(
                    label: labels[k], precision: precision, recall: recall, f1: f1, support: support, predictedCount: predictedCount))
            if support > 0 || predictedCount > 0 {
                f1Sum += f1
                averaged += 1
            }
        }
        self.labels = labels
        self.accuracy = truth.isEmpty ? 0 : Double(correct) / Double(truth.count)
        self.perClass = perClass
        self.macroF1 = averaged > 0 ? f1Sum / Double(averaged) : 0
        self.confusion = confusion
    }

    /// A fixed-width text report: per-class table, accuracy, macro-F1 and confusion matrix.
    public func formattedTable() -> String {
        let nameWidth = max(12, (labels.map(\.count).max() ?? 0) + 2)
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        func right(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "undef" }
        var lines = [pad("class", nameWidth) + right("precision", 10) + right("recall", 8) + right("f1", 8) + right("support", 9)]
        for metrics in perClass {
            lines.append(
                pad(metrics.label, nameWidth) + right(number(metrics.precision), 10) + right(number(metrics.recall), 8)
                    + right(number(metrics.f1), 8) + right(String(metrics.support), 9))
        }
        let total = perClass.reduce(0) { $0 + $1.support }
        lines.append(pad("accuracy", nameWidth) + right("", 18) + right(number(accuracy), 8) + right(String(total), 9))
        lines.append(pad("macro F1", nameWidth) + right("", 18) + right(number(macroF1), 8))
        if perClass.contains(where: { $0.precision == nil || $0.recall == nil }) {
            lines.append("undef: precision of a class never predicted / recall of a class never true; its F1 counts as 0")
        }
        lines.append("confusion (rows = truth, columns = predicted):")
        let cellWidth = max(7, (confusion.joined().map { String($0).count }.max() ?? 0) + 2, (labels.map(\.count).max() ?? 0) + 1)
        lines.append(pad("", nameWidth) + labels.map { right($0, cellWidth) }.joined())
        for (k, row) in confusion.enumerated() {
            lines.append(pad(labels[k], nameWidth) + row.map { right(String($0), cellWidth) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
