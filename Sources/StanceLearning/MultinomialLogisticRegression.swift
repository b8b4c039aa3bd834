import Dispatch
import Foundation

/// Multinomial logistic regression with an L2 penalty: one weight vector and one bias per class.
///
/// Class probabilities are `softmax(Wᵀx + b)`. Training (see `fit`) minimizes
/// `Σᵢ wᵢ·(−log softmax(Wᵀxᵢ + b)[yᵢ]) + (λ/2)‖W‖²`, the parameterisation of scikit-learn's
/// multinomial `LogisticRegression` with `C = 1/λ`. The biases are not penalized (a
/// penalized intercept is a long-standing liblinear complaint).
///
/// `weights` is stored feature-major, `weights[feature * classCount + class]`, so each
/// sparse nonzero touches one contiguous `classCount`-vector during training and prediction.
public struct MultinomialLogisticRegression: Codable, Equatable, Sendable {
    /// Number of classes `K ≥ 2`.
    public let classCount: Int
    /// Number of features (columns) the weights cover.
    public let featureCount: Int
    /// Weights, feature-major: `weights[feature * classCount + class]`; `featureCount × classCount` entries.
    package let weights: [Double]
    /// One unpenalized bias per class.
    package let biases: [Double]

    /// Creates a model from explicit parameters.
    /// - Throws: `ModelShapeError` when the array sizes do not match the dimensions.
    package init(classCount: Int, featureCount: Int, weights: [Double], biases: [Double]) throws {
        try Self.validateShape(classCount: classCount, featureCount: featureCount, weightCount: weights.count, biasCount: biases.count)
        self.classCount = classCount
        self.featureCount = featureCount
        self.weights = weights
        self.biases = biases
    }

    /// Decodes and checks that the arrays match the stated dimensions.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let classCount = try container.decode(Int.self, forKey: .classCount)
        let featureCount = try container.decode(Int.self, forKey: .featureCount)
        let weights = try container.decodeDoubles(forKey: .weights, decoder: decoder)
        let biases = try container.decode([Double].self, forKey: .biases)
        try self.init(classCount: classCount, featureCount: featureCount, weights: weights, biases: biases)
    }

    /// Most classes a model may have; a file claiming more is corrupt (the tools use 2–4).
    package static let maximumClassCount = 10_000
    /// Most feature columns a model may have: column indices are stored as `Int32`.
    package static let maximumFeatureCount = Int(Int32.max)
    /// Largest weight or bias magnitude accepted on load. L2-penalised fits on the unit-scale
    /// features of this package stay below 1e3; beyond 1e6 a model has diverged or was edited,
    /// and scores could overflow to ±∞ and turn probabilities into NaN.
    package static let maximumParameterMagnitude = 1e6

    static func validateShape(classCount: Int, featureCount: Int, weightCount: Int, biasCount: Int) throws {
        guard (2...maximumClassCount).contains(classCount) else {
            throw ModelShapeError(message: "classCount \(classCount) must be between 2 and \(maximumClassCount)")
        }
        guard (0...maximumFeatureCount).contains(featureCount) else {
            throw ModelShapeError(message: "featureCount \(featureCount) must be between 0 and \(maximumFeatureCount)")
        }
        let (expected, overflow) = featureCount.multipliedReportingOverflow(by: classCount)
        guard !overflow, weightCount == expected else {
            throw ModelShapeError(
                message:
                    "weights has \(weightCount) entries but featureCount × classCount = \(featureCount) × \(classCount)\(overflow ? "" : " = \(expected)")"
            )
        }
        guard biasCount == classCount else {
            throw ModelShapeError(message: "biases has \(biasCount) entries but classCount is \(classCount)")
        }
    }

    /// Checks that every weight and bias is finite and within `maximumParameterMagnitude`.
    /// - Throws: `ModelValueError` naming the field and index of the first bad value.
    package func validateParameters() throws {
        for (name, values) in [("weights", weights), ("biases", biases)] {
            for (index, value) in values.enumerated() where !(abs(value) <= Self.maximumParameterMagnitude) {
                throw ModelValueError(
                    field: "classifier.\(name)[\(index)]",
                    problem: "\(value) is \(value.isFinite ? "outside ±\(Self.maximumParameterMagnitude)" : "not finite")")
            }
        }
    }

    /// Linear scores `Wᵀx + b` for one row; indices at or beyond `featureCount` are ignored
    /// because a feature unseen in training has weight zero.
    package func scores(indices: [Int32], values: [Double]) -> [Double] {
        var scores = biases
        // Through raw buffers: a subscripted `var` array checks its uniqueness on every
        // write, which cost more than the arithmetic.
        scores.withUnsafeMutableBufferPointer { out in
            indices.withUnsafeBufferPointer { indices in
                values.withUnsafeBufferPointer { values in addScores(indices: indices, values: values, into: out) }
            }
        }
        return scores
    }

    /// Adds `Wᵀx` of a row in buffers to `out` (which holds the biases), entry by entry in
    /// row order, so every caller makes the same additions in the same order.
    @inline(__always)
    private func addScores(
        indices: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>
    ) {
        let classCount = self.classCount
        let featureCount = self.featureCount
        weights.withUnsafeBufferPointer { w in
            for entry in 0..<min(indices.count, values.count) {
                let feature = Int(indices[entry])
                guard feature >= 0, feature < featureCount else { continue }
                let value = values[entry]
                let base = feature * classCount
                for k in 0..<classCount { out[k] += value * w[base + k] }
            }
        }
    }

    /// Linear scores of one stored row, without copying its slices.
    func scores(for row: SparseRow) -> [Double] {
        var scores = biases
        for (index, value) in zip(row.indices, row.values) {
            let feature = Int(index)
            guard feature < featureCount else { continue }
            let base = feature * classCount
            for k in 0..<classCount { scores[k] += value * weights[base + k] }
        }
        return scores
    }

    /// Class probabilities for one row (0-based indices in any order); they sum to 1.
    public func probabilities(indices: [Int32], values: [Double]) -> [Double] {
        Self.softmax(scores(indices: indices, values: values))
    }

    /// Class probabilities of a row in buffers (0-based indices in any order), with the
    /// additions of `probabilities(indices:values:)` in the same order; the scores live on the stack.
    package func probabilities(indices: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Double>) -> [Double] {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: classCount) { scores in
            for k in 0..<classCount { scores[k] = biases[k] }
            addScores(indices: indices, values: values, into: scores)
            return Self.softmax(UnsafeBufferPointer(scores))
        }
    }

    /// Class probabilities of a row given as `base` scores (biases plus a block the caller
    /// scored once, such as a sentence's bag of words shared by its mentions) and a packed
    /// block of `column << 32 | value` entries added after it in column order.
    package func probabilities(base: [Double], packed: UnsafeBufferPointer<UInt64>) -> [Double] {
        precondition(base.count == classCount, "base scores must have one entry per class")
        let classCount = self.classCount
        let featureCount = self.featureCount
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: classCount) { scores in
            for k in 0..<classCount { scores[k] = base[k] }
            weights.withUnsafeBufferPointer { w in
                for entry in packed {
                    let feature = Int(truncatingIfNeeded: entry >> 32)
                    guard feature < featureCount else { continue }
                    let value = Double(UInt32(truncatingIfNeeded: entry))
                    let offset = feature * classCount
                    for k in 0..<classCount { scores[k] += value * w[offset + k] }
                }
            }
            return Self.softmax(UnsafeBufferPointer(scores))
        }
    }

    /// Class probabilities for one `SparseRow`.
    package func probabilities(for row: SparseRow) -> [Double] {
        Self.softmax(scores(for: row))
    }

    /// Class probabilities for every row of `rows`, in row order.
    package func probabilities(for rows: SparseMatrix) -> [[Double]] {
        (0..<rows.rowCount).map { probabilities(for: rows.row($0)) }
    }

    /// The most probable class of every row (ties go to the lower class index).
    public func predictions(for rows: SparseMatrix) -> [Int] {
        let rowCount = rows.rowCount
        var result = [Int](repeating: 0, count: rowCount)
        guard rowCount > 0 else { return result }
        // Rows are independent, so blocks of rows run on all cores with no effect on the result;
        // the scores of a row live in a stack buffer instead of a fresh array per row.
        let blockSize = 8_192
        let blockCount = (rowCount + blockSize - 1) / blockSize
        result.withUnsafeMutableBufferPointer { out in
            let target = SendablePointer(pointer: out.baseAddress!)  // safe: rowCount > 0
            DispatchQueue.concurrentPerform(iterations: blockCount) { block in
                let range = (block * blockSize)..<min(rowCount, (block + 1) * blockSize)
                predict(rows, range: range, into: target.pointer)
            }
        }
        return result
    }

    /// Writes the most probable class of each row in `range` into `out[row]`.
    private func predict(_ rows: SparseMatrix, range: Range<Int>, into out: UnsafeMutablePointer<Int>) {
        let K = classCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: K) { scores in
            rows.rowOffsets.withUnsafeBufferPointer { offsets in
                rows.columnIndices.withUnsafeBufferPointer { columns in
                    rows.values.withUnsafeBufferPointer { values in
                        weights.withUnsafeBufferPointer { w in
                            for i in range {
                                for k in 0..<K { scores[k] = biases[k] }
                                for e in offsets[i]..<offsets[i + 1] {
                                    let feature = Int(columns[e])
                                    guard feature < featureCount else { continue }
                                    let x = values[e]
                                    let base = feature &* K
                                    for k in 0..<K { scores[k] += x * w[base &+ k] }
                                }
                                out[i] = StanceLearning.argmax(scores)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The most probable class of one row.
    package func predictedClass(indices: [Int32], values: [Double]) -> Int {
        StanceLearning.argmax(scores(indices: indices, values: values))
    }

    /// Per-feature terms `weight × value` of one class's score, largest magnitude first
    /// (ties by feature index), to explain a prediction; the bias is not included.
    package func contributions(indices: [Int32], values: [Double], classIndex: Int) -> [(feature: Int, contribution: Double)] {
        precondition(classIndex >= 0 && classIndex < classCount, "classIndex out of range")
        var terms: [(feature: Int, contribution: Double)] = []
        for (index, value) in zip(indices, values) {
            let feature = Int(index)
            guard feature >= 0, feature < featureCount else { continue }
            terms.append((feature, weights[feature * classCount + classIndex] * value))
        }
        return terms.sorted {
            abs($0.contribution) != abs($1.contribution) ? abs($0.contribution) > abs($1.contribution) : $0.feature < $1.feature
        }
    }

    /// The training objective `Σᵢ wᵢ·(−log pᵢ[yᵢ]) + (λ/2)‖W‖²` of this model on `rows`,
    /// with `wᵢ` built from `sampleWeights` and `configuration.classWeighting` as in `fit`.
    /// Columns beyond `featureCount` must not occur (they would have no weight to penalize).
    package func objective(on rows: SparseMatrix, labels: [Int], sampleWeights: [Double]? = nil, configuration: TrainingConfiguration)
        throws -> Double
    {
        let rowWeights = try Self.rowWeights(
            rows: rows, labels: labels, classCount: classCount, sampleWeights: sampleWeights, classWeighting: configuration.classWeighting)
        guard rows.columnCount <= featureCount else {
            throw ModelShapeError(message: "rows have \(rows.columnCount) columns but the model has \(featureCount) features")
        }
        let function = SoftmaxObjective(
            rows: rows.withColumnCount(featureCount), labels: labels, rowWeights: rowWeights, classCount: classCount,
            l2Penalty: configuration.l2Penalty, jobs: configuration.jobs)
        var gradient = [Double](repeating: 0, count: function.parameterCount)
        return function.evaluate(weights + biases, gradient: &gradient)
    }

    /// Softmax that never returns NaN: non-finite scores (only possible with extreme input
    /// values) are clamped, so the largest score still wins.
    static func softmax(_ scores: [Double]) -> [Double] {
        scores.withUnsafeBufferPointer { softmax($0) }
    }

    /// `softmax` of scores in a buffer, with one allocation (the result) and the same
    /// arithmetic in the same order as ever.
    static func softmax(_ scores: UnsafeBufferPointer<Double>) -> [Double] {
        @inline(__always) func clamp(_ score: Double) -> Double {
            score.isNaN
                ? -Double.greatestFiniteMagnitude
                : min(max(score, -Double.greatestFiniteMagnitude), Double.greatestFiniteMagnitude)
        }
        var maximum = 0.0
        for k in scores.indices {
            let value = clamp(scores[k])
            if k == 0 || value > maximum { maximum = value }
        }
        // Reserve and append rather than `init(unsafeUninitializedCapacity:)`, whose allocation
        // takes the standard library's unspecialised path (several times the cost, once per row).
        var result: [Double] = []
        result.reserveCapacity(scores.count)
        for k in scores.indices {
            let shifted = clamp(scores[k]) - maximum
            result.append(Foundation.exp(shifted.isNaN ? 0 : shifted))
        }
        var total = 0.0
        for value in result { total += value }
        for k in result.indices { result[k] /= total }
        return result
    }

}

/// The offset of the largest value (0 for an empty collection); the first maximum wins,
/// so ties resolve the same way on every run. Inlinable so callers in other modules get a
/// specialised loop rather than a generic one through witness tables (it runs once per row).
@inlinable
package func argmax<C: Collection>(_ values: C) -> Int where C.Element == Double {
    var best = 0
    var bestValue = -Double.infinity
    var offset = 0
    for value in values {
        if value > bestValue || offset == 0 {
            best = offset
            bestValue = value
        }
        offset += 1
    }
    return best
}

/// A model parameter that is not a usable number.
package struct ModelValueError: Error, CustomStringConvertible, Equatable {
    /// The field, e.g. `classifier.weights[12]`.
    package let field: String
    /// What is wrong with its value.
    package let problem: String
    /// `field: problem`.
    package var description: String { "field \(field): \(problem)" }
}

/// A model whose array sizes contradict its stated dimensions.
package struct ModelShapeError: Error, CustomStringConvertible, Equatable {
    /// What does not match.
    package let message: String
    /// The message, with the fix.
    package var description: String { "dimension mismatch: \(message): the model is corrupt or was edited; retrain it with stance-train" }
}

/// A result buffer handed to worker threads that each write disjoint rows.
private struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int>
}
