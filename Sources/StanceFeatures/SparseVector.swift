import Foundation

/// Sorted, duplicate-free sparse feature row.
///
/// `indices` are strictly increasing column numbers and `values[k]` belongs to
/// `indices[k]`; every constructor in this module keeps that invariant, so consumers
/// (the sparse matrix in StanceLearning) can merge rows without sorting again.
public struct SparseVector: Equatable, Sendable {
    /// Column numbers, strictly increasing.
    public var indices: [Int32]
    /// The value at each column in `indices`.
    public var values: [Double]

    /// Creates a vector from columns that are already strictly increasing.
    package init(indices: [Int32], values: [Double]) {
        precondition(indices.count == values.count, "SparseVector: \(indices.count) indices but \(values.count) values")
        self.indices = indices
        self.values = values
    }

    /// The empty vector.
    package init() {
        indices = []
        values = []
    }

    /// Creates a vector from unordered pairs, summing the values of repeated columns.
    package init(unsortedPairs pairs: [(index: Int32, value: Double)]) {
        let sorted = pairs.sorted { $0.index < $1.index }
        var indices: [Int32] = []
        var values: [Double] = []
        indices.reserveCapacity(sorted.count)
        values.reserveCapacity(sorted.count)
        for pair in sorted {
            if let last = indices.last, last == pair.index {
                values[values.count - 1] += pair.value
            } else {
                indices.append(pair.index)
                values.append(pair.value)
            }
        }
        self.indices = indices
        self.values = values
    }

    /// Number of stored (non-zero) entries.
    package var count: Int { indices.count }

    /// Whether no entry is stored.
    package var isEmpty: Bool { indices.isEmpty }

    /// The value at `index`, zero when it is not stored.
    package subscript(index: Int32) -> Double {
        var low = 0
        var high = indices.count
        while low < high {
            let middle = (low + high) / 2
            if indices[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low < indices.count && indices[low] == index ? values[low] : 0
    }

    /// Euclidean length `sqrt(Σ vₖ²)`.
    package var norm: Double {
        var sum = 0.0
        for value in values { sum += value * value }
        return sum.squareRoot()
    }

    /// This vector scaled to unit Euclidean length; the zero vector stays zero.
    package func normalized() -> SparseVector {
        let length = norm
        guard length > 0 else { return self }
        return SparseVector(indices: indices, values: values.map { $0 / length })
    }

    /// The sum of two vectors; columns present in both are added.
    package func adding(_ other: SparseVector) -> SparseVector {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var indices: [Int32] = []
        var values: [Double] = []
        indices.reserveCapacity(count + other.count)
        values.reserveCapacity(count + other.count)
        var left = 0
        var right = 0
        while left < count || right < other.count {
            if right == other.count || (left < count && self.indices[left] < other.indices[right]) {
                indices.append(self.indices[left])
                values.append(self.values[left])
                left += 1
            } else if left == count || other.indices[right] < self.indices[left] {
                indices.append(other.indices[right])
                values.append(other.values[right])
                right += 1
            } else {
                indices.append(self.indices[left])
                values.append(self.values[left] + other.values[right])
                left += 1
                right += 1
            }
        }
        return SparseVector(indices: indices, values: values)
    }
}
