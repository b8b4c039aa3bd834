import XCTest

@testable import StanceLearning

final class TrainingTests: XCTestCase {
    func testLBFGSAndNewtonReachTheSameObjective() throws {
        let (rows, labels) = SyntheticData.make(rowCount: 400, featureCount: 25, classCount: 4, nonzerosPerRow: 5, seed: 1)
        for weighting in ClassWeighting.allCases {
            var configuration = TrainingConfiguration(l2Penalty: 0.5, classWeighting: weighting, tolerance: 1e-9)
            let lbfgs = try MultinomialLogisticRegression.fit(rows, labels: labels, classCount: 4, configuration: configuration)
            configuration.solver = .newton
            let newton = try MultinomialLogisticRegression.fit(rows, labels: labels, classCount: 4, configuration: configuration)
            XCTAssertTrue(lbfgs.report.converged)
            XCTAssertTrue(newton.report.converged)
            XCTAssertLessThan(newton.report.iterations, lbfgs.report.iterations)
            let relative = abs(lbfgs.report.objective - newton.report.objective) / abs(newton.report.objective)
            XCTAssertLessThanOrEqual(relative, 1e-6, "\(weighting): \(lbfgs.report.objective) vs \(newton.report.objective)")
            // Each model's reported objective is its objective recomputed from the parameters.
            let recomputed = try newton.model.objective(on: rows, labels: labels, configuration: configuration)
            XCTAssertEqual(recomputed, newton.report.objective, accuracy: 1e-9 * abs(recomputed))
        }
    }

    func testSeparableDataStaysFiniteUnderThePenalty() throws {
        var rows = SparseMatrix(columnCount: 2)
        var labels: [Int] = []
        for i in 0..<20 {
            rows.appendRow(indices: [Int32(i % 2)], values: [1 + Double(i) / 10])
            labels.append(i % 2)
        }
        for solver in Solver.allCases {
            let (model, report) = try MultinomialLogisticRegression.fit(
                rows, labels: labels, classCount: 2, configuration: TrainingConfiguration(l2Penalty: 0.1, solver: solver))
            XCTAssertTrue(report.converged, "\(solver)")
            XCTAssertTrue(model.weights.allSatisfy { $0.isFinite && abs($0) < 100 }, "\(solver): \(model.weights)")
            XCTAssertEqual(model.predictions(for: rows), labels)
        }
    }

    func testIterationCapIsReportedAsNotConverged() throws {
        let (rows, labels) = SyntheticData.make(rowCount: 200, featureCount: 20, classCount: 3, nonzerosPerRow: 4, seed: 2)
        let (_, report) = try MultinomialLogisticRegression.fit(
            rows, labels: labels, classCount: 3, configuration: TrainingConfiguration(maxIterations: 2))
        XCTAssertEqual(report.iterations, 2)
        XCTAssertFalse(report.converged)
        XCTAssertEqual(report.stopReason, .maxIterations)
    }

    func testIntegerSampleWeightsEqualRepeatedRows() throws {
        let (rows, labels) = SyntheticData.make(rowCount: 50, featureCount: 8, classCount: 3, nonzerosPerRow: 3, seed: 4)
        let weights = (0..<50).map { Double($0 % 3 + 1) }
        var repeatedIndices: [Int] = []
        for i in 0..<50 { repeatedIndices += Array(repeating: i, count: Int(weights[i])) }
        let configuration = TrainingConfiguration(solver: .newton, tolerance: 1e-10)
        let weighted = try MultinomialLogisticRegression.fit(
            rows, labels: labels, classCount: 3, sampleWeights: weights, configuration: configuration)
        let repeated = try MultinomialLogisticRegression.fit(
            rows.rows(at: repeatedIndices), labels: repeatedIndices.map { labels[$0] }, classCount: 3, configuration: configuration)
        XCTAssertEqual(weighted.report.objective, repeated.report.objective, accuracy: 1e-8 * weighted.report.objective)
    }

    func testBalancedClassWeightsFollowScikitLearnFormula() throws {
        var rows = SparseMatrix(columnCount: 1)
        for _ in 0..<4 { rows.appendRow(indices: [0], values: [1]) }
        let weights = try MultinomialLogisticRegression.rowWeights(
            rows: rows, labels: [0, 0, 0, 1], classCount: 3, sampleWeights: nil, classWeighting: .balanced)
        // n / (K_present · n_c): 4 / (2·3) and 4 / (2·1).
        XCTAssertEqual(weights, [4.0 / 6, 4.0 / 6, 4.0 / 6, 2])
    }

    func testInvalidInputsThrowTypedErrors() {
        let (rows, labels) = SyntheticData.make(rowCount: 10, featureCount: 3, classCount: 2, nonzerosPerRow: 2, seed: 9)
        XCTAssertThrowsError(try MultinomialLogisticRegression.fit(rows, labels: labels, classCount: 1, configuration: .init())) {
            XCTAssertEqual($0 as? TrainingError, .tooFewClasses(1))
        }
        XCTAssertThrowsError(
            try MultinomialLogisticRegression.fit(rows, labels: Array(labels.dropLast()), classCount: 2, configuration: .init())
        ) {
            XCTAssertEqual($0 as? TrainingError, .labelCountMismatch(rows: 10, labels: 9))
        }
        XCTAssertThrowsError(
            try MultinomialLogisticRegression.fit(
                rows, labels: labels, classCount: 2, sampleWeights: Array(repeating: -1, count: 10), configuration: .init())
        ) {
            XCTAssertEqual($0 as? TrainingError, .invalidSampleWeight(row: 0, weight: -1))
        }
        var wide = SparseMatrix(columnCount: 20_000)
        wide.appendRow(indices: [0], values: [1])
        wide.appendRow(indices: [19_999], values: [1])
        XCTAssertThrowsError(
            try MultinomialLogisticRegression.fit(wide, labels: [0, 1], classCount: 2, configuration: .init(solver: .newton))
        ) {
            XCTAssertTrue("\($0)".contains("use --solver lbfgs"), "\($0)")
        }
    }

    func testSameDataAndSeedGiveByteIdenticalModelFile() throws {
        let (rows, labels) = SyntheticData.make(rowCount: 4_200, featureCount: 40, classCount: 3, nonzerosPerRow: 3, seed: 8)
        func modelBytes() throws -> Data {
            let configuration = TrainingConfiguration(seed: 42)
            let (model, report) = try MultinomialLogisticRegression.fit(rows, labels: labels, classCount: 3, configuration: configuration)
            let metrics = ClassificationMetrics(truth: labels, predicted: model.predictions(for: rows), labels: ["a", "b", "c"])
            let record = TrainingRecord(
                configuration: configuration, dataDigest: "digest", rowCount: rows.rowCount, report: report, trainMetrics: metrics)
            return try ModelFile(labels: ["a", "b", "c"], classifier: model, features: RawFeatures(columnCount: 40), training: record)
                .encoded()
        }
        XCTAssertEqual(try modelBytes(), try modelBytes())
    }
}
