import CStanceKernels
import Dispatch
import Foundation
import Synchronization

/// The penalized weighted softmax cross-entropy and its gradient, evaluated in parallel.
///
/// Parameters are laid out as `θ = [W (featureCount × classCount, feature-major); b (classCount)]`,
/// i.e. the bias is feature `featureCount` with constant value 1.
///
/// One evaluation is one pass over the rows: each row's scores, softmax, loss and gradient
/// contribution are computed while its entries are in cache. Rows are split into a fixed
/// number of chunks that depends only on the data (never on the thread count); each chunk
/// sums into its own gradient buffer and the buffers are added in chunk order, so results
/// are bit-for-bit identical for any `jobs` and on any machine.
final class SoftmaxObjective: @unchecked Sendable {
    let rows: SparseMatrix
    let labels: [Int]
    let rowWeights: [Double]
    let classCount: Int
    let featureCount: Int
    let l2Penalty: Double
    /// `(featureCount + 1) × classCount`.
    let parameterCount: Int
    /// Row ranges evaluated independently.
    let chunks: [Range<Int>]
    /// Threads that evaluate chunks; only the speed depends on it, never the result.
    let jobs: Int
    /// `chunks.count × parameterCount` scratch gradients; owned, freed in `deinit`.
    private let chunkGradients: UnsafeMutablePointer<Double>
    /// One loss per chunk, summed in chunk order; owned, freed in `deinit`.
    private let chunkLosses: UnsafeMutablePointer<Double>
    /// Evaluations performed so far.
    private(set) var evaluationCount = 0
    /// Whether 2–4 classes take the AVX row pass (`CStanceKernels`) instead of the Swift SIMD4
    /// loop; both give the same bits, so tests switch it off to compare them.
    var usesAVXKernel = SoftmaxObjective.avxAvailable

    /// Whether this CPU and OS support AVX; asked once per process.
    static let avxAvailable = stance_avx_available() != 0

    /// Upper bound on chunks: 16 keeps 2–16 threads busy (and evens out a thread that the
    /// scheduler delays on a shared machine) while the reduction stays cheap.
    static let maximumChunkCount = 16
    /// Rows per chunk below which splitting costs more than it saves.
    static let minimumRowsPerChunk = 2_048
    /// Cap on the scratch gradients (in doubles, 256 MB) so wide models do not multiply memory.
    static let scratchBudget = 32 * 1_024 * 1_024
    /// Parameters per reduction slice: large enough to amortise a task, small enough to spread.
    static let reductionSlice = 16_384

    /// Sets up the scratch buffers; `jobs` threads (at least 1) evaluate the chunks.
    init(rows: SparseMatrix, labels: [Int], rowWeights: [Double], classCount: Int, l2Penalty: Double, jobs: Int = 1) {
        self.rows = rows
        self.labels = labels
        self.rowWeights = rowWeights
        self.classCount = classCount
        self.featureCount = rows.columnCount
        self.l2Penalty = l2Penalty
        self.jobs = max(1, jobs)
        parameterCount = (rows.columnCount + 1) * classCount
        let byRows = rows.rowCount / Self.minimumRowsPerChunk
        let byMemory = Self.scratchBudget / max(parameterCount, 1)
        let chunkCount = max(1, min(Self.maximumChunkCount, byRows, byMemory))
        let rowCount = rows.rowCount
        chunks = (0..<chunkCount).map { c in (c * rowCount / chunkCount)..<((c + 1) * rowCount / chunkCount) }
        chunkGradients = .allocate(capacity: chunkCount * parameterCount)
        chunkLosses = .allocate(capacity: chunkCount)
    }

    deinit {
        chunkGradients.deallocate()
        chunkLosses.deallocate()
    }

    /// Returns `f(θ)` and writes `∇f(θ)` into `gradient` (length `parameterCount`).
    func evaluate(_ theta: [Double], gradient: inout [Double]) -> Double {
        precondition(theta.count == parameterCount && gradient.count == parameterCount)
        evaluationCount += 1
        let chunkCount = chunks.count
        let P = parameterCount
        theta.withUnsafeBufferPointer { thetaBuffer in
            gradient.withUnsafeMutableBufferPointer { gradientBuffer in
                // Each chunk writes only its own loss slot and gradient buffer, each reduction
                // slice only its own range of `gradient`, and θ is read-only here, so sharing
                // the raw pointers across threads is race-free.
                // safe: parameterCount ≥ 2, so both buffers have a base address.
                let shared = SharedPointers(
                    theta: thetaBuffer.baseAddress!, scratch: chunkGradients, losses: chunkLosses, gradient: gradientBuffer.baseAddress!)
                run(tasks: chunkCount) { c in
                    shared.losses[c] = self.accumulate(chunk: self.chunks[c], theta: shared.theta, gradient: shared.scratch + c * P)
                }
                // g[j] = ((c₀[j] + c₁[j]) + c₂[j]) + …: the chunk order is fixed per parameter,
                // so slicing the parameters across threads cannot change a bit.
                let sliceCount = (P + Self.reductionSlice - 1) / Self.reductionSlice
                run(tasks: sliceCount) { s in
                    let start = s * Self.reductionSlice
                    let end = min(P, start + Self.reductionSlice)
                    let out = shared.gradient
                    for j in start..<end { out[j] = shared.scratch[j] }
                    for c in 1..<max(chunkCount, 1) {
                        let part = shared.scratch + c * P
                        for j in start..<end { out[j] += part[j] }
                    }
                }
            }
        }
        var loss = 0.0
        for c in 0..<chunkCount { loss += chunkLosses[c] }
        // Penalty on W only: f += (λ/2)‖W‖², ∇W += λW.
        let weightCount = featureCount * classCount
        if l2Penalty != 0 && weightCount > 0 {
            theta.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in
                    let w = t.baseAddress!  // safe: weightCount > 0
                    loss += 0.5 * l2Penalty * BLAS.dot(weightCount, w, w)
                    BLAS.axpy(weightCount, l2Penalty, w, g.baseAddress!)  // safe: same length as theta
                }
            }
        }
        return loss
    }

    /// Runs `body(0 ..< tasks)` on up to `jobs` threads, each taking the next task index in
    /// turn (so a delayed thread holds up at most one task); serially when `jobs` is 1.
    private func run(tasks: Int, _ body: @Sendable (Int) -> Void) {
        let threads = min(jobs, tasks)
        if threads <= 1 {
            for task in 0..<tasks { body(task) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if task >= tasks { break }
                body(task)
            }
        }
    }

    /// Sums the weighted loss of `chunk` and writes its (unpenalized) gradient into `gradient`.
    private func accumulate(chunk: Range<Int>, theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        gradient.initialize(repeating: 0, count: parameterCount)
        // Small class counts use one SIMD register per K-vector: the scores stay in a register
        // instead of being stored and reloaded for every nonzero.
        switch classCount {
        case 2...4 where usesAVXKernel:
            return withRowBuffers { offsets, columns, values, rowWeights, labels in
                // A nil base address (an empty array) is never read through: its rows have no entries.
                stance_softmax_rows_avx(
                    offsets.baseAddress, columns.baseAddress, values.baseAddress, rowWeights.baseAddress, labels.baseAddress,
                    chunk.lowerBound, chunk.upperBound, classCount, featureCount, theta, gradient)
            }
        case 2...4: return accumulate(chunk: chunk, theta: theta, gradient: gradient, lanes: SIMD4<Double>.self)
        case 5...8: return accumulate(chunk: chunk, theta: theta, gradient: gradient, lanes: SIMD8<Double>.self)
        default: return accumulateScalar(chunk: chunk, theta: theta, gradient: gradient)
        }
    }

    /// The SIMD version of `accumulateScalar` for `classCount ≤ V.scalarCount`.
    ///
    /// Each K-vector is loaded and stored as a whole `V`; the lanes past `classCount` read
    /// the next feature's weights (or the biases) and write them back unchanged, because the
    /// residual is zero in those lanes (`exps` is zero there, and `g + x·0 = g` exactly for finite x). Every chunk has
    /// its own gradient buffer, so the extra lanes never race. The layout `(featureCount + 1) × K`
    /// with K ≥ 2 leaves room for the overhang: the widest read starts at `(F − 1)·K` and
    /// ends before `(F + 1)·K` whenever `V.scalarCount ≤ 2K`, which the switch above guarantees.
    @inline(__always)
    private func accumulate<V: SIMD>(chunk: Range<Int>, theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>, lanes: V.Type)
        -> Double where V.Scalar == Double
    {
        let K = classCount
        let biasOffset = featureCount &* K
        let rawTheta = UnsafeRawPointer(theta)
        let rawGradient = UnsafeMutableRawPointer(gradient)
        var biases = V(repeating: 0)
        for k in 0..<K { biases[k] = theta[biasOffset + k] }
        var biasGradient = V(repeating: 0)
        var loss = 0.0
        withRowBuffers { offsets, columns, values, rowWeights, labels in
            var i = chunk.lowerBound
            while i < chunk.upperBound {
                // Two rows' scores at once: each row still adds its own terms in entry order,
                // so every bit is as in a row-by-row pass, but the two chains of dependent
                // additions (and their cache misses) overlap instead of waiting on each other.
                // (Measured 11 % less CPU on the million-row benchmark file; four rows were slower.)
                let pair = i &+ 1 < chunk.upperBound
                let startA = offsets[i], endA = offsets[i &+ 1]
                let endB = pair ? offsets[i &+ 2] : endA
                var scoresA = biases
                var scoresB = biases
                let common = min(endA &- startA, endB &- endA)
                for t in 0..<common {
                    let a = startA &+ t, b = endA &+ t
                    scoresA += values[a] * rawTheta.loadUnaligned(fromByteOffset: Int(columns[a]) &* K &* 8, as: V.self)
                    scoresB += values[b] * rawTheta.loadUnaligned(fromByteOffset: Int(columns[b]) &* K &* 8, as: V.self)
                }
                for a in (startA &+ common)..<endA {
                    scoresA += values[a] * rawTheta.loadUnaligned(fromByteOffset: Int(columns[a]) &* K &* 8, as: V.self)
                }
                for b in (endA &+ common)..<endB {
                    scoresB += values[b] * rawTheta.loadUnaligned(fromByteOffset: Int(columns[b]) &* K &* 8, as: V.self)
                }
                let weightA = rowWeights[i]
                if weightA != 0 {
                    let residual = Self.residual(scoresA, classCount: K, label: labels[i], weight: weightA, loss: &loss)
                    Self.scatter(residual, entries: startA..<endA, columns: columns, values: values, classCount: K, into: rawGradient)
                    biasGradient += residual
                }
                let weightB = pair ? rowWeights[i &+ 1] : 0
                if weightB != 0 {
                    let residual = Self.residual(scoresB, classCount: K, label: labels[i &+ 1], weight: weightB, loss: &loss)
                    Self.scatter(residual, entries: endA..<endB, columns: columns, values: values, classCount: K, into: rawGradient)
                    biasGradient += residual
                }
                i = i &+ 2
            }
        }
        for k in 0..<K { gradient[biasOffset + k] += biasGradient[k] }
        return loss
    }

    /// Adds `x_e · residual` to the gradient K-vector of each entry's column.
    @inline(__always)
    private static func scatter<V: SIMD>(
        _ residual: V, entries: Range<Int>, columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Double>, classCount K: Int,
        into gradient: UnsafeMutableRawPointer
    ) where V.Scalar == Double {
        for e in entries {
            let offset = Int(columns[e]) &* K &* 8
            let updated = gradient.loadUnaligned(fromByteOffset: offset, as: V.self) + values[e] * residual
            gradient.storeBytes(of: updated, toByteOffset: offset, as: V.self)
        }
    }

    /// Adds one row's weighted loss to `loss` and returns its residual `w·(p − onehot(y))`.
    ///
    /// Softmax with one exp per class: p = e / Σe with e = exp(s − max s), which also gives
    /// log Σ exp(s) = max s + log Σe for the loss.
    @inline(__always)
    private static func residual<V: SIMD>(_ scores: V, classCount K: Int, label: Int, weight: Double, loss: inout Double) -> V
    where V.Scalar == Double {
        var maximum = scores[0]
        for k in 1..<K where scores[k] > maximum { maximum = scores[k] }
        var exps = V(repeating: 0)
        var total = 0.0
        for k in 0..<K {
            exps[k] = Foundation.exp(scores[k] - maximum)
            total += exps[k]
        }
        loss += weight * (maximum + Foundation.log(total) - scores[label])
        var residual = exps * (weight / total)
        residual[label] -= weight
        return residual
    }

    /// Runs `body` on the CSR arrays, row weights and labels as buffers, so the hot loops
    /// index without bounds checks or retains.
    @inline(__always)
    private func withRowBuffers<R>(
        _ body: (
            UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>,
            UnsafeBufferPointer<Int>
        ) -> R
    ) -> R {
        rows.rowOffsets.withUnsafeBufferPointer { offsets in
            rows.columnIndices.withUnsafeBufferPointer { columns in
                rows.values.withUnsafeBufferPointer { values in
                    rowWeights.withUnsafeBufferPointer { weights in
                        labels.withUnsafeBufferPointer { labels in body(offsets, columns, values, weights, labels) }
                    }
                }
            }
        }
    }

    /// log Σₖ exp(score(k)), shifted by the largest score so no term overflows.
    @inline(__always)
    private static func logNormalizer(_ K: Int, _ score: (Int) -> Double) -> Double {
        var maximum = score(0)
        for k in 1..<K where score(k) > maximum { maximum = score(k) }
        var total = 0.0
        for k in 0..<K { total += Foundation.exp(score(k) - maximum) }
        return maximum + Foundation.log(total)
    }

    /// Plain loops for any class count.
    private func accumulateScalar(chunk: Range<Int>, theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        let K = classCount
        let biasOffset = featureCount * K
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: K)
        defer { scores.deallocate() }
        var loss = 0.0
        withRowBuffers { offsets, columns, values, rowWeights, labels in
            for i in chunk {
                let weight = rowWeights[i]
                if weight == 0 { continue }
                let start = offsets[i], end = offsets[i + 1]
                for k in 0..<K { scores[k] = theta[biasOffset + k] }
                for e in start..<end {
                    let w = theta + Int(columns[e]) * K
                    let x = values[e]
                    for k in 0..<K { scores[k] += x * w[k] }
                }
                let logNormalizer = Self.logNormalizer(K) { scores[$0] }
                let label = labels[i]
                loss += weight * (logNormalizer - scores[label])
                // Residual r = w·(p − onehot(y)), reusing the score buffer.
                for k in 0..<K { scores[k] = weight * Foundation.exp(scores[k] - logNormalizer) }
                scores[label] -= weight
                for e in start..<end {
                    let g = gradient + Int(columns[e]) * K
                    let x = values[e]
                    for k in 0..<K { g[k] += x * scores[k] }
                }
                for k in 0..<K { gradient[biasOffset + k] += scores[k] }
            }
        }
        return loss
    }

    /// Writes the Hessian of `f` at `θ` (row-major, `parameterCount²`) into `hessian`.
    ///
    /// The loss is unchanged when every bias moves by the same amount, so its Hessian is
    /// singular along `u = (0, …, 0, 1, …, 1)`. We add `uuᵀ`: the gradient is always
    /// orthogonal to `u`, so the Newton step is unchanged in every other direction and has
    /// no component along `u`, while the matrix becomes positive definite for Cholesky.
    func hessian(at theta: [Double], into hessian: UnsafeMutablePointer<Double>) {
        let K = classCount
        let P = parameterCount
        let biasOffset = featureCount * K
        hessian.initialize(repeating: 0, count: P * P)
        var scores = [Double](repeating: 0, count: K)
        var curvature = [Double](repeating: 0, count: K * K)
        var entries: [(offset: Int, value: Double)] = []
        for i in 0..<rows.rowCount {
            let weight = rowWeights[i]
            if weight == 0 { continue }
            let row = rows.row(i)
            for k in 0..<K { scores[k] = theta[biasOffset + k] }
            entries.removeAll(keepingCapacity: true)
            for (index, x) in zip(row.indices, row.values) {
                let offset = Int(index) * K
                for k in 0..<K { scores[k] += x * theta[offset + k] }
                entries.append((offset, x))
            }
            entries.append((biasOffset, 1))
            let p = MultinomialLogisticRegression.softmax(scores)
            for k in 0..<K {
                for l in 0..<K { curvature[k * K + l] = weight * ((k == l ? p[k] : 0) - p[k] * p[l]) }
            }
            for a in entries {
                for b in entries {
                    let scale = a.value * b.value
                    for k in 0..<K {
                        let line = hessian + (a.offset + k) * P + b.offset
                        for l in 0..<K { line[l] += scale * curvature[k * K + l] }
                    }
                }
            }
        }
        for j in 0..<biasOffset { hessian[j * P + j] += l2Penalty }
        for k in 0..<K {
            for l in 0..<K { hessian[(biasOffset + k) * P + biasOffset + l] += 1 }
        }
    }
}

/// Raw pointers handed to worker threads; see `SoftmaxObjective.evaluate` for why this is safe.
private struct SharedPointers: @unchecked Sendable {
    let theta: UnsafePointer<Double>
    let scratch: UnsafeMutablePointer<Double>
    let losses: UnsafeMutablePointer<Double>
    let gradient: UnsafeMutablePointer<Double>
}
