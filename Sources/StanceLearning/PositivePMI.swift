import Foundation

/// Positive pointwise mutual information of a word–context count matrix.
///
/// `PPMI(w, c) = max(0, log(P(w, c) / (P(w) · P_α(c))))` with `P(w, c) = #(w, c) / D`,
/// `P(w) = #(w) / D` (row sums over the total `D`) and the context distribution smoothed
/// as `P_α(c) = #(c)^α / Σ_c' #(c')^α`. α = 0.75 (Levy, Goldberg & Dagan 2015, "Improving
/// distributional similarity with lessons learned from word embeddings", §3.2) damps PMI's
/// bias towards rare contexts, the same exponent word2vec's negative sampling uses.
package enum PositivePMI {
    /// The PPMI transform of `counts` (rows are words, columns contexts); entries whose PMI
    /// is not positive are dropped, so the result stays sparse.
    package static func transform(_ counts: SparseMatrix, smoothing alpha: Double = 0.75) -> SparseMatrix {
        var rowSums = [Double](repeating: 0, count: counts.rowCount)
        var columnSums = [Double](repeating: 0, count: counts.columnCount)
        for row in 0..<counts.rowCount {
            for entry in counts.rowOffsets[row]..<counts.rowOffsets[row + 1] {
                rowSums[row] += counts.values[entry]
                columnSums[Int(counts.columnIndices[entry])] += counts.values[entry]
            }
        }
        let total = rowSums.reduce(0, +)
        let smoothed = columnSums.map { pow($0, alpha) }
        let smoothedTotal = smoothed.reduce(0, +)
        var result = SparseMatrix(columnCount: counts.columnCount)
        guard total > 0, smoothedTotal > 0 else {
            for _ in 0..<counts.rowCount { result.appendRow(indices: [], values: []) }
            return result
        }
        for row in 0..<counts.rowCount {
            var indices: [Int32] = []
            var values: [Double] = []
            for entry in counts.rowOffsets[row]..<counts.rowOffsets[row + 1] {
                let column = Int(counts.columnIndices[entry])
                let joint = counts.values[entry] / total
                let pmi = log(joint / ((rowSums[row] / total) * (smoothed[column] / smoothedTotal)))
                if pmi > 0 {
                    indices.append(Int32(column))
                    values.append(pmi)
                }
            }
            result.appendRow(indices: indices, values: values)
        }
        return result
    }
}
