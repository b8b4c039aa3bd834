import Foundation
import StanceFeatures
import StanceLearning

/// What `stance-train --export-libsvm DIR` writes beside the LIBSVM rows: everything a model
/// file needs except the weights, so `--import-weights` can rebuild the model around
/// coefficients trained elsewhere (Spark MLlib).
package struct FeatureMap: Codable, Sendable {
    /// The only version this code reads and writes.
    package static let currentFormatVersion = 1

    /// Format version of this file.
    package var formatVersion: Int
    /// The task the rows are labeled for.
    package var task: StanceTask
    /// Class names; a LIBSVM label `k` is `labels[k]`.
    package var labels: [String]
    /// Number of feature columns (LIBSVM indices run 1...featureCount).
    package var featureCount: Int
    /// Rows in the training file: MLlib averages the loss over them, so λ = regParam × rows.
    package var trainingRows: Int
    /// SHA-256 of the labeled text the rows were built from (recorded in the imported model).
    package var dataDigest: String
    /// The L2 penalty λ of the export's configuration, and MLlib's equivalent regParam = λ / rows.
    package var l2Penalty: Double
    /// `l2Penalty / trainingRows`.
    package var regParam: Double
    /// The training file name in the export directory.
    package var trainFile: String
    /// The held-out file name, when `--test` was given.
    package var testFile: String?
    /// Rows in the held-out file.
    package var testRows: Int?
    /// The featurizer: configuration, lexicons and vocabulary (column i + 1 is `vocabulary.terms[i]`).
    package var featurizer: Featurizer

    /// The file name of the feature map inside an export directory.
    package static let fileName = "feature-map.json"
    /// The readable column list written beside it (`index<TAB>name`, 1-based like LIBSVM).
    package static let columnsFileName = "features.tsv"
}

/// Coefficients and intercepts of a Spark MLlib multinomial `LogisticRegressionModel`, as
/// `Scripts/spark_stance.py` writes them (`coefficientMatrix` is classes × features).
package struct MLlibWeights: Codable, Sendable {
    /// `model.coefficientMatrix.toArray()`: one row per class, one column per feature.
    package var coefficientMatrix: [[Double]]
    /// `model.interceptVector`: one intercept per class.
    package var interceptVector: [Double]
    /// `model.numFeatures`.
    package var numFeatures: Int
    /// `model.numClasses`.
    package var numClasses: Int
    /// `regParam` the model was trained with.
    package var regParam: Double
    /// `elasticNetParam`; must be 0 (pure L2) to match this package's objective.
    package var elasticNetParam: Double
    /// `standardization`; must be false, or MLlib penalizes rescaled weights.
    package var standardization: Bool
    /// `fitIntercept`; must be true (this package always fits unpenalized biases).
    package var fitIntercept: Bool
    /// `model.summary.totalIterations`, when known.
    package var totalIterations: Int?
    /// False when MLlib stopped at `maxIter` rather than at its tolerance; nil when unknown.
    package var converged: Bool?
}

/// Moves text data sets and weights between stance-train and Spark MLlib.
///
/// MLlib's multinomial `LogisticRegression` with `elasticNetParam = 0` and
/// `standardization = false` minimizes `(1/n)·Σᵢ loss + (regParam/2)‖W‖²` with unpenalized
/// intercepts. Multiplying by `n` gives this package's `Σᵢ loss + (λ/2)‖W‖²` with
/// `λ = n·regParam`, so both solvers aim at the same optimum (spark.apache.org/docs/latest/
/// ml-classification-regression.html#multinomial-logistic-regression).
package enum SparkExchange {
    /// Builds the features of `train` (and `test`) as `run` would for training and writes
    /// `train.libsvm`, `test.libsvm`, `feature-map.json` and `features.tsv` into `directory`.
    ///
    /// LIBSVM labels are class indices `0..<K` (MLlib's convention) and feature indices are
    /// 1-based; values are written in Swift's shortest round-trip form, so Spark reads the
    /// exact doubles this package trains on.
    @discardableResult
    package static func export(run: TextTrainingRun, train: LabeledCorpus, test: LabeledCorpus?, to directory: URL) throws -> FeatureMap {
        let examples = run.examples(train)
        guard !examples.examples.isEmpty else {
            throw StanceKitError("no labeled \(run.task.rawValue) examples in the training data")
        }
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw StanceKitError(file: directory.path, "cannot create the export directory (\(error.localizedDescription))")
        }
        let featurizer = Featurizer.fit(examples.examples, configuration: run.configuration.features, lexicons: run.lexicons)
        let rows = TextModelTrainer.matrix(examples.examples, featurizer: featurizer)
        try write(libsvm(rows, labels: examples.labels), to: directory.appendingPathComponent("train.libsvm"))
        var testRows: Int?
        if let test {
            let held = run.examples(test)
            try write(
                libsvm(TextModelTrainer.matrix(held.examples, featurizer: featurizer), labels: held.labels),
                to: directory.appendingPathComponent("test.libsvm"))
            testRows = held.examples.count
        }
        let lambda = run.configuration.training.l2Penalty
        let map = FeatureMap(
            formatVersion: FeatureMap.currentFormatVersion, task: run.task, labels: run.task.labels,
            featureCount: featurizer.dimension, trainingRows: rows.rowCount, dataDigest: train.digest,
            l2Penalty: lambda, regParam: lambda / Double(rows.rowCount), trainFile: "train.libsvm",
            testFile: test == nil ? nil : "test.libsvm", testRows: testRows, featurizer: featurizer)
        let columns = featurizer.vocabulary.terms.enumerated().map { "\($0.offset + 1)\t\($0.element)\n" }.joined()
        try write(columns, to: directory.appendingPathComponent(FeatureMap.columnsFileName))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(map), to: directory.appendingPathComponent(FeatureMap.fileName))
        return map
    }

    /// `label index:value ...` lines, labels as class indices, indices 1-based.
    static func libsvm(_ rows: SparseMatrix, labels: [Int]) -> String {
        var out = ""
        for r in 0..<rows.rowCount {
            out += String(labels[r])
            let row = rows.row(r)
            for (index, value) in zip(row.indices, row.values) { out += " \(Int(index) + 1):\(value)" }
            out += "\n"
        }
        return out
    }

    static func write(_ text: String, to url: URL) throws {
        do { try AtomicFile.write(Data(text.utf8), to: url) } catch {
            throw StanceKitError(file: url.path, "cannot write (\(error))")
        }
    }

    /// Reads a feature map written by `export`.
    package static func readFeatureMap(_ url: URL) throws -> FeatureMap {
        let map = try JSONLines.decodeFile(
            FeatureMap.self, at: url,
            unreadable: { "cannot read the feature map (\($0)); write one with stance-train --export-libsvm DIR" },
            invalid: { "not a feature map: \($0); write one with stance-train --export-libsvm DIR" })
        guard map.formatVersion == FeatureMap.currentFormatVersion else {
            throw StanceKitError(
                file: url.path,
                "feature map formatVersion \(map.formatVersion) is not supported (this build reads \(FeatureMap.currentFormatVersion)); export again"
            )
        }
        guard map.featurizer.dimension == map.featureCount, map.labels == map.task.labels else {
            throw StanceKitError(
                file: url.path,
                "the feature map is inconsistent (featureCount or labels disagree with its featurizer and task); export again")
        }
        return map
    }

    /// Reads MLlib weights and checks them against a feature map.
    package static func readWeights(_ url: URL, for map: FeatureMap) throws -> MLlibWeights {
        let w = try JSONLines.decodeFile(
            MLlibWeights.self, at: url, unreadable: { "cannot read the weights (\($0))" },
            invalid: {
                "not an MLlib weights file: \($0) (expected coefficientMatrix, interceptVector, numFeatures, numClasses, regParam, elasticNetParam, standardization, fitIntercept)"
            })
        func fail(_ problem: String) -> StanceKitError { StanceKitError(file: url.path, problem) }
        guard w.numClasses == map.labels.count else {
            throw fail(
                "numClasses \(w.numClasses) but the feature map has \(map.labels.count) labels \(map.labels); train on the exported labels (0..<\(map.labels.count)) with family=\"multinomial\""
            )
        }
        guard w.numFeatures == map.featureCount else {
            throw fail(
                "numFeatures \(w.numFeatures) but the feature map has \(map.featureCount) columns; read the LIBSVM file with option(\"numFeatures\", \(map.featureCount))"
            )
        }
        guard w.coefficientMatrix.count == w.numClasses, w.coefficientMatrix.allSatisfy({ $0.count == w.numFeatures }),
            w.interceptVector.count == w.numClasses
        else {
            throw fail("coefficientMatrix must be \(w.numClasses) × \(w.numFeatures) and interceptVector \(w.numClasses) long")
        }
        guard w.elasticNetParam == 0 else {
            throw fail("elasticNetParam \(w.elasticNetParam): only pure L2 (elasticNetParam 0) matches stance-train's objective")
        }
        guard !w.standardization else {
            throw fail("standardization is true: MLlib then penalizes rescaled weights; train with standardization=False")
        }
        guard w.fitIntercept else {
            throw fail("fitIntercept is false: stance models always have per-class biases; train with fitIntercept=True")
        }
        guard w.regParam.isFinite, w.regParam >= 0 else { throw fail("regParam \(w.regParam) must be a finite number ≥ 0") }
        guard w.coefficientMatrix.allSatisfy({ $0.allSatisfy(\.isFinite) }), w.interceptVector.allSatisfy(\.isFinite) else {
            throw fail("coefficients or intercepts are not finite: the MLlib fit diverged")
        }
        return w
    }

    /// Turns MLlib weights into a model file that stance-predict loads.
    ///
    /// The model records `λ = regParam × trainingRows` and the objective, gradient norm and
    /// training scores measured here on `training` (the exported `train.libsvm`), so the
    /// record compares with a native fit's.
    package static func model(from w: MLlibWeights, map: FeatureMap, training: LabeledDataset) throws -> TextModelFile {
        let k = w.numClasses
        var weights = [Double](repeating: 0, count: w.numFeatures * k)
        for (c, row) in w.coefficientMatrix.enumerated() {
            for (f, value) in row.enumerated() { weights[f * k + c] = value }
        }
        let classifier = try MultinomialLogisticRegression(
            classCount: k, featureCount: w.numFeatures, weights: weights, biases: w.interceptVector)
        var configuration = TrainingConfiguration()
        configuration.l2Penalty = w.regParam * Double(map.trainingRows)
        guard training.rows.rowCount == map.trainingRows else {
            throw StanceKitError(
                "the training rows (\(training.rows.rowCount)) are not the \(map.trainingRows) the feature map describes; export again")
        }
        let measured = try classifier.objectiveAndGradientNorm(on: training.rows, labels: training.labels, configuration: configuration)
        let converged = w.converged ?? true
        let report = TrainingReport.external(
            objective: measured.objective, iterations: w.totalIterations ?? 0,
            converged: converged, stopReason: converged ? .objectiveTolerance : .maxIterations,
            gradientNorm: measured.gradientNorm, solver: .lbfgs)
        let metrics = ClassificationMetrics(
            truth: training.labels, predicted: classifier.predictions(for: training.rows), labels: map.labels)
        let record = TrainingRecord(
            configuration: configuration, dataDigest: map.dataDigest, rowCount: map.trainingRows,
            report: report, trainMetrics: metrics)
        return try TextModelFile(labels: map.labels, classifier: classifier, features: map.featurizer, training: record)
    }
}

extension SparkExchange {
    /// `stance-train --export-libsvm DIR`: exports and returns the lines to print.
    package static func exportCommand(
        run: TextTrainingRun, data: [TrainingDataSource], test: TrainingDataSource?, articles: URL?, directory: String
    ) throws -> [String] {
        let corpus = try LabeledCorpus.read(data, articles: articles)
        let testCorpus = try test.map { try LabeledCorpus.read([$0], articles: articles) }
        let map = try export(run: run, train: corpus, test: testCorpus, to: URL(fileURLWithPath: directory))
        var first =
            "exported \(map.trainingRows) \(run.task.rawValue) rows × \(map.featureCount) features, \(map.labels.count) classes "
            + "(label \(map.labels.enumerated().map { "\($0.offset)=\($0.element)" }.joined(separator: " "))) to \(directory)/\(map.trainFile)"
        if let testFile = map.testFile, let rows = map.testRows { first += "; \(rows) held-out rows to \(directory)/\(testFile)" }
        return [
            first,
            "feature map: \(directory)/\(FeatureMap.fileName) and \(directory)/\(FeatureMap.columnsFileName)",
            "λ \(map.l2Penalty) = MLlib regParam \(map.regParam) (λ / \(map.trainingRows) rows) with elasticNetParam 0, standardization false",
        ]
    }

    /// `stance-train --import-weights FILE --output MODEL`: writes the model and returns the lines to print.
    ///
    /// The feature map defaults to `feature-map.json` beside the weights; the export's
    /// `train.libsvm` (and `test.libsvm`, when present) are scored with the imported weights.
    package static func importCommand(weights path: String, featureMap: String?, output: String) throws -> [String] {
        let weightsURL = URL(fileURLWithPath: path)
        let mapURL =
            featureMap.map { URL(fileURLWithPath: $0) }
            ?? weightsURL.deletingLastPathComponent().appendingPathComponent(FeatureMap.fileName)
        let map = try readFeatureMap(mapURL)
        let weights = try readWeights(weightsURL, for: map)
        let exportDirectory = mapURL.deletingLastPathComponent()
        let classNames = (0..<map.labels.count).map(String.init)
        let training = try LIBSVMReader(
            url: exportDirectory.appendingPathComponent(map.trainFile), labelNames: classNames,
            minimumColumnCount: map.featureCount
        ).load()
        let file = try model(from: weights, map: map, training: training)
        var lines = [
            "imported MLlib weights: \(map.task.rawValue) model, \(map.featureCount) features, λ \(file.training.configuration.l2Penalty) "
                + "(regParam \(weights.regParam) × \(map.trainingRows) rows), \(file.training.report.iterations) MLlib iterations",
            "on the exported training rows: objective \(file.training.report.objective), gradient-norm "
                + String(format: "%.4g", file.training.report.gradientNorm) + ", accuracy "
                + String(format: "%.4f", file.training.trainMetrics.accuracy),
        ]
        if let testFile = map.testFile {
            let held = try LIBSVMReader(
                url: exportDirectory.appendingPathComponent(testFile), labelNames: classNames,
                minimumColumnCount: map.featureCount
            ).load()
            let predicted = file.classifier.predictions(for: held.rows.withColumnCount(map.featureCount))
            let metrics = ClassificationMetrics(truth: held.labels, predicted: predicted, labels: map.labels)
            lines.append(
                "held-out rows (\(testFile), \(held.rows.rowCount)): accuracy " + String(format: "%.4f", metrics.accuracy)
                    + "  macro-F1 " + String(format: "%.4f", metrics.macroF1))
        }
        try file.write(to: URL(fileURLWithPath: output))
        lines.append("wrote \(output)")
        return lines
    }
}
