/// Labeled feature rows ready for training: what every input format is turned into.
public struct LabeledDataset: Sendable {
    /// One feature row per example.
    public var rows: SparseMatrix
    /// Class index of each row, into `labelNames`.
    public var labels: [Int]
    /// Class names in class-index order.
    public var labelNames: [String]
    /// Optional per-row weights (nil means 1 for every row).
    package var sampleWeights: [Double]?
    /// SHA-256 (lowercase hex) of the input bytes, recorded in the model file to tie it to its data.
    package var sourceDigest: String?
    /// 1-based source line of each row, for error messages that point back into the file.
    package var sourceLines: [Int]?

    /// Creates a dataset.
    package init(
        rows: SparseMatrix, labels: [Int], labelNames: [String], sampleWeights: [Double]? = nil, sourceDigest: String? = nil,
        sourceLines: [Int]? = nil
    ) {
        (self.rows, self.labels, self.labelNames, self.sampleWeights) = (rows, labels, labelNames, sampleWeights)
        (self.sourceDigest, self.sourceLines) = (sourceDigest, sourceLines)
    }
}

/// Anything that can produce a `LabeledDataset` (LIBSVM files here; text formats in StanceKit).
package protocol LabeledDataSource {
    /// Reads and validates the whole source.
    /// - Throws: an error whose message names the file, the line and the fix.
    func load() throws -> LabeledDataset
}
