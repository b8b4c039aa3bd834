import Foundation
import StanceFeatures
import StanceLearning

/// The settings of one word-cluster build; every default is the shipped file's.
package struct WordClusterSettings: Sendable, Equatable {
    /// Context words counted on each side of a word. Default 4: a narrow window groups words
    /// by function ("rejected" with "dismissed"), a wide one by topic (Levy et al. 2015 use 2–10).
    package var window = 4
    /// Words seen fewer times are neither clustered nor counted as contexts. Default 5:
    /// rarer words have too few contexts for a stable vector (word2vec's `min_count`).
    package var minimumCount = 5
    /// Context-distribution smoothing α of the PPMI (see `PositivePMI`). Default 0.75.
    package var smoothing = 0.75
    /// SVD dimensions kept. Default 100.
    package var dimensions = 100
    /// Exponent p of the singular values in the word vectors `U Σ^p`. Default 0.5, the
    /// symmetric weighting Levy et al. found at least as good as p = 1.
    package var singularValueExponent = 0.5
    /// Number of clusters. Default 300.
    package var clusters = 300
    /// Key words by light stem, as the context features do by default. Default `true`.
    package var stem = true
    /// Seed of the SVD's random projection and of k-means++. Default 0.
    package var seed: UInt64 = 0

    /// Creates the default settings.
    package init() {}
}

/// The result of a build: every clustered word with its cluster and count.
package struct WordClusterTable: Sendable, Equatable {
    /// Words by descending count (ties by text); `clusters[i]` is the cluster of `words[i]`.
    package var words: [String]
    /// Cluster id of each word, numbered in order of each cluster's most frequent word.
    package var clusters: [Int]
    /// Occurrences of each word in the text.
    package var counts: [Int]
    /// Words in the text (after tokenization) and the Lloyd steps k-means ran.
    package var tokenCount: Int, iterations: Int
}

/// Learns word clusters from unlabeled text: co-occurrence counts in a symmetric window,
/// PPMI, truncated SVD, row-normalised vectors, k-means. Deterministic for a seed.
package enum WordClusterBuilder {
    /// Builds clusters from text units (paragraphs or sentences: windows do not cross them).
    /// - Throws: `StanceKitError` when the text has too few distinct words, or the SVD fails.
    package static func build(
        units: [String], settings: WordClusterSettings, progress: (String) -> Void = { _ in }
    ) throws -> WordClusterTable {
        let sequences = units.map { WordClusters.contextWords(of: $0, stem: settings.stem) }
        var counts: [String: Int] = [:]
        var tokenCount = 0
        for words in sequences {
            tokenCount += words.count
            for word in words { counts[word, default: 0] += 1 }
        }
        let vocabulary = counts.filter { $0.value >= max(1, settings.minimumCount) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        guard vocabulary.count >= max(2, settings.clusters) else {
            throw StanceKitError(
                "word clusters: \(vocabulary.count) words occur at least \(settings.minimumCount) times, fewer than "
                    + "the \(settings.clusters) clusters asked for; add text or lower --clusters / --min-count")
        }
        progress("\(tokenCount) words, \(vocabulary.count) kept (count ≥ \(settings.minimumCount))")
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, Int32($0)) })
        let cooccurrence = countPairs(sequences.map { $0.compactMap { index[$0] } }, size: vocabulary.count, window: settings.window)
        let ppmi = PositivePMI.transform(cooccurrence, smoothing: settings.smoothing)
        progress("PPMI: \(vocabulary.count)² with \(ppmi.nonzeroCount) positive entries")
        let factors: TruncatedSVD.Factors
        do {
            factors = try TruncatedSVD.decompose(ppmi, rank: settings.dimensions, seed: settings.seed)
        } catch { throw StanceKitError("word clusters: \(error)") }
        let vectors = wordVectors(factors, rows: vocabulary.count, exponent: settings.singularValueExponent)
        let clustering = KMeans.cluster(vectors, dimension: factors.rank, k: settings.clusters, seed: settings.seed)
        progress("k-means: \(settings.clusters) clusters, \(clustering.iterations) iterations, inertia \(clustering.inertia)")
        // Renumber clusters by first appearance in frequency order, so ids read from common to rare.
        var renumbered: [Int: Int] = [:]
        let clusters = clustering.assignments.map { cluster -> Int in
            if let id = renumbered[cluster] { return id }
            renumbered[cluster] = renumbered.count
            return renumbered.count - 1
        }
        return WordClusterTable(
            words: vocabulary, clusters: clusters, counts: vocabulary.map { counts[$0] ?? 0 }, tokenCount: tokenCount,
            iterations: clustering.iterations)
    }

    /// Symmetric co-occurrence counts within `window` words, as a `size × size` matrix.
    static func countPairs(_ sequences: [[Int32]], size: Int, window: Int) -> SparseMatrix {
        var pairs: [UInt64: Double] = [:]
        for ids in sequences where ids.count > 1 {
            for (position, word) in ids.enumerated() {
                let end = min(ids.count - 1, position + max(1, window))
                guard end > position else { continue }
                for other in ids[(position + 1)...end] {
                    pairs[UInt64(UInt32(word)) << 32 | UInt64(UInt32(other)), default: 0] += 1
                    pairs[UInt64(UInt32(other)) << 32 | UInt64(UInt32(word)), default: 0] += 1
                }
            }
        }
        var rows = [[(column: Int32, count: Double)]](repeating: [], count: size)
        for (key, count) in pairs { rows[Int(key >> 32)].append((Int32(truncatingIfNeeded: key), count)) }
        var matrix = SparseMatrix(columnCount: size)
        for row in rows {
            let sorted = row.sorted { $0.column < $1.column }
            matrix.appendRow(indices: sorted.map(\.column), values: sorted.map(\.count))
        }
        return matrix
    }

    /// Rows of `U Σ^p` scaled to unit length (a word without contexts stays zero).
    static func wordVectors(_ factors: TruncatedSVD.Factors, rows: Int, exponent: Double) -> [Double] {
        let rank = factors.rank
        let scale = factors.singularValues.map { pow($0, exponent) }
        var vectors = factors.left
        for row in 0..<rows {
            var norm = 0.0
            for column in 0..<rank {
                vectors[row * rank + column] *= scale[column]
                norm += vectors[row * rank + column] * vectors[row * rank + column]
            }
            guard norm > 0 else { continue }
            let inverse = 1 / norm.squareRoot()
            for column in 0..<rank { vectors[row * rank + column] *= inverse }
        }
        return vectors
    }

    /// The file `Lexicons.load(directory:)` reads: `#` header lines (settings, sources),
    /// then `word<TAB>cluster` by cluster, most frequent word first.
    package static func render(_ table: WordClusterTable, header: [String]) -> String {
        var lines = header.map { "# " + $0 }
        let order = table.words.indices.sorted {
            table.clusters[$0] != table.clusters[$1] ? table.clusters[$0] < table.clusters[$1] : $0 < $1
        }
        for index in order { lines.append(table.words[index] + "\t" + String(table.clusters[index])) }
        return lines.joined(separator: "\n") + "\n"
    }
}
