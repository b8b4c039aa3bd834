import Foundation
import XCTest

@testable import StanceLearning

/// The objective and the fit must not depend on the thread count: rows are split into chunks
/// that depend only on the data, and the chunk results are added in chunk order.
final class ParallelObjectiveTests: XCTestCase {
    /// 40,003 rows: 16 chunks, enough for 8 threads to interleave; chunks of 2,500 and 2,501
    /// rows, so a chunk also ends with a row that the two-row kernel scores alone.
    private static let rowCount = 40_003

    private func problem(classCount: Int) -> (rows: SparseMatrix, labels: [Int], weights: [Double], theta: [Double]) {
        let (rows, labels) = SyntheticData.make(
            rowCount: Self.rowCount, featureCount: 50, classCount: classCount, nonzerosPerRow: 5, seed: 17)
        var generator = SeededGenerator(seed: 23)
        // Some zero weights, so the skip of weightless rows is exercised too.
        let weights = (0..<Self.rowCount).map { _ in Double(generator.next() % 5) / 2 }
        let theta = (0..<(51 * classCount)).map { _ in Double(Int(generator.next() % 2001) - 1000) / 500 }
        return (rows, labels, weights, theta)
    }

    private func evaluate(_ objective: SoftmaxObjective, _ theta: [Double]) -> (value: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: objective.parameterCount)
        let value = objective.evaluate(theta, gradient: &gradient)
        return (value, gradient)
    }

    func testObjectiveAndGradientAreBitIdenticalFor1And2And8Threads() {
        // 3 classes take the SIMD4 path, 6 the SIMD8 path, 9 the scalar path.
        for classCount in [3, 6, 9] {
            let (rows, labels, weights, theta) = problem(classCount: classCount)
            var results: [(value: Double, gradient: [Double])] = []
            for jobs in [1, 2, 8] {
                let objective = SoftmaxObjective(
                    rows: rows, labels: labels, rowWeights: weights, classCount: classCount, l2Penalty: 0.3, jobs: jobs)
                XCTAssertEqual(objective.chunks.count, SoftmaxObjective.maximumChunkCount, "the partition depends on the rows only")
                // Twice per objective: the scratch buffers are reused between evaluations.
                let first = evaluate(objective, theta)
                let second = evaluate(objective, theta)
                XCTAssertEqual(first.value.bitPattern, second.value.bitPattern)
                XCTAssertEqual(first.gradient.map(\.bitPattern), second.gradient.map(\.bitPattern))
                results.append(first)
            }
            for r in results.dropFirst() {
                XCTAssertEqual(r.value.bitPattern, results[0].value.bitPattern, "K = \(classCount)")
                XCTAssertEqual(r.gradient.map(\.bitPattern), results[0].gradient.map(\.bitPattern), "K = \(classCount)")
            }
        }
    }

    /// The AVX row pass (2–4 classes, when the CPU has AVX) and the Swift SIMD4 loop must give
    /// the same bits, so a fitted model does not depend on the machine that fitted it.
    func testAVXRowPassMatchesTheSwiftLoopBitForBit() {
        for classCount in [2, 3, 4] {
            let (rows, labels, weights, theta) = problem(classCount: classCount)
            let kernel = SoftmaxObjective(rows: rows, labels: labels, rowWeights: weights, classCount: classCount, l2Penalty: 0.3, jobs: 2)
            let swift = SoftmaxObjective(rows: rows, labels: labels, rowWeights: weights, classCount: classCount, l2Penalty: 0.3, jobs: 2)
            swift.usesAVXKernel = false
            let a = evaluate(kernel, theta)
            let b = evaluate(swift, theta)
            XCTAssertEqual(a.value.bitPattern, b.value.bitPattern, "K = \(classCount)")
            XCTAssertEqual(a.gradient.map(\.bitPattern), b.gradient.map(\.bitPattern), "K = \(classCount)")
        }
    }

    /// A plain serial implementation of the documented arithmetic (rows of each chunk in order,
    /// chunk sums added in chunk order) must agree to the last bit with every thread count; a
    /// reduction whose order followed the threads would fail here.
    func testParallelEvaluationMatchesASerialReferenceBitForBit() {
        let K = 3
        let (rows, labels, weights, theta) = problem(classCount: K)
        let chunks = SoftmaxObjective(rows: rows, labels: labels, rowWeights: weights, classCount: K, l2Penalty: 0).chunks
        let F = rows.columnCount
        var referenceLoss = 0.0
        var referenceGradient = [Double](repeating: 0, count: (F + 1) * K)
        for (c, chunk) in chunks.enumerated() {
            var loss = 0.0
            var gradient = [Double](repeating: 0, count: (F + 1) * K)
            var biasGradient = [Double](repeating: 0, count: K)
            for i in chunk where weights[i] != 0 {
                let row = rows.row(i)
                var scores = Array(theta[(F * K)...])
                for (index, x) in zip(row.indices, row.values) { for k in 0..<K { scores[k] += x * theta[Int(index) * K + k] } }
                var maximum = scores[0]
                for k in 1..<K where scores[k] > maximum { maximum = scores[k] }
                var exps = [Double](repeating: 0, count: K)
                var total = 0.0
                for k in 0..<K {
                    exps[k] = exp(scores[k] - maximum)
                    total += exps[k]
                }
                loss += weights[i] * (maximum + log(total) - scores[labels[i]])
                var residual = exps.map { $0 * (weights[i] / total) }
                residual[labels[i]] -= weights[i]
                for (index, x) in zip(row.indices, row.values) { for k in 0..<K { gradient[Int(index) * K + k] += x * residual[k] } }
                for k in 0..<K { biasGradient[k] += residual[k] }
            }
            for k in 0..<K { gradient[F * K + k] += biasGradient[k] }
            referenceLoss += loss
            if c == 0 { referenceGradient = gradient } else { for j in gradient.indices { referenceGradient[j] += gradient[j] } }
        }
        for jobs in [1, 2, 8] {
            let objective = SoftmaxObjective(rows: rows, labels: labels, rowWeights: weights, classCount: K, l2Penalty: 0, jobs: jobs)
            let (value, gradient) = evaluate(objective, theta)
            XCTAssertEqual(value.bitPattern, referenceLoss.bitPattern, "jobs = \(jobs): \(value) vs \(referenceLoss)")
            XCTAssertEqual(gradient.map(\.bitPattern), referenceGradient.map(\.bitPattern), "jobs = \(jobs)")
        }
        // The comparison is sensitive to the summation order: one running sum over all rows
        // (no chunks) rounds differently, so a thread-dependent order could not slip through.
        var naiveBias = [Double](repeating: 0, count: K)
        for i in 0..<rows.rowCount where weights[i] != 0 {
            let row = rows.row(i)
            var scores = Array(theta[(F * K)...])
            for (index, x) in zip(row.indices, row.values) { for k in 0..<K { scores[k] += x * theta[Int(index) * K + k] } }
            let maximum = scores.max()!
            let exps = scores.map { exp($0 - maximum) }
            let total = exps.reduce(0, +)
            for k in 0..<K { naiveBias[k] += exps[k] * (weights[i] / total) - (k == labels[i] ? weights[i] : 0) }
        }
        XCTAssertNotEqual(naiveBias.map(\.bitPattern), Array(referenceGradient[(F * K)...]).map(\.bitPattern))
    }

    func testSmallFitIsBitIdenticalFor1And2And8Threads() throws {
        let (rows, labels, _, _) = problem(classCount: 3)
        var fits: [(weights: [Double], biases: [Double], report: TrainingReport)] = []
        for jobs in [1, 2, 8] {
            var configuration = TrainingConfiguration(l2Penalty: 2)
            configuration.jobs = jobs
            let (model, report) = try MultinomialLogisticRegression.fit(rows, labels: labels, classCount: 3, configuration: configuration)
            XCTAssertTrue(report.converged)
            fits.append((model.weights, model.biases, report))
        }
        for fit in fits.dropFirst() {
            XCTAssertEqual(fit.weights.map(\.bitPattern), fits[0].weights.map(\.bitPattern))
            XCTAssertEqual(fit.biases.map(\.bitPattern), fits[0].biases.map(\.bitPattern))
            XCTAssertEqual(fit.report, fits[0].report)
        }
    }

    func testJobsIsNotSavedWithTheConfiguration() throws {
        var configuration = TrainingConfiguration(l2Penalty: 3)
        configuration.jobs = 7
        let json = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        XCTAssertFalse(json.contains("jobs"), json)
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.l2Penalty, 3)
        XCTAssertEqual(decoded.jobs, ProcessInfo.processInfo.activeProcessorCount)
    }
}
