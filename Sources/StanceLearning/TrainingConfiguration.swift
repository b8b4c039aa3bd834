import Foundation

/// Which optimizer fits the model.
public enum Solver: String, Codable, Sendable, CaseIterable {
    /// Limited-memory BFGS with a strong-Wolfe line search: memory linear in the feature
    /// count, so it suits many sparse features (the default, as in scikit-learn).
    case lbfgs
    /// Newton's method with the exact Hessian solved by LAPACK Cholesky: few iterations,
    /// but memory quadratic in `(featureCount + 1) × classCount`, so only for small feature sets.
    case newton
}

/// How examples of each class are weighted in the loss.
public enum ClassWeighting: String, Codable, Sendable, CaseIterable {
    /// Every example counts once (times its sample weight).
    case none
    /// Class `c` gets weight `n / (K · n_c)`, scikit-learn's `class_weight="balanced"`,
    /// so rare classes are not drowned out by frequent ones.
    case balanced
}

/// Which convergence tests end an L-BFGS or Newton run.
package enum StopRule: String, Codable, Sendable, CaseIterable {
    /// `‖∇f‖₂ ≤ tolerance · ‖∇f(0)‖₂`, or `(f₋₁ − f) ≤ objectiveTolerance · max(|f₋₁|, |f|, 1)`:
    /// relative to the start, so the row count does not matter (the default; the shipped models use it).
    case relativeNorm
    /// scikit-learn's `lbfgs` rule, so both stop at the same objective: SciPy's L-BFGS-B
    /// minimizes the mean objective `f / Σᵢwᵢ` and stops when its largest gradient entry is at
    /// most `gtol = tol`, or its decrease is at most `ftol · max(|f₋₁|, |f|, 1)` with `ftol = 64ε`.
    /// Here: `max_j |∂f/∂θ_j| ≤ tolerance · Σᵢwᵢ`, or
    /// `(f₋₁ − f) ≤ objectiveTolerance · max(|f₋₁|, |f|, Σᵢwᵢ)`; pass `objectiveTolerance` 64ε
    /// (`StopRule.scikitLearnObjectiveTolerance`) for scikit-learn's exact test.
    case gradientMax

    /// scikit-learn's `ftol` for `lbfgs`, `64 · Double.ulpOfOne` (sklearn/linear_model/_logistic.py, 1.9).
    package static let scikitLearnObjectiveTolerance = 64 * Double.ulpOfOne
}

/// Settings for one training run; saved in the model file so a run can be repeated exactly.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    /// λ in `(λ/2)‖W‖²`; scikit-learn's `C` is `1/λ`. 1.0 matches scikit-learn's default `C = 1`.
    public var l2Penalty: Double
    /// Optimizer; L-BFGS by default because it scales to hundreds of thousands of features.
    package var solver: Solver
    /// Per-class loss weights.
    package var classWeighting: ClassWeighting
    /// Iteration cap; 500 is ample for L-BFGS on text (scikit-learn's 100 often stops short).
    package var maxIterations: Int
    /// Stop when `‖∇f‖₂ ≤ tolerance · ‖∇f(0)‖₂`; relative to the starting gradient so it
    /// does not depend on the number of rows. 1e-6 gives objective values accurate to ~1e-10.
    package var tolerance: Double
    /// Also stop when the objective's relative decrease over one iteration,
    /// `(f₋₁ − f) / max(|f₋₁|, |f|, 1)`, falls below this; SciPy's L-BFGS-B uses the same
    /// test with `factr · ε ≈ 2.2e-9`; 1e-12 keeps it a safety net behind the gradient test.
    package var objectiveTolerance: Double
    /// Seed for everything random (fold shuffling); the fit itself starts from zero and is
    /// deterministic, so equal data and seed give a byte-identical model.
    package var seed: UInt64
    /// Scale each feature column by its naive-Bayes log-count ratios before fitting
    /// (`NaiveBayesScaling`); the stored weights score unscaled rows. Default `false`.
    package var naiveBayesScaling: Bool
    /// Convergence tests; `.relativeNorm` by default. Written to model files only when it is
    /// not the default, so files of default runs keep their bytes.
    package var stopRule: StopRule = .relativeNorm
    /// Threads that evaluate the objective (at least 1). Not saved in model files: the fit is
    /// bit-identical for every value, so it is a property of the machine, not of the run.
    package var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Equal when every saved setting is: `jobs` does not change the result.
    public static func == (a: Self, b: Self) -> Bool {
        (a.l2Penalty, a.solver, a.classWeighting, a.maxIterations) == (b.l2Penalty, b.solver, b.classWeighting, b.maxIterations)
            && (a.tolerance, a.objectiveTolerance, a.seed, a.naiveBayesScaling)
                == (b.tolerance, b.objectiveTolerance, b.seed, b.naiveBayesScaling)
            && a.stopRule == b.stopRule
    }

    /// Creates a configuration; every default is explained on its property.
    public init(
        l2Penalty: Double = 1.0, solver: Solver = .lbfgs, classWeighting: ClassWeighting = .none,
        maxIterations: Int = 500, tolerance: Double = 1e-6, objectiveTolerance: Double = 1e-12,
        seed: UInt64 = 0, naiveBayesScaling: Bool = false
    ) {
        (self.l2Penalty, self.solver, self.classWeighting) = (l2Penalty, solver, classWeighting)
        (self.maxIterations, self.tolerance, self.objectiveTolerance, self.seed) = (maxIterations, tolerance, objectiveTolerance, seed)
        self.naiveBayesScaling = naiveBayesScaling
    }

    /// The saved settings; `jobs` is left out on purpose (see there).
    private enum CodingKeys: String, CodingKey {
        case l2Penalty, solver, classWeighting, maxIterations, tolerance, objectiveTolerance, seed, naiveBayesScaling, stopRule
    }

    /// Decodes a configuration; `naiveBayesScaling` and `stopRule` may be missing (files
    /// written before them, or default runs) and then take their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            l2Penalty: try c.decode(Double.self, forKey: .l2Penalty), solver: try c.decode(Solver.self, forKey: .solver),
            classWeighting: try c.decode(ClassWeighting.self, forKey: .classWeighting),
            maxIterations: try c.decode(Int.self, forKey: .maxIterations), tolerance: try c.decode(Double.self, forKey: .tolerance),
            objectiveTolerance: try c.decode(Double.self, forKey: .objectiveTolerance), seed: try c.decode(UInt64.self, forKey: .seed),
            naiveBayesScaling: try c.decodeIfPresent(Bool.self, forKey: .naiveBayesScaling) ?? false)
        stopRule = try c.decodeIfPresent(StopRule.self, forKey: .stopRule) ?? .relativeNorm
    }

    /// Encodes the saved settings; `stopRule` only when it is not the default (see there).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(l2Penalty, forKey: .l2Penalty)
        try c.encode(solver, forKey: .solver)
        try c.encode(classWeighting, forKey: .classWeighting)
        try c.encode(maxIterations, forKey: .maxIterations)
        try c.encode(tolerance, forKey: .tolerance)
        try c.encode(objectiveTolerance, forKey: .objectiveTolerance)
        try c.encode(seed, forKey: .seed)
        try c.encode(naiveBayesScaling, forKey: .naiveBayesScaling)
        if stopRule != .relativeNorm { try c.encode(stopRule, forKey: .stopRule) }
    }
}

/// One progress report, sent after every solver iteration.
public struct TrainingProgress: Sendable {
    /// 1-based iteration number.
    public let iteration: Int
    /// Objective value after the iteration.
    public let objective: Double
    /// Euclidean norm of the gradient after the iteration.
    public let gradientNorm: Double
}

/// Why the solver stopped.
package enum StopReason: String, Codable, Sendable {
    /// The gradient-norm test passed.
    case gradientTolerance
    /// The relative objective change test passed.
    case objectiveTolerance
    /// `maxIterations` ran out first: the model is usable but not converged.
    case maxIterations
    /// No step along the search direction reduced the objective: usually the optimum is
    /// already reached to machine precision, but convergence was not proven.
    case lineSearchFailed
}

/// The outcome of a fit: what was minimized, how far, and whether it converged.
public struct TrainingReport: Codable, Equatable, Sendable {
    /// Final objective value `Σᵢ wᵢ·(−log pᵢ[yᵢ]) + (λ/2)‖W‖²`.
    public var objective: Double
    /// Iterations performed.
    public var iterations: Int
    /// Objective and gradient evaluations performed (line searches use several per iteration).
    package var evaluations: Int
    /// True when a tolerance test passed; false means the result should not be trusted as optimal.
    public var converged: Bool
    /// Why the solver stopped.
    package var stopReason: StopReason
    /// Final gradient norm `‖∇f‖₂`.
    package var gradientNorm: Double
    /// Solver used.
    package var solver: Solver
}

/// Problems that stop a fit before it starts.
package enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// Fewer than two classes.
    case tooFewClasses(Int)
    /// The label array does not have one entry per row.
    case labelCountMismatch(rows: Int, labels: Int)
    /// A label outside `0 ..< classCount`.
    case labelOutOfRange(row: Int, label: Int, classCount: Int)
    /// The sample-weight array does not have one entry per row.
    case sampleWeightCountMismatch(rows: Int, weights: Int)
    /// A negative or non-finite sample weight.
    case invalidSampleWeight(row: Int, weight: Double)
    /// A non-finite feature value.
    case nonFiniteValue(row: Int, column: Int)
    /// λ negative or non-finite, or another setting out of range.
    case invalidConfiguration(String)
    /// The Newton Hessian would not fit the memory budget.
    case tooManyParametersForNewton(parameters: Int, limit: Int)
    /// There are no rows (or every weight is zero).
    case emptyTrainingSet

    /// A one-line message that says what to do.
    package var description: String {
        switch self {
        case .tooFewClasses(let count):
            return "training needs at least 2 classes but got \(count): add examples of another class"
        case .labelCountMismatch(let rows, let labels):
            return "got \(labels) labels for \(rows) rows: pass exactly one label per row"
        case .labelOutOfRange(let row, let label, let classCount):
            return "row \(row): label \(label) is outside 0..<\(classCount): fix the label mapping"
        case .sampleWeightCountMismatch(let rows, let weights):
            return "got \(weights) sample weights for \(rows) rows: pass exactly one weight per row"
        case .invalidSampleWeight(let row, let weight):
            return "row \(row): sample weight \(weight) is not a finite non-negative number: fix the weights"
        case .nonFiniteValue(let row, let column):
            return "row \(row), feature \(column): value is NaN or infinite: clean the input"
        case .invalidConfiguration(let message):
            return "invalid training configuration: \(message)"
        case .tooManyParametersForNewton(let parameters, let limit):
            return "the Newton solver would need a \(parameters)×\(parameters) Hessian (limit \(limit) parameters): use --solver lbfgs"
        case .emptyTrainingSet:
            return "no training rows with positive weight: provide labeled data"
        }
    }
}
