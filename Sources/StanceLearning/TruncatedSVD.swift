import CStanceBLAS
import Foundation

/// The leading singular triplets of a sparse matrix, by the randomized range finder.
///
/// Halko, Martinsson & Tropp (2011), "Finding structure with randomness", Algorithms 4.4
/// and 5.1: `Y = (A Aᵀ)^q A Ω` for a Gaussian `Ω` with `rank + oversampling` columns,
/// orthonormalised by Householder QR (LAPACKE `dgeqrf` + `dorgqr`) after every product
/// so that small singular values are not lost to rounding; then the small matrix
/// `B = Qᵀ A` is decomposed exactly (LAPACKE `dgesdd`) and `A ≈ (Q U_B) Σ V_Bᵀ`.
/// Only products with `A` and `Aᵀ` touch the sparse matrix, so a vocabulary of tens of
/// thousands of words costs seconds. The Gaussian comes from `SeededGenerator`, so a seed
/// gives the same factors with the same BLAS.
package enum TruncatedSVD {
    /// The factors of `A ≈ U diag(σ) Vᵀ`; matrices are row-major.
    package struct Factors: Sendable {
        /// `rowCount × rank`, orthonormal columns.
        package var left: [Double]
        /// Singular values, largest first.
        package var singularValues: [Double]
        /// `columnCount × rank`, orthonormal columns.
        package var right: [Double]
        /// Number of singular triplets kept.
        package var rank: Int
    }

    /// Why a decomposition failed: LAPACKE reported an error code.
    package struct Failure: Error, CustomStringConvertible, Equatable {
        /// The LAPACKE routine and its `info` result.
        package var routine: String, info: Int32
        /// A message naming the routine.
        package var description: String { "truncated SVD: LAPACKE \(routine) failed with info \(info)" }
    }

    /// Decomposes `matrix` to `rank` triplets (clamped to its smaller dimension).
    ///
    /// - Parameters:
    ///   - oversampling: extra random columns; 10 is Halko et al.'s recommendation.
    ///   - powerIterations: passes of `A Aᵀ`; 2 suffice for the slowly decaying spectra of
    ///     word co-occurrence matrices (scikit-learn's `randomized_svd` default is 4 for
    ///     small ranks, at twice the cost).
    /// - Throws: `Failure` when LAPACKE does (an ill-formed input such as NaN values).
    package static func decompose(
        _ matrix: SparseMatrix, rank: Int, oversampling: Int = 10, powerIterations: Int = 2, seed: UInt64 = 0
    ) throws -> Factors {
        let rows = matrix.rowCount, columns = matrix.columnCount
        let rank = max(0, min(rank, rows, columns))
        let width = min(rank + max(0, oversampling), rows, columns)
        guard rank > 0, width > 0 else { return Factors(left: [], singularValues: [], right: [], rank: 0) }

        var generator = SeededGenerator(seed: seed)
        var omega = [Double](repeating: 0, count: columns * width)
        for index in omega.indices { omega[index] = gaussian(&generator) }
        var range = multiply(matrix, omega, width: width)
        try orthonormalize(&range, rows: rows, width: width)
        for _ in 0..<max(0, powerIterations) {
            var back = multiplyTransposed(matrix, range, width: width)
            try orthonormalize(&back, rows: columns, width: width)
            range = multiply(matrix, back, width: width)
            try orthonormalize(&range, rows: rows, width: width)
        }
        // Bᵀ = Aᵀ Q is columns × width; its SVD Bᵀ = U' Σ V'ᵀ gives A ≈ (Q V') Σ U'ᵀ.
        var small = multiplyTransposed(matrix, range, width: width)
        var sigma = [Double](repeating: 0, count: width)
        var smallLeft = [Double](repeating: 0, count: columns * width)
        var smallRightT = [Double](repeating: 0, count: width * width)
        let info = LAPACKE_dgesdd(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(columns), Int32(width), &small, Int32(width), &sigma,
            &smallLeft, Int32(width), &smallRightT, Int32(width))
        guard info == 0 else { throw Failure(routine: "dgesdd", info: info) }
        // U = Q V' where V' = (V'ᵀ)ᵀ: rows × width times width × width.
        var left = [Double](repeating: 0, count: rows * width)
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(width), Int32(width), 1, range, Int32(width),
            smallRightT, Int32(width), 0, &left, Int32(width))
        return Factors(
            left: truncateColumns(left, rows: rows, width: width, keep: rank), singularValues: Array(sigma.prefix(rank)),
            right: truncateColumns(smallLeft, rows: columns, width: width, keep: rank), rank: rank)
    }

    /// A standard normal draw by Box–Muller, from two uniforms in (0, 1].
    static func gaussian(_ generator: inout SeededGenerator) -> Double {
        let u1 = (Double(generator.next() >> 11) + 1) / 9_007_199_254_740_992
        let u2 = Double(generator.next() >> 11) / 9_007_199_254_740_992
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `A X` for a row-major dense `X` of `A.columnCount × width`.
    static func multiply(_ matrix: SparseMatrix, _ dense: [Double], width: Int) -> [Double] {
        product(matrix, dense, width: width, transposed: false)
    }

    /// `Aᵀ X` for a row-major dense `X` of `A.rowCount × width`.
    static func multiplyTransposed(_ matrix: SparseMatrix, _ dense: [Double], width: Int) -> [Double] {
        product(matrix, dense, width: width, transposed: true)
    }

    /// `A X` or `Aᵀ X`: one pass over A's entries, each adding a scaled row of X to a row of the result.
    private static func product(_ matrix: SparseMatrix, _ dense: [Double], width: Int, transposed: Bool) -> [Double] {
        var result = [Double](repeating: 0, count: (transposed ? matrix.columnCount : matrix.rowCount) * width)
        dense.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in
                guard let xBase = x.baseAddress, let yBase = y.baseAddress else { return }
                for row in 0..<matrix.rowCount {
                    for entry in matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1] {
                        let column = Int(matrix.columnIndices[entry])
                        let (source, target) = transposed ? (row, column) : (column, row)
                        BLAS.axpy(width, matrix.values[entry], xBase + source * width, yBase + target * width)
                    }
                }
            }
        }
        return result
    }

    /// Replaces a row-major `rows × width` matrix (rows ≥ width) by the Q of its QR factors.
    static func orthonormalize(_ dense: inout [Double], rows: Int, width: Int) throws {
        var tau = [Double](repeating: 0, count: width)
        var info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(rows), Int32(width), &dense, Int32(width), &tau)
        guard info == 0 else { throw Failure(routine: "dgeqrf", info: info) }
        info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, Int32(rows), Int32(width), Int32(width), &dense, Int32(width), &tau)
        guard info == 0 else { throw Failure(routine: "dorgqr", info: info) }
    }

    /// The first `keep` columns of a row-major `rows × width` matrix.
    static func truncateColumns(_ dense: [Double], rows: Int, width: Int, keep: Int) -> [Double] {
        if keep == width { return dense }
        var result: [Double] = []
        result.reserveCapacity(rows * keep)
        for row in 0..<rows { result.append(contentsOf: dense[(row * width)..<(row * width + keep)]) }
        return result
    }
}
