import Foundation
import StanceFeatures
import StanceKit
import StanceLearning

extension StanceTrain {
    func log(_ message: String) {
        if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    }

    var progressPrinter: ((TrainingProgress) -> Void)? {
        quiet
            ? nil
            : { step in
                FileHandle.standardError.write(
                    Data(
                        String(
                            format: "iteration %4d  objective %.12g  gradient-norm %.4g\n", step.iteration, step.objective,
                            step.gradientNorm
                        ).utf8))
            }
    }

    /// The cue-word lexicons (`--lexicons`) and the extractor over the gazetteer (`--actors`).
    func textResources() throws -> (Lexicons, InstanceExtractor) {
        let lexiconSet: Lexicons
        do { lexiconSet = try Lexicons.load(directory: URL(fileURLWithPath: lexicons)) } catch {
            throw StanceKitError(file: lexicons, "cannot load lexicons: \(error)")
        }
        return (lexiconSet, InstanceExtractor(gazetteer: try ActorGazetteer.read(URL(fileURLWithPath: actors))))
    }

    /// The training settings: the --config file's (else the task's defaults), overridden by
    /// flags given on the command line; and whether a penalty was given at all.
    func textConfiguration() throws -> (configuration: TextTrainingConfiguration, penaltyGiven: Bool) {
        var c = TextTrainingConfiguration.defaults(for: task)
        var penaltyGiven = l2Penalty != nil
        if let config {
            let url = URL(fileURLWithPath: config)
            let data: Data
            do { data = try Data(contentsOf: url) } catch { throw StanceKitError(file: config, "cannot read configuration") }
            do { c = try JSONDecoder().decode(TextTrainingConfiguration.self, from: data) } catch let error as DecodingError {
                throw StanceKitError(file: config, JSONLines.describe(error))
            }
            if (try? JSONDecoder().decode(ConfigurationPenaltyProbe.self, from: data))?.training?.l2Penalty != nil { penaltyGiven = true }
        }
        c.training = overridden(c.training)
        return (c, penaltyGiven)
    }

    func overridden(_ base: TrainingConfiguration) -> TrainingConfiguration {
        var t = base
        if let l2Penalty { t.l2Penalty = l2Penalty }
        if let solver { t.solver = solver }
        if let classWeight { t.classWeighting = classWeight }
        if let maxIterations { t.maxIterations = maxIterations }
        if let tolerance { t.tolerance = tolerance }
        if let objectiveTolerance { t.objectiveTolerance = objectiveTolerance }
        if let stop { t.stopRule = stop }
        if let seed { t.seed = seed }
        if let jobs { t.jobs = jobs }
        return t
    }

}

/// Wall and process CPU time since the last lap, for the phase lines of the log: on a
/// shared machine the CPU time shows the work done when the wall time is inflated by others.
struct PhaseTimer {
    private let clock = ContinuousClock()
    private var wallStart: ContinuousClock.Instant
    private var cpuStart: Double

    /// Starts the first lap now.
    init() {
        wallStart = clock.now
        cpuStart = Self.processCPUSeconds()
    }

    /// Seconds of wall time since the last lap; `description` also gives the CPU time.
    mutating func lap() -> (seconds: Double, description: String) {
        let now = clock.now
        let cpu = Self.processCPUSeconds()
        let seconds = (now - wallStart).seconds
        defer { (wallStart, cpuStart) = (now, cpu) }
        return (seconds, String(format: "%.2f s (CPU %.2f s)", seconds, cpu - cpuStart))
    }

    /// CPU time of every thread of the process.
    private static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
