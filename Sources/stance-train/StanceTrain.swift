// swift-format-ignore-file
// The commands keep each ArgumentParser declaration on one line, as written, so the help
// text of an option reads in one place; the rest of the package is formatted by swift-format.
import ArgumentParser
import Foundation
import StanceCLI
import StanceFeatures
import StanceKit
import StanceLearning

/// Input formats stance-train reads.
enum DataFormat: String, ExpressibleByArgument, CaseIterable {
    /// `label index:value ...` rows (LIBLINEAR, scikit-learn's load_svmlight_file).
    case libsvm
    /// This project's labeled corpus (TrainingData/*.jsonl).
    case trainingdata
    /// NewsMTSC JSONL (sentence_normalized + targets with polarity): sentiment labels only.
    case newsmtsc
}

extension Solver: ExpressibleByArgument {}
extension ClassWeighting: ExpressibleByArgument {}

extension StopRule: ExpressibleByArgument {
    /// Command lines spell the rules in kebab case: relative-norm, gradient-max.
    public init?(argument: String) {
        guard let rule = Self.allCases.first(where: { $0.argumentName == argument }) else { return nil }
        self = rule
    }

    /// The rule's spelling on the command line.
    var argumentName: String {
        switch self {
        case .relativeNorm: return "relative-norm"
        case .gradientMax: return "gradient-max"
        }
    }

    /// The default as `--help` shows it.
    public var defaultValueDescription: String { argumentName }
    /// Every spelling, for `--help` and shell completion.
    public static var allValueStrings: [String] { allCases.map(\.argumentName) }
}

/// Output style of the training summary on stdout.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Trains stance and sentiment models from labeled text, or a classifier from LIBSVM rows.
@main
struct StanceTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance-train",
        abstract: "Train a stance or sentiment model (multinomial logistic regression on BLAS).",
        discussion: """
        Minimizes Σᵢ wᵢ·(−log softmax(W xᵢ + b)[yᵢ]) + (λ/2)‖W‖² (scikit-learn's multinomial \
        LogisticRegression with C = 1/λ). Progress goes to stderr, results to stdout. \
        Exit status: 0 success, 64 usage error, 1 runtime error.

        Text models (TrainingData or NewsMTSC JSONL):
          stance-train --format trainingdata --task stance --data TrainingData/train.jsonl \\
              --data TrainingData/dev.jsonl --output Models/stance.json
          stance-train --format trainingdata --task sentiment --data TrainingData/train.jsonl \\
              --cv 5 --l2-grid 0.3,1,3,10 --test TrainingData/test.jsonl
          stance-train --format newsmtsc --task sentiment --data ../shared/data/newsmtsc/train.jsonl \\
              --output newsmtsc-sentiment.json        (λ chosen by 5-fold grouped CV)
          stance-train --task sentiment --data newsmtsc:TrainingData/newsmtsc/train.jsonl \\
              --data trainingdata:TrainingData/train.jsonl --data realnews:TrainingData/realnews/train.jsonl
          stance-train --config my-run.json --data my-labels.jsonl --output my-stance.json
        LIBSVM rows:
          stance-train --format libsvm --data train.libsvm --l2-penalty 1 --solver newton \\
              --test test.libsvm --predictions predicted.txt --report json
        """)

    // MARK: data

    @Option(help: ArgumentHelp("Training data file; repeat to join files (e.g. train and dev). Text formats take FORMAT:FILE to name each file's format (trainingdata, newsmtsc, realnews), so sources of different formats join: --data newsmtsc:TrainingData/newsmtsc/train.jsonl --data trainingdata:TrainingData/train.jsonl.", valueName: "[FORMAT:]FILE"))
    var data: [String] = []

    @Option(help: ArgumentHelp("Where realnews label files find their article texts. (default: $STANCE_REALNEWS_ARTICLES, else ../shared/data/realnews/articles beside the package holding the labels)", valueName: "DIR"))
    var articles: String?

    @Option(help: "Input format: libsvm, trainingdata or newsmtsc. (default: libsvm, or trainingdata for .jsonl files)")
    var format: DataFormat?

    @Option(help: "Text formats: which labels to learn, stance or sentiment.")
    var task: StanceTask = .stance

    @Option(
        help: ArgumentHelp(
            "Held-out file to evaluate on; text formats take FORMAT:FILE as --data does (realnews:FILE for the real-news labels).",
            valueName: "[FORMAT:]FILE"))
    var test: String?

    @Option(help: ArgumentHelp("LIBSVM: write the predicted label of each --test row here, one per line.", valueName: "FILE"))
    var predictions: String?

    // MARK: configuration

    @Option(help: ArgumentHelp("JSON file with {\"features\": FeatureConfiguration, \"training\": TrainingConfiguration}; flags below override it. The model records the result.", valueName: "FILE"))
    var config: String?

    @Option(parsing: .unconditional, help: "L2 penalty λ (scikit-learn's C = 1/λ). (default: 1)")
    var l2Penalty: Double?

    @Option(help: "Solver: lbfgs (many features) or newton (up to a few thousand features). (default: lbfgs)")
    var solver: Solver?

    @Option(help: "Class weighting: none or balanced (n / (K·n_c)). (default: none)")
    var classWeight: ClassWeighting?

    @Option(parsing: .unconditional, help: "Maximum solver iterations. (default: 500)")
    var maxIterations: Int?

    @Option(parsing: .unconditional, help: "Stop when ‖gradient‖ ≤ tolerance × initial ‖gradient‖. (default: 1e-6)")
    var tolerance: Double?

    @Option(parsing: .unconditional, help: "Stop when the objective's relative decrease in one iteration is below this. (default: 1e-12)")
    var objectiveTolerance: Double?

    @Option(help: "Convergence tests: relative-norm (‖gradient‖ ≤ tolerance × initial ‖gradient‖, or the objective test) or gradient-max (scikit-learn's lbfgs rule: largest gradient entry of the mean objective ≤ tolerance, or its decrease ≤ objective-tolerance; scikit-learn uses --objective-tolerance 1.4210854715202004e-14). (default: relative-norm)")
    var stop: StopRule?

    @Option(parsing: .unconditional, help: "Random seed (cross-validation folds). (default: 0)")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Threads that evaluate the training objective; the model is bit-identical for every value. (default: the number of active processors)")
    var jobs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Text formats: cross-validate with K folds grouped by setting (NewsMTSC: by article), print mean ± sd per penalty, and train the final model with the best penalty. When no penalty is given (no --l2-penalty, none in --config) this runs with K = 5 over --l2-grid by itself.", valueName: "K"))
    var cv: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Comma-separated penalties for --cv. (default: 0.3,1,3,10,30,100)", valueName: "LIST"))
    var l2Grid: String?

    @Option(help: ArgumentHelp("Text formats: directory of cue-word lexicons, embedded in the model.", valueName: "DIR"))
    var lexicons: String = "Models/lexicons"

    @Option(help: ArgumentHelp("Text formats: gazetteer that finds the other actors of each sentence.", valueName: "FILE"))
    var actors: String = "Models/actors.json"

    // MARK: Spark MLlib (see SparkExchange)

    @Option(name: .customLong("export-libsvm"), help: ArgumentHelp("Text formats: instead of training, write the feature rows (train.libsvm; test.libsvm with --test) and the feature map (feature-map.json, features.tsv) to DIR for Spark MLlib.", valueName: "DIR"))
    var exportLIBSVM: String?

    @Option(name: .customLong("import-weights"), help: ArgumentHelp("Turn Spark MLlib multinomial LogisticRegression weights (JSON: coefficientMatrix, interceptVector, regParam, ...) into a model file (--output); λ = regParam × training rows.", valueName: "FILE"))
    var importWeights: String?

    @Option(help: ArgumentHelp("With --import-weights: the export's feature-map.json. (default: feature-map.json beside the weights file)", valueName: "FILE"))
    var featureMap: String?

    // MARK: output

    @Option(help: ArgumentHelp("Where to write the model JSON (written atomically). Omit to skip saving.", valueName: "FILE"))
    var output: String?

    @Option(help: "Summary on stdout: text or json (one JSON object).")
    var report: ReportFormat = .text

    @Flag(help: "Silence progress and diagnostics on stderr.")
    var quiet = false

    var resolvedFormat: DataFormat {
        if let format { return format }
        return data.allSatisfy { $0.lowercased().hasSuffix(".jsonl") } ? .trainingdata : .libsvm
    }

    func validate() throws {
        if try validateSparkModes() { return }
        if data.isEmpty { throw ValidationError("give at least one --data FILE") }
        if let l2Penalty { guard l2Penalty.isFinite, l2Penalty >= 0 else { throw ValidationError("--l2-penalty must be a finite number ≥ 0, got \(l2Penalty)") } }
        if let maxIterations { guard maxIterations >= 0 else { throw ValidationError("--max-iterations must be ≥ 0, got \(maxIterations)") } }
        if let tolerance { guard tolerance.isFinite, tolerance >= 0 else { throw ValidationError("--tolerance must be a finite number ≥ 0, got \(tolerance)") } }
        if let jobs { guard jobs >= 1 else { throw ValidationError("--jobs must be ≥ 1, got \(jobs)") } }
        if let objectiveTolerance { guard objectiveTolerance.isFinite, objectiveTolerance >= 0 else { throw ValidationError("--objective-tolerance must be a finite number ≥ 0") } }
        if predictions != nil && test == nil { throw ValidationError("--predictions needs --test FILE (the rows to predict)") }
        if solver == .newton && l2Penalty == 0 { throw ValidationError("--solver newton needs --l2-penalty > 0") }
        if resolvedFormat == .libsvm {
            if data.count > 1 { throw ValidationError("--format libsvm takes one --data file") }
            if cv != nil || config != nil { throw ValidationError("--cv and --config apply to the text formats (trainingdata, newsmtsc)") }
        } else if predictions != nil {
            throw ValidationError("--predictions applies to --format libsvm; use stance-predict for text")
        }
        if resolvedFormat == .newsmtsc && task == .stance {
            throw ValidationError("NewsMTSC has sentiment labels only: pass --task sentiment")
        }
        if let cv, cv < 2 { throw ValidationError("--cv needs K ≥ 2, got \(cv)") }
        if let l2Grid { _ = try parseGrid(l2Grid) }
    }

    func parseGrid(_ text: String) throws -> [Double] {
        let parts = text.split(separator: ",")
        let values = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.filter { $0.isFinite && $0 >= 0 }
        guard !values.isEmpty, values.count == parts.count else {
            throw ValidationError("--l2-grid must be comma-separated numbers ≥ 0, got \(text)")
        }
        return values
    }

    /// Usage errors of --export-libsvm and --import-weights; true when importing (no --data needed).
    func validateSparkModes() throws -> Bool {
        if importWeights != nil {
            if exportLIBSVM != nil { throw ValidationError("--import-weights and --export-libsvm are separate steps; give one") }
            if output == nil { throw ValidationError("--import-weights needs --output FILE (the model to write)") }
            if !data.isEmpty || test != nil || cv != nil { throw ValidationError("--import-weights reads the rows the export wrote; drop --data, --test and --cv") }
            return true
        }
        if featureMap != nil { throw ValidationError("--feature-map applies to --import-weights") }
        if exportLIBSVM != nil {
            if resolvedFormat == .libsvm { throw ValidationError("--export-libsvm exports text data sets (trainingdata, newsmtsc); the input is already LIBSVM") }
            if output != nil || cv != nil || predictions != nil { throw ValidationError("--export-libsvm writes rows only; drop --output, --cv and --predictions") }
        }
        return false
    }

    func run() throws {
        try runReportingErrors("stance-train") {
            if let importWeights, let output {
                try SparkExchange.importCommand(weights: importWeights, featureMap: featureMap, output: output).forEach { print($0) }
                return
            }
            if let exportLIBSVM {
                let (lexiconSet, extractor) = try textResources()
                let run = TextTrainingRun(task: task, configuration: try textConfiguration().configuration, lexicons: lexiconSet, extractor: extractor)
                try SparkExchange.exportCommand(
                    run: run, data: data.map(TrainingDataSource.init(argument:)),
                    test: test.map(TrainingDataSource.init(argument:)), articles: articles.map { URL(fileURLWithPath: $0) },
                    directory: exportLIBSVM
                ).forEach { print($0) }
                return
            }
            if resolvedFormat == .libsvm { try trainLIBSVM() } else { try trainText() }
        }
    }
}
