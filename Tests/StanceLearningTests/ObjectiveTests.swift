import XCTest

@testable import StanceLearning

final class ObjectiveTests: XCTestCase {
    func testProbabilitiesSumToOneAndStayFiniteForHugeScores() throws {
        let model = try MultinomialLogisticRegression(
            classCount: 3, featureCount: 2, weights: [800, -800, 0, 1, 2, 3], biases: [0.5, 0, -0.5])
        for (indices, values) in [([Int32](), [Double]()), ([0], [1.0]), ([0, 1], [-3.0, 0.25]), ([1, 7], [2.0, 9.0])] {
            let p = model.probabilities(indices: indices, values: values)
            XCTAssertEqual(p.count, 3)
            XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-12)
            XCTAssertTrue(p.allSatisfy { $0.isFinite && $0 >= 0 })
        }
    }

    /// Scoring from buffers (the prediction path) gives the array path's probabilities bit for bit.
    func testBufferScoringMatchesArrayScoringExactly() throws {
        let model = try MultinomialLogisticRegression(
            classCount: 4, featureCount: 3, weights: [0.1, -0.7, 2.5, 1e-3, 800, -800, 0, 3, 0.3, 0.2, 0.1, -9],
            biases: [0.5, 0, -0.5, 0.25])
        let rows: [([Int32], [Double])] = [
            ([], []), ([0], [1.0]), ([2, 0, 1], [0.125, -3.0, 0.7]), ([1, 7, -1], [2.0, 9.0, 1.0]), ([0, 2], [.nan, 1]),
        ]
        for (indices, values) in rows {
            let expected = model.probabilities(indices: indices, values: values)
            let actual = indices.withUnsafeBufferPointer { i in
                values.withUnsafeBufferPointer { v in model.probabilities(indices: i, values: v) }
            }
            XCTAssertEqual(actual.map(\.bitPattern), expected.map(\.bitPattern), "\(indices)")
        }
    }

    func testAnalyticGradientMatchesFiniteDifferences() {
        // 2 and 4 classes take the SIMD4 path, 6 the SIMD8 path, 9 the scalar path.
        for classCount in [2, 4, 6, 9] {
            let (rows, labels) = SyntheticData.make(rowCount: 60, featureCount: 7, classCount: classCount, nonzerosPerRow: 3, seed: 11)
            var generator = SeededGenerator(seed: 5)
            let rowWeights = (0..<60).map { _ in 0.5 + Double(generator.next() % 100) / 100 }
            let objective = SoftmaxObjective(rows: rows, labels: labels, rowWeights: rowWeights, classCount: classCount, l2Penalty: 0.7)
            let theta = (0..<objective.parameterCount).map { _ in Double(Int(generator.next() % 2001) - 1000) / 1000 }
            var gradient = [Double](repeating: 0, count: objective.parameterCount)
            _ = objective.evaluate(theta, gradient: &gradient)
            var scratch = gradient
            let step = 1e-6
            for j in 0..<objective.parameterCount {
                var plus = theta
                var minus = theta
                plus[j] += step
                minus[j] -= step
                let numeric = (objective.evaluate(plus, gradient: &scratch) - objective.evaluate(minus, gradient: &scratch)) / (2 * step)
                XCTAssertEqual(gradient[j], numeric, accuracy: 1e-6 * max(1, abs(numeric)), "K = \(classCount), parameter \(j)")
            }
        }
    }

    func testParallelChunksGiveTheSameObjectiveAsOneChunk() throws {
        // 5,000 rows split into two chunks; the model's objective recomputes with the same split.
        let (rows, labels) = SyntheticData.make(rowCount: 5_000, featureCount: 30, classCount: 3, nonzerosPerRow: 4, seed: 3)
        let objective = SoftmaxObjective(
            rows: rows, labels: labels, rowWeights: Array(repeating: 1, count: 5_000), classCount: 3, l2Penalty: 1)
        XCTAssertGreaterThan(objective.chunks.count, 1)
        var theta = [Double](repeating: 0, count: objective.parameterCount)
        for j in theta.indices { theta[j] = Double(j % 7) / 10 - 0.3 }
        var gradient = theta
        let parallel = objective.evaluate(theta, gradient: &gradient)
        var serial = 0.0
        for i in 0..<rows.rowCount {
            let row = rows.row(i)
            var scores = Array(theta[(30 * 3)...])
            for (index, value) in zip(row.indices, row.values) { for k in 0..<3 { scores[k] += value * theta[Int(index) * 3 + k] } }
            let m = scores.max()!
            serial += m + log(scores.map { exp($0 - m) }.reduce(0, +)) - scores[labels[i]]
        }
        serial += 0.5 * theta[0..<90].map { $0 * $0 }.reduce(0, +)
        XCTAssertEqual(parallel, serial, accuracy: 1e-9 * abs(serial))
    }
}
