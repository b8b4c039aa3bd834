/// A compressed sparse row (CSR) matrix of feature rows: the input format of every learner here.
///
/// Row `i` owns the entries `rowOffsets[i] ..< rowOffsets[i + 1]` of `columnIndices` and
/// `values`; indices are 0-based, sorted ascending and unique within a row (`appendRow`
/// sorts and sums duplicates), which is the layout liblinear and SciPy's `csr_matrix` use.
public struct SparseMatrix: Equatable, Sendable {
    /// Number of columns (features); every stored index is below it.
    public let columnCount: Int
    /// Start of each row in `columnIndices`/`values`; `rowCount + 1` entries, first is 0.
    package private(set) var rowOffsets: [Int]
    /// Column index of each stored entry, row after row.
    package private(set) var columnIndices: [Int32]
    /// Value of each stored entry, parallel to `columnIndices`.
    package private(set) var values: [Double]

    /// Creates an empty matrix with `columnCount` columns and no rows.
    public init(columnCount: Int) {
        precondition(columnCount >= 0 && columnCount <= Int(Int32.max), "columnCount must fit in Int32")
        self.columnCount = columnCount
        rowOffsets = [0]
        columnIndices = []
        values = []
    }

    /// Wraps CSR arrays that are already valid (sorted unique in-range indices per row).
    init(columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Double]) {
        self.columnCount = columnCount
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Number of rows appended so far.
    public var rowCount: Int { rowOffsets.count - 1 }

    /// Number of stored entries over all rows.
    package var nonzeroCount: Int { columnIndices.count }

    /// Reserves storage for `rows` more rows holding `nonzeros` more entries, so a reader that
    /// knows the size up front never pays for array regrowth (which briefly doubles memory).
    package mutating func reserveCapacity(rows: Int, nonzeros: Int) {
        rowOffsets.reserveCapacity(rowOffsets.count + rows)
        columnIndices.reserveCapacity(columnIndices.count + nonzeros)
        values.reserveCapacity(values.count + nonzeros)
    }

    /// Appends one row given 0-based column indices and values, in any order.
    ///
    /// Duplicate indices are summed and explicit zeros are kept (they cost nothing in the
    /// math). Indices must lie in `0 ..< columnCount`: callers validate user input first,
    /// so a violation here is a programming error.
    public mutating func appendRow(indices: [Int32], values rowValues: [Double]) {
        precondition(indices.count == rowValues.count, "indices and values must have the same length")
        var isSorted = true
        for position in indices.indices {
            let index = indices[position]
            precondition(index >= 0 && Int(index) < columnCount, "column index \(index) outside 0..<\(columnCount)")
            if position > 0 && indices[position - 1] >= index { isSorted = false }
        }
        if isSorted {
            columnIndices.append(contentsOf: indices)
            values.append(contentsOf: rowValues)
        } else {
            let order = indices.indices.sorted { (indices[$0], $0) < (indices[$1], $1) }
            var lastIndex: Int32 = -1
            for position in order {
                if indices[position] == lastIndex {
                    values[values.count - 1] += rowValues[position]
                } else {
                    lastIndex = indices[position]
                    columnIndices.append(lastIndex)
                    values.append(rowValues[position])
                }
            }
        }
        rowOffsets.append(columnIndices.count)
    }

    /// Appends a row whose indices are already sorted, unique and in range (the reader's fast path).
    mutating func appendValidatedRow<I: Collection<Int32>, V: Collection<Double>>(indices: I, values rowValues: V) {
        columnIndices.append(contentsOf: indices)
        values.append(contentsOf: rowValues)
        rowOffsets.append(columnIndices.count)
    }

    /// The stored entries of row `index`.
    package func row(_ index: Int) -> SparseRow {
        let range = rowOffsets[index]..<rowOffsets[index + 1]
        return SparseRow(indices: columnIndices[range], values: values[range])
    }

    /// A new matrix holding the given rows in the given order (used for folds and splits).
    package func rows<S: Sequence<Int>>(at selection: S) -> SparseMatrix {
        var result = SparseMatrix(columnCount: columnCount)
        for index in selection {
            let range = rowOffsets[index]..<rowOffsets[index + 1]
            result.appendValidatedRow(indices: columnIndices[range], values: values[range])
        }
        return result
    }

    /// The same rows viewed with a wider column count, e.g. to match a model trained on more features.
    package func withColumnCount(_ newColumnCount: Int) -> SparseMatrix {
        precondition(newColumnCount >= columnCount, "use a column count at least as large as the current one")
        var result = SparseMatrix(columnCount: newColumnCount)
        result.rowOffsets = rowOffsets
        result.columnIndices = columnIndices
        result.values = values
        return result
    }
}

/// One row of a `SparseMatrix`: parallel slices of sorted 0-based column indices and values.
package struct SparseRow: Sendable {
    /// Sorted 0-based column indices of the stored entries.
    package let indices: ArraySlice<Int32>
    /// Values parallel to `indices`.
    package let values: ArraySlice<Double>
}
