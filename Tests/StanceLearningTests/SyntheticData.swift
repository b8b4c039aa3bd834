import Foundation

@testable import StanceLearning

/// Small reproducible classification problems for the tests.
enum SyntheticData {
    /// `rowCount` sparse rows over `featureCount` features with labels drawn from a random
    /// softmax model, so the classes overlap and the optimum is finite and unique.
    static func make(rowCount: Int, featureCount: Int, classCount: Int, nonzerosPerRow: Int, seed: UInt64) -> (
        rows: SparseMatrix, labels: [Int]
    ) {
        var generator = SeededGenerator(seed: seed)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        let truth = (0..<featureCount * classCount).map { _ in 4 * uniform() - 2 }
        var rows = SparseMatrix(columnCount: featureCount)
        var labels: [Int] = []
        for _ in 0..<rowCount {
            var chosen = Set<Int32>()
            while chosen.count < min(nonzerosPerRow, featureCount) { chosen.insert(Int32(generator.next() % UInt64(featureCount))) }
            let indices = chosen.sorted()  // a Set's order differs per process; sorted keeps the data seeded
            let values = indices.map { _ in 0.2 + uniform() }
            var scores = [Double](repeating: 0, count: classCount)
            for (index, value) in zip(indices, values) {
                for k in 0..<classCount { scores[k] += value * truth[Int(index) * classCount + k] }
            }
            let maximum = scores.max()!
            let weights = scores.map { exp($0 - maximum) }
            var draw = uniform() * weights.reduce(0, +)
            var label = classCount - 1
            for k in 0..<classCount {
                draw -= weights[k]
                if draw <= 0 {
                    label = k
                    break
                }
            }
            rows.appendRow(indices: indices, values: values)
            labels.append(label)
        }
        // Make sure every class occurs so fits see K real classes.
        for k in 0..<classCount where !labels.contains(k) { labels[k] = k }
        return (rows, labels)
    }
}
