import XCTest

@testable import StanceLearning

/// PPMI, the randomized truncated SVD and k-means that word clusters are built with.
final class WordVectorMathTests: XCTestCase {
    private func sparse(_ dense: [[Double]]) -> SparseMatrix {
        var matrix = SparseMatrix(columnCount: dense.first?.count ?? 0)
        for row in dense {
            let nonzero = row.indices.filter { row[$0] != 0 }
            matrix.appendRow(indices: nonzero.map { Int32($0) }, values: nonzero.map { row[$0] })
        }
        return matrix
    }

    func testSVDReconstructsALowRankMatrix() throws {
        // A = u1 σ1 v1ᵀ + u2 σ2 v2ᵀ with orthonormal u, v: singular values 5 and 2.
        let u1 = [0.5, 0.5, 0.5, 0.5, 0, 0], u2 = [0.5, -0.5, 0.5, -0.5, 0, 0]
        let v1 = [0.6, 0.8, 0, 0, 0], v2 = [0, 0, 1.0, 0, 0]
        let dense = (0..<6).map { i in (0..<5).map { j in 5 * u1[i] * v1[j] + 2 * u2[i] * v2[j] } }
        let factors = try TruncatedSVD.decompose(sparse(dense), rank: 2, oversampling: 3, powerIterations: 2, seed: 7)
        XCTAssertEqual(factors.rank, 2)
        XCTAssertEqual(factors.singularValues[0], 5, accuracy: 1e-10)
        XCTAssertEqual(factors.singularValues[1], 2, accuracy: 1e-10)
        for i in 0..<6 {
            for j in 0..<5 {
                var value = 0.0
                for r in 0..<2 { value += factors.left[i * 2 + r] * factors.singularValues[r] * factors.right[j * 2 + r] }
                XCTAssertEqual(value, dense[i][j], accuracy: 1e-10, "A[\(i)][\(j)]")
            }
        }
    }

    func testSVDIsDeterministicForASeedAndClampsTheRank() throws {
        let matrix = sparse((0..<8).map { i in (0..<6).map { j in Double((i * 7 + j * 3) % 5) } })
        let first = try TruncatedSVD.decompose(matrix, rank: 3, seed: 1)
        let second = try TruncatedSVD.decompose(matrix, rank: 3, seed: 1)
        XCTAssertEqual(first.left, second.left)
        XCTAssertEqual(first.singularValues, second.singularValues)
        XCTAssertEqual(try TruncatedSVD.decompose(matrix, rank: 50).rank, 6)
        XCTAssertEqual(try TruncatedSVD.decompose(SparseMatrix(columnCount: 4), rank: 2).rank, 0)
    }

    func testPPMIMatchesTheFormula() {
        let counts = sparse([[4, 1], [1, 0]])
        let ppmi = PositivePMI.transform(counts, smoothing: 1)
        // D = 6, P(w0) = 5/6, P(c0) = 5/6, P(w0, c0) = 4/6: PMI = log(4·6 / 25) < 0, dropped.
        // P(w0, c1) = 1/6, P(c1) = 1/6: PMI = log((1/6) / (5/6 · 1/6)) = log(6/5).
        XCTAssertEqual(Array(ppmi.row(0).indices), [1])
        XCTAssertEqual(ppmi.row(0).values.first ?? 0, log(6.0 / 5), accuracy: 1e-12)
        XCTAssertEqual(Array(ppmi.row(1).indices), [0])
        XCTAssertEqual(ppmi.rowCount, 2)
    }

    func testKMeansSeparatesGroupsAndIsDeterministic() {
        // Three well-separated groups of four points in the plane.
        var points: [Double] = []
        for centre in [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)] {
            for offset in [(0.1, 0.0), (-0.1, 0.0), (0.0, 0.1), (0.0, -0.1)] {
                points += [centre.0 + offset.0, centre.1 + offset.1]
            }
        }
        let result = KMeans.cluster(points, dimension: 2, k: 3, seed: 5)
        for group in 0..<3 {
            let ids = Set(result.assignments[(group * 4)..<(group * 4 + 4)])
            XCTAssertEqual(ids.count, 1, "group \(group) split: \(result.assignments)")
        }
        XCTAssertEqual(Set(result.assignments).count, 3)
        XCTAssertEqual(result.inertia, 12 * 0.01, accuracy: 1e-9)
        XCTAssertEqual(KMeans.cluster(points, dimension: 2, k: 3, seed: 5), result)
        XCTAssertEqual(KMeans.cluster(points, dimension: 2, k: 50, seed: 5).assignments.count, 12, "k is clamped to the points")
    }
}
