import XCTest

@testable import StanceLearning

final class ModelFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stance-learning-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func trainedFile() throws -> (ModelFile<RawFeatures>, SparseMatrix) {
        let (rows, labels) = SyntheticData.make(rowCount: 300, featureCount: 12, classCount: 3, nonzerosPerRow: 4, seed: 21)
        let configuration = TrainingConfiguration(l2Penalty: 0.3)
        let (model, report) = try MultinomialLogisticRegression.fit(rows, labels: labels, classCount: 3, configuration: configuration)
        let metrics = ClassificationMetrics(truth: labels, predicted: model.predictions(for: rows), labels: ["-1", "0", "1"])
        let record = TrainingRecord(configuration: configuration, dataDigest: "abc", rowCount: 300, report: report, trainMetrics: metrics)
        return (try ModelFile(labels: ["-1", "0", "1"], classifier: model, features: RawFeatures(columnCount: 12), training: record), rows)
    }

    func testSaveLoadGivesIdenticalProbabilitiesAndBytes() throws {
        let (file, rows) = try trainedFile()
        let url = directory.appendingPathComponent("model.json")
        try file.write(to: url)
        let loaded = try ModelFile<RawFeatures>.read(from: url)
        XCTAssertEqual(loaded.classifier, file.classifier)
        XCTAssertEqual(loaded.training, file.training)
        XCTAssertEqual(loaded.classifier.probabilities(for: rows), file.classifier.probabilities(for: rows))
        XCTAssertEqual(try loaded.encoded(), try Data(contentsOf: url))
        // Atomic write leaves only the model behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["model.json"])
    }

    func testDoublesRoundTripExactly() throws {
        // Magnitudes stay within the loader's ±1e6 limit (MultinomialLogisticRegression.maximumParameterMagnitude).
        let awkward = [0.1, 1.0 / 3, -2.2250738585072014e-308, 5e-324, 999_999.999_999_999_9, 123456.789123456789, -0.0]
        let model = try MultinomialLogisticRegression(
            classCount: 2, featureCount: 3, weights: Array(awkward[0..<6]), biases: [awkward[6], 1e-17])
        let (trained, _) = try trainedFile()
        let file = try ModelFile(labels: ["a", "b"], classifier: model, features: RawFeatures(columnCount: 3), training: trained.training)
        let decoded = try ModelFile<RawFeatures>.decode(try file.encoded(), path: "memory")
        XCTAssertEqual(decoded.classifier.weights.map(\.bitPattern), model.weights.map(\.bitPattern))
        XCTAssertEqual(decoded.classifier.biases.map(\.bitPattern), model.biases.map(\.bitPattern))
    }

    func testParametersBeyondTheLimitAreRefusedOnLoadNamingTheField() throws {
        let model = try MultinomialLogisticRegression(classCount: 2, featureCount: 1, weights: [0.5, 2e6], biases: [0, 0])
        let (trained, _) = try trainedFile()
        let file = try ModelFile(labels: ["a", "b"], classifier: model, features: RawFeatures(columnCount: 1), training: trained.training)
        XCTAssertThrowsError(try ModelFile<RawFeatures>.decode(try file.encoded(), path: "m.json")) { error in
            XCTAssertEqual(
                "\(error)",
                "m.json: invalid model file: field classifier.weights[1]: 2000000.0 is outside ±1000000.0: retrain it with stance-train")
        }
    }

    func testShapesThatWouldOverflowAreRefused() {
        XCTAssertThrowsError(try MultinomialLogisticRegression(classCount: 4, featureCount: 1 << 62, weights: [], biases: [0, 0, 0, 0]))
        XCTAssertThrowsError(try MultinomialLogisticRegression(classCount: Int.max, featureCount: 2, weights: [], biases: []))
        XCTAssertThrowsError(try MultinomialLogisticRegression(classCount: 2, featureCount: -1, weights: [], biases: [0, 0]))
    }

    func testSoftmaxOfInfiniteScoresHasNoNaN() {
        let p = MultinomialLogisticRegression.softmax([.infinity, 1, -.infinity, .nan])
        XCTAssertTrue(p.allSatisfy(\.isFinite))
        XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(p[0], 1, accuracy: 1e-12)
    }

    func testFormatVersionComesFirstAndOtherKeysAreSorted() throws {
        let text = String(decoding: try trainedFile().0.encoded(), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n  \"formatVersion\" : 1,\n  \"classifier\" : {"), String(text.prefix(80)))
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        XCTAssertEqual(topKeys, ["formatVersion", "classifier", "features", "labels", "training"])
    }

    func testUnknownVersionIsRefusedWithTheFix() throws {
        var text = String(decoding: try trainedFile().0.encoded(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"formatVersion\" : 1,", with: "\"formatVersion\" : 7,")
        XCTAssertThrowsError(try ModelFile<RawFeatures>.decode(Data(text.utf8), path: "m.json")) { error in
            XCTAssertEqual(error as? ModelFileError, .unknownVersion(path: "m.json", found: 7, supported: 1))
            XCTAssertEqual(
                "\(error)",
                "m.json: model formatVersion 7 is not supported (this build reads version 1): retrain the model with this stance-train or use the stance release that wrote it"
            )
        }
    }

    func testMissingKeyNamesTheKey() throws {
        let data = try trainedFile().0.encoded()
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var classifier = object["classifier"] as! [String: Any]
        classifier.removeValue(forKey: "biases")
        object["classifier"] = classifier
        let edited = try JSONSerialization.data(withJSONObject: object)
        XCTAssertThrowsError(try ModelFile<RawFeatures>.decode(edited, path: "m.json")) { error in
            XCTAssertEqual(error as? ModelFileError, .missingKey(path: "m.json", key: "classifier.biases"))
            XCTAssertEqual(
                "\(error)",
                "m.json: model file lacks key \"classifier.biases\": the file is truncated or was not written by stance-train; retrain it")
        }
        object.removeValue(forKey: "formatVersion")
        XCTAssertThrowsError(try ModelFile<RawFeatures>.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")) {
            error in
            XCTAssertEqual(error as? ModelFileError, .missingKey(path: "m.json", key: "formatVersion"))
        }
    }

    func testDimensionMismatchIsRefused() throws {
        let data = try trainedFile().0.encoded()
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var classifier = object["classifier"] as! [String: Any]
        classifier["weights"] = (classifier["weights"] as! [Double]).dropLast().map { $0 }
        object["classifier"] = classifier
        XCTAssertThrowsError(try ModelFile<RawFeatures>.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")) {
            error in
            XCTAssertEqual(
                error as? ModelFileError,
                .dimensionMismatch(path: "m.json", detail: "weights has 35 entries but featureCount × classCount = 12 × 3 = 36"))
            XCTAssertTrue("\(error)".hasSuffix("retrain it with stance-train"))
        }
        object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        object["labels"] = ["a", "b"]
        XCTAssertThrowsError(try ModelFile<RawFeatures>.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")) {
            error in
            XCTAssertEqual(
                error as? ModelFileError, .dimensionMismatch(path: "m.json", detail: "2 labels but the classifier has 3 classes"))
        }
        object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        object["features"] = ["columnCount": 13]
        XCTAssertThrowsError(try ModelFile<RawFeatures>.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")) {
            error in
            XCTAssertEqual(
                error as? ModelFileError,
                .dimensionMismatch(path: "m.json", detail: "features describe 13 columns but the classifier has 12"))
        }
    }

    func testUnwritableDestinationThrowsWithPath() {
        let url = directory.appendingPathComponent("missing-dir/model.json")
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: url)) { error in
            XCTAssertTrue("\(error)".hasPrefix(url.path + ": cannot write: "), "\(error)")
        }
    }
}
