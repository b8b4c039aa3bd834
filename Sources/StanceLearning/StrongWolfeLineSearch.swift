/// A line search that returns a step satisfying the strong Wolfe conditions.
///
/// Algorithms 3.5 and 3.6 of Nocedal & Wright, *Numerical Optimization* (2nd ed.), with
/// safeguarded cubic interpolation in the zoom phase. Constants `c₁ = 1e-4`, `c₂ = 0.9`
/// are the book's recommendation for quasi-Newton and Newton directions.
struct StrongWolfeLineSearch {
    /// Sufficient-decrease constant `c₁`.
    static let sufficientDecrease = 1e-4
    /// Curvature constant `c₂`.
    static let curvature = 0.9
    /// Evaluation cap per phase; steps this far from the first guess mean a bad direction.
    static let maximumEvaluations = 40

    /// Outcome of one search; on success `trial`/`trialGradient` hold the accepted point.
    struct Result {
        var step: Double
        var value: Double
        var succeeded: Bool
    }

    let objective: SoftmaxObjective

    /// Searches along `direction` from `point` (value `value`, gradient `gradient`).
    func search(
        point: [Double], value: Double, gradient: [Double], direction: [Double], initialStep: Double,
        trial: inout [Double], trialGradient: inout [Double]
    ) -> Result {
        let slope0 = BLAS.dot(gradient, direction)
        guard slope0 < 0 else { return Result(step: 0, value: value, succeeded: false) }
        let c1 = Self.sufficientDecrease
        let c2 = Self.curvature

        func evaluate(_ step: Double) -> (value: Double, slope: Double) {
            BLAS.copy(point, &trial)
            BLAS.axpy(step, direction, &trial)
            let f = objective.evaluate(trial, gradient: &trialGradient)
            return (f.isFinite ? f : .infinity, BLAS.dot(trialGradient, direction))
        }

        var previousStep = 0.0
        var previousValue = value
        var previousSlope = slope0
        var step = initialStep
        for iteration in 0..<Self.maximumEvaluations {
            let (f, slope) = evaluate(step)
            if f > value + c1 * step * slope0 || (iteration > 0 && f >= previousValue) {
                return zoom(
                    low: (previousStep, previousValue, previousSlope), high: (step, f, slope), value0: value, slope0: slope0,
                    evaluate: evaluate)
            }
            if abs(slope) <= -c2 * slope0 { return Result(step: step, value: f, succeeded: true) }
            if slope >= 0 {
                return zoom(
                    low: (step, f, slope), high: (previousStep, previousValue, previousSlope), value0: value, slope0: slope0,
                    evaluate: evaluate)
            }
            previousStep = step
            previousValue = f
            previousSlope = slope
            step *= 2
        }
        return Result(step: 0, value: value, succeeded: false)
    }

    private func zoom(
        low startLow: (step: Double, value: Double, slope: Double), high startHigh: (step: Double, value: Double, slope: Double),
        value0: Double, slope0: Double, evaluate: (Double) -> (value: Double, slope: Double)
    ) -> Result {
        var low = startLow
        var high = startHigh
        let c1 = Self.sufficientDecrease
        let c2 = Self.curvature
        for _ in 0..<Self.maximumEvaluations {
            let step = Self.interpolate(low, high)
            let (f, slope) = evaluate(step)
            if f > value0 + c1 * step * slope0 || f >= low.value {
                high = (step, f, slope)
            } else {
                if abs(slope) <= -c2 * slope0 { return Result(step: step, value: f, succeeded: true) }
                if slope * (high.step - low.step) >= 0 { high = low }
                low = (step, f, slope)
            }
            // The bracket has collapsed to rounding noise: accept the best decreasing point.
            if abs(high.step - low.step) <= 1e-14 * max(abs(low.step), 1e-300) { break }
        }
        if low.step > 0 && low.value < value0 {
            let (f, _) = evaluate(low.step)
            return Result(step: low.step, value: f, succeeded: true)
        }
        return Result(step: 0, value: value0, succeeded: false)
    }

    /// Minimizer of the cubic through both ends, kept inside the middle 80 % of the bracket,
    /// else the midpoint (Nocedal & Wright eq. 3.59 with the usual safeguard).
    static func interpolate(_ a: (step: Double, value: Double, slope: Double), _ b: (step: Double, value: Double, slope: Double)) -> Double
    {
        let lower = min(a.step, b.step)
        let upper = max(a.step, b.step)
        let width = upper - lower
        let midpoint = lower + 0.5 * width
        guard a.value.isFinite, b.value.isFinite, a.step != b.step else { return midpoint }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let discriminant = d1 * d1 - a.slope * b.slope
        guard discriminant >= 0 else { return midpoint }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * discriminant.squareRoot()
        let denominator = b.slope - a.slope + 2 * d2
        guard denominator != 0 else { return midpoint }
        let candidate = b.step - (b.step - a.step) * (b.slope + d2 - d1) / denominator
        guard candidate.isFinite, candidate >= lower + 0.1 * width, candidate <= upper - 0.1 * width else { return midpoint }
        return candidate
    }
}
