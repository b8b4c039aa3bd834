import Foundation

/// Naive-Bayes log-count-ratio scaling of feature columns (Wang & Manning 2012, "NBSVM"),
/// extended to several classes.
///
/// For class `c`, with `pᵢ = α + #(rows of class c where feature i ≠ 0)` and `qᵢ` the same
/// over the other classes, the log-count ratio is `rᶜᵢ = log((pᵢ/‖p‖₁) / (qᵢ/‖q‖₁))`. A column
/// is multiplied by the root mean square of its ratios over the classes, divided by the mean
/// of that figure over the columns that occur, so words that separate the classes cost the
/// L2 penalty less than words spread evenly across them, and λ keeps its scale.
///
/// Fitting `W'` on the scaled rows `X·S` and storing `W = S·W'` gives a model that scores the
/// unscaled rows exactly as `W'` scores the scaled ones, so model files and prediction are
/// unchanged; it is equivalent to a per-feature penalty `(λ/2) Σᵢ ‖Wᵢ‖² / sᵢ²`.
enum NaiveBayesScaling {
    /// The smoothing count `α` added to every feature's count in each class.
    static let smoothing = 1.0

    /// One scale per column of `rows`, from the rows' labels; zero for columns never nonzero.
    static func scales(rows: SparseMatrix, labels: [Int], classCount: Int) -> [Double] {
        let columns = rows.columnCount
        var counts = [Double](repeating: 0, count: columns * classCount)
        var seen = [Bool](repeating: false, count: columns)
        for row in 0..<rows.rowCount {
            let label = labels[row]
            for position in rows.rowOffsets[row]..<rows.rowOffsets[row + 1] where rows.values[position] != 0 {
                let column = Int(rows.columnIndices[position])
                counts[column * classCount + label] += 1
                seen[column] = true
            }
        }
        // Nonzero entries per class over every column (the denominators of p and q).
        var classCounts = [Double](repeating: 0, count: classCount)
        for column in 0..<columns {
            for c in 0..<classCount { classCounts[c] += counts[column * classCount + c] }
        }
        let totalCount = classCounts.reduce(0, +)
        let smoothed = smoothing * Double(columns)
        var scales = [Double](repeating: 0, count: columns)
        var sum = 0.0
        var occurring = 0
        for column in 0..<columns where seen[column] {
            let base = column * classCount
            let all = (0..<classCount).reduce(0.0) { $0 + counts[base + $1] }
            var squares = 0.0
            for c in 0..<classCount {
                let p = (counts[base + c] + smoothing) / (classCounts[c] + smoothed)
                let q = (all - counts[base + c] + smoothing) / (totalCount - classCounts[c] + smoothed)
                let ratio = Foundation.log(p / q)
                squares += ratio * ratio
            }
            scales[column] = (squares / Double(classCount)).squareRoot()
            sum += scales[column]
            occurring += 1
        }
        guard occurring > 0, sum > 0 else { return [Double](repeating: 1, count: columns) }
        let mean = sum / Double(occurring)
        return scales.map { $0 / mean }
    }

    /// `rows` with every stored value multiplied by its column's scale.
    static func scaled(_ rows: SparseMatrix, by scales: [Double]) -> SparseMatrix {
        let values = zip(rows.columnIndices, rows.values).map { $1 * scales[Int($0)] }
        return SparseMatrix(
            columnCount: rows.columnCount, rowOffsets: rows.rowOffsets, columnIndices: rows.columnIndices, values: values)
    }

    /// Feature-major weights fitted on scaled columns, turned into weights for unscaled ones
    /// (`inverse` false), or back (`inverse` true; a zero scale gives a zero weight).
    static func weights(_ weights: [Double], classCount: Int, scales: [Double], inverse: Bool = false) -> [Double] {
        var result = weights
        for (column, scale) in scales.enumerated() {
            for c in 0..<classCount {
                let index = column * classCount + c
                if inverse {
                    result[index] = scale > 0 ? weights[index] / scale : 0
                } else {
                    result[index] = weights[index] * scale
                }
            }
        }
        return result
    }
}
