import CStanceBLAS

/// Lloyd's k-means with k-means++ seeding, deterministic for a seed.
///
/// Seeding follows Arthur & Vassilvitskii (2007): the first centre is a uniformly drawn
/// point, each next one a point drawn with probability proportional to its squared
/// distance from the nearest centre so far (draws from `SeededGenerator`, so a seed means
/// the same centres everywhere). Each Lloyd step assigns every point to its nearest centre
/// (squared distances as `‖x‖² − 2 x·c + ‖c‖²`, the cross products in one BLAS `dgemm`;
/// ties go to the lower centre) and moves every centre to its points' mean; a centre that
/// loses all its points stays where it was. Stops when no assignment changes.
package enum KMeans {
    /// The outcome of clustering.
    package struct Clustering: Sendable, Equatable {
        /// Cluster of each point, in `0 ..< k`.
        package var assignments: [Int]
        /// `k × dimension`, row-major.
        package var centres: [Double]
        /// Lloyd steps run.
        package var iterations: Int
        /// Sum of squared distances of points to their centres.
        package var inertia: Double
    }

    /// Clusters the rows of a row-major `count × dimension` matrix into `k` groups (clamped
    /// to the number of points).
    /// - Parameter maxIterations: a cap on Lloyd steps; 100 is scikit-learn's `max_iter`.
    package static func cluster(
        _ points: [Double], dimension: Int, k: Int, seed: UInt64 = 0, maxIterations: Int = 100
    ) -> Clustering {
        let count = dimension > 0 ? points.count / dimension : 0
        let k = max(0, min(k, count))
        guard k > 0 else { return Clustering(assignments: [Int](repeating: 0, count: count), centres: [], iterations: 0, inertia: 0) }
        let norms = (0..<count).map { row in
            points[(row * dimension)..<((row + 1) * dimension)].reduce(0) { $0 + $1 * $1 }
        }
        var centres = seedCentres(points, norms: norms, dimension: dimension, k: k, seed: seed)
        var assignments = [Int](repeating: -1, count: count)
        var iterations = 0
        var inertia = 0.0
        while iterations < maxIterations {
            iterations += 1
            let (next, total) = assign(points, norms: norms, centres: centres, dimension: dimension, k: k)
            inertia = total
            if next == assignments { break }
            assignments = next
            var sums = [Double](repeating: 0, count: k * dimension)
            var sizes = [Int](repeating: 0, count: k)
            for row in 0..<count {
                let cluster = assignments[row]
                sizes[cluster] += 1
                for column in 0..<dimension { sums[cluster * dimension + column] += points[row * dimension + column] }
            }
            for cluster in 0..<k where sizes[cluster] > 0 {
                for column in 0..<dimension {
                    centres[cluster * dimension + column] = sums[cluster * dimension + column] / Double(sizes[cluster])
                }
            }
        }
        return Clustering(assignments: assignments, centres: centres, iterations: iterations, inertia: inertia)
    }

    /// k-means++ centres, as copies of `k` distinct points.
    static func seedCentres(_ points: [Double], norms: [Double], dimension: Int, k: Int, seed: UInt64) -> [Double] {
        let count = norms.count
        var generator = SeededGenerator(seed: seed)
        var centres: [Double] = []
        centres.reserveCapacity(k * dimension)
        var nearest = [Double](repeating: .infinity, count: count)
        var chosen = Int(generator.next() % UInt64(count))
        for _ in 0..<k {
            centres.append(contentsOf: points[(chosen * dimension)..<((chosen + 1) * dimension)])
            var total = 0.0
            for row in 0..<count {
                var distance = 0.0
                for column in 0..<dimension {
                    let difference = points[row * dimension + column] - points[chosen * dimension + column]
                    distance += difference * difference
                }
                nearest[row] = min(nearest[row], distance)
                total += nearest[row]
            }
            // Draw the next centre; with every point on a centre already, take the first unused.
            var target = Double(generator.next() >> 11) / 9_007_199_254_740_992 * total
            var pick = -1
            for row in 0..<count where nearest[row] > 0 {
                pick = row
                target -= nearest[row]
                if target < 0 { break }
            }
            chosen = pick >= 0 ? pick : chosen
        }
        return centres
    }

    /// Nearest centre of every point and the total squared distance.
    static func assign(_ points: [Double], norms: [Double], centres: [Double], dimension: Int, k: Int)
        -> (assignments: [Int], inertia: Double)
    {
        let count = norms.count
        var centreNorms = [Double](repeating: 0, count: k)
        for cluster in 0..<k {
            for column in 0..<dimension {
                centreNorms[cluster] += centres[cluster * dimension + column] * centres[cluster * dimension + column]
            }
        }
        var assignments = [Int](repeating: 0, count: count)
        var inertia = 0.0
        // Blocks of points keep the cross-product matrix small.
        let block = 1024
        var products = [Double](repeating: 0, count: block * k)
        var start = 0
        while start < count {
            let size = min(block, count - start)
            points.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                cblas_dgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(size), Int32(k), Int32(dimension), 1,
                    base + start * dimension, Int32(dimension), centres, Int32(dimension), 0, &products, Int32(k))
            }
            for offset in 0..<size {
                var best = 0
                var bestDistance = Double.infinity
                for cluster in 0..<k {
                    let distance = centreNorms[cluster] - 2 * products[offset * k + cluster]
                    if distance < bestDistance {
                        bestDistance = distance
                        best = cluster
                    }
                }
                assignments[start + offset] = best
                inertia += max(0, bestDistance + norms[start + offset])
            }
            start += size
        }
        return (assignments, inertia)
    }
}
