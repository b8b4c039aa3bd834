import CStanceBLAS

/// Minimizes a `SoftmaxObjective` from θ = 0 with L-BFGS or Newton directions, both
/// followed by a strong-Wolfe line search and the same two stopping tests.
struct Optimizer {
    /// L-BFGS history length; 10 is SciPy's and scikit-learn's default.
    static let historyLength = 10
    /// Largest Newton parameter count: the Hessian is `P²` doubles (10,000² × 8 B = 800 MB).
    static let newtonParameterLimit = 10_000

    let objective: SoftmaxObjective
    let configuration: TrainingConfiguration
    let progress: ((TrainingProgress) -> Void)?

    /// Runs the configured solver; returns the minimizer and the report.
    func minimize() throws -> (parameters: [Double], report: TrainingReport) {
        let P = objective.parameterCount
        var hessian: UnsafeMutablePointer<Double>?
        if configuration.solver == .newton {
            guard P <= Self.newtonParameterLimit else {
                throw TrainingError.tooManyParametersForNewton(parameters: P, limit: Self.newtonParameterLimit)
            }
            hessian = .allocate(capacity: P * P)
        }
        defer { hessian?.deallocate() }

        var x = [Double](repeating: 0, count: P)
        var gradient = [Double](repeating: 0, count: P)
        var value = objective.evaluate(x, gradient: &gradient)
        var gradientNorm = BLAS.nrm2(gradient)
        let stop = StopTests(configuration: configuration, objective: objective, initialGradientNorm: gradientNorm)
        var trial = x
        var trialGradient = gradient
        var direction = x
        let lineSearch = StrongWolfeLineSearch(objective: objective)

        // L-BFGS history as a ring of (s, y, 1/sᵀy).
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var inverseCurvatures: [Double] = []
        var newest = -1
        var alphas = [Double](repeating: 0, count: Self.historyLength)

        var iteration = 0
        var stopReason = StopReason.maxIterations
        if stop.gradientPasses(gradient, norm: gradientNorm) { stopReason = .gradientTolerance }
        var justReset = false
        while stopReason == .maxIterations && iteration < configuration.maxIterations {
            iteration += 1
            var initialStep = 1.0
            if let hessian {
                try newtonDirection(at: x, gradient: gradient, hessian: hessian, into: &direction)
            } else if steps.isEmpty {
                for j in 0..<P { direction[j] = -gradient[j] }
                initialStep = min(1, 1 / gradientNorm)
            } else {
                // Two-loop recursion (Nocedal & Wright, Algorithm 7.4).
                BLAS.copy(gradient, &direction)
                let count = steps.count
                for back in 0..<count {
                    let i = (newest - back + count) % count
                    alphas[i] = inverseCurvatures[i] * BLAS.dot(steps[i], direction)
                    BLAS.axpy(-alphas[i], changes[i], &direction)
                }
                let gamma = 1 / (inverseCurvatures[newest] * BLAS.dot(changes[newest], changes[newest]))
                BLAS.scal(gamma, &direction)
                for forward in 0..<count {
                    let i = (newest + 1 + forward) % count
                    let beta = inverseCurvatures[i] * BLAS.dot(changes[i], direction)
                    BLAS.axpy(alphas[i] - beta, steps[i], &direction)
                }
                BLAS.scal(-1, &direction)
            }
            if BLAS.dot(direction, gradient) >= 0 {
                for j in 0..<P { direction[j] = -gradient[j] }
                initialStep = min(1, 1 / gradientNorm)
                steps.removeAll()
                changes.removeAll()
                inverseCurvatures.removeAll()
                newest = -1
            }
            let result = lineSearch.search(
                point: x, value: value, gradient: gradient, direction: direction, initialStep: initialStep, trial: &trial,
                trialGradient: &trialGradient)
            guard result.succeeded else {
                if !steps.isEmpty && !justReset {
                    // Stale curvature pairs can give a poor direction: retry once from steepest descent.
                    steps.removeAll()
                    changes.removeAll()
                    inverseCurvatures.removeAll()
                    newest = -1
                    justReset = true
                    continue
                }
                stopReason = .lineSearchFailed
                break
            }
            justReset = false
            if hessian == nil {
                // s = x₊ − x, y = g₊ − g, kept only when sᵀy > 0 so the update stays positive
                // definite. A full ring reuses its oldest slot's storage (no reallocation).
                let slot = steps.count < Self.historyLength ? steps.count : (newest + 1) % Self.historyLength
                let appended = slot == steps.count
                if appended {
                    steps.append(trial)
                    changes.append(trialGradient)
                    inverseCurvatures.append(0)
                } else {
                    BLAS.copy(trial, &steps[slot])
                    BLAS.copy(trialGradient, &changes[slot])
                }
                BLAS.axpy(-1, x, &steps[slot])
                BLAS.axpy(-1, gradient, &changes[slot])
                let sy = BLAS.dot(steps[slot], changes[slot])
                if sy > 1e-10 * BLAS.dot(changes[slot], changes[slot]) && sy > 0 {
                    inverseCurvatures[slot] = 1 / sy
                    newest = slot
                } else if appended {
                    steps.removeLast()
                    changes.removeLast()
                    inverseCurvatures.removeLast()
                } else {
                    // The oldest pair was overwritten by a rejected one: ρ = 0 makes the slot a
                    // no-op in the two-loop recursion until it is reused next iteration.
                    inverseCurvatures[slot] = 0
                }
            }
            let previousValue = value
            swap(&x, &trial)
            swap(&gradient, &trialGradient)
            value = result.value
            gradientNorm = BLAS.nrm2(gradient)
            progress?(TrainingProgress(iteration: iteration, objective: value, gradientNorm: gradientNorm))
            if stop.gradientPasses(gradient, norm: gradientNorm) {
                stopReason = .gradientTolerance
            } else if stop.objectivePasses(previous: previousValue, current: value) {
                stopReason = .objectiveTolerance
            }
        }
        let report = TrainingReport(
            objective: value, iterations: iteration, evaluations: objective.evaluationCount,
            converged: stopReason == .gradientTolerance || stopReason == .objectiveTolerance,
            stopReason: stopReason, gradientNorm: gradientNorm, solver: configuration.solver)
        return (x, report)
    }

    /// Solves `H d = −g` with LAPACK: Cholesky (`dposv`) first; if the matrix is not
    /// numerically positive definite, the symmetric indefinite solver `dsysv`.
    private func newtonDirection(at x: [Double], gradient: [Double], hessian: UnsafeMutablePointer<Double>, into direction: inout [Double])
        throws
    {
        let P = objective.parameterCount
        objective.hessian(at: x, into: hessian)
        for j in 0..<P { direction[j] = -gradient[j] }
        var info = direction.withUnsafeMutableBufferPointer { d in
            LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(P), 1, hessian, Int32(P), d.baseAddress, 1)
        }
        if info != 0 {
            objective.hessian(at: x, into: hessian)
            for j in 0..<P { direction[j] = -gradient[j] }
            var pivots = [Int32](repeating: 0, count: P)
            info = direction.withUnsafeMutableBufferPointer { d in
                pivots.withUnsafeMutableBufferPointer { pivot in
                    LAPACKE_dsysv(
                        LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(P), 1, hessian, Int32(P), pivot.baseAddress, d.baseAddress, 1)
                }
            }
            // A singular system leaves no Newton step; steepest descent keeps the fit going.
            if info != 0 { for j in 0..<P { direction[j] = -gradient[j] } }
        }
    }
}

/// The two convergence tests of `TrainingConfiguration.stopRule`, with their scales fixed at the start.
struct StopTests {
    let rule: StopRule
    /// The gradient measure at or below which the gradient test passes.
    let gradientThreshold: Double
    /// The smallest denominator of the relative objective decrease.
    let objectiveFloor: Double
    let objectiveTolerance: Double

    /// Scales the tolerances: by the starting gradient norm, or (`.gradientMax`) by the total
    /// row weight, which turns scikit-learn's tests on the mean objective into tests on `f`.
    init(configuration: TrainingConfiguration, objective: SoftmaxObjective, initialGradientNorm: Double) {
        rule = configuration.stopRule
        objectiveTolerance = configuration.objectiveTolerance
        switch rule {
        case .relativeNorm:
            gradientThreshold = configuration.tolerance * initialGradientNorm
            objectiveFloor = 1
        case .gradientMax:
            let weightTotal = objective.rowWeights.reduce(0, +)
            gradientThreshold = configuration.tolerance * weightTotal
            objectiveFloor = max(weightTotal, 1)
        }
    }

    /// The gradient test; `norm` is `‖gradient‖₂`, already computed for the progress report.
    func gradientPasses(_ gradient: [Double], norm: Double) -> Bool {
        switch rule {
        case .relativeNorm: return norm <= gradientThreshold
        case .gradientMax: return Self.maximumMagnitude(gradient) <= gradientThreshold
        }
    }

    /// The relative-decrease test over one iteration.
    func objectivePasses(previous: Double, current: Double) -> Bool {
        previous - current <= objectiveTolerance * max(abs(previous), abs(current), objectiveFloor)
    }

    /// `max_j |x_j|` (0 for an empty vector); NaN when an entry is NaN, so no test passes on it.
    static func maximumMagnitude(_ x: [Double]) -> Double {
        var largest = 0.0
        for value in x {
            if value.isNaN { return .nan }
            largest = max(largest, abs(value))
        }
        return largest
    }
}
