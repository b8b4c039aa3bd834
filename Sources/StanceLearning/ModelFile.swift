import Foundation

/// Feature descriptions that know how many columns they produce, so loading can check the
/// classifier against them.
package protocol FeatureSpace {
    /// Number of feature columns the description produces.
    var featureCount: Int { get }
}

/// The features of a model trained on raw LIBSVM rows: nothing but the column count.
package struct RawFeatures: Codable, Equatable, Sendable, FeatureSpace {
    /// Number of columns (the largest 1-based LIBSVM index seen in training).
    package let columnCount: Int
    /// Same as `columnCount`.
    package var featureCount: Int { columnCount }

    /// Creates the description of `columnCount` raw columns.
    package init(columnCount: Int) { self.columnCount = columnCount }
}

/// How a model was trained: enough to repeat the run and to judge the result.
package struct TrainingRecord: Codable, Equatable, Sendable {
    /// The settings used.
    package var configuration: TrainingConfiguration
    /// SHA-256 (hex) of the training input bytes.
    package var dataDigest: String
    /// Number of training rows.
    package var rowCount: Int
    /// How the solver ended.
    package var report: TrainingReport
    /// Scores on the training data itself (optimistic; held-out scores live elsewhere).
    package var trainMetrics: ClassificationMetrics

    /// Creates a record.
    package init(
        configuration: TrainingConfiguration, dataDigest: String, rowCount: Int, report: TrainingReport, trainMetrics: ClassificationMetrics
    ) {
        (self.configuration, self.dataDigest, self.rowCount, self.report) = (configuration, dataDigest, rowCount, report)
        self.trainMetrics = trainMetrics
    }
}

/// The model file: versioned JSON holding labels, classifier, feature description and training record.
///
/// Keys are sorted (so a retrained model diffs in review) except `formatVersion`, which comes
/// first so a reader can refuse an unknown version before parsing the rest. Doubles are
/// written in their shortest round-trip form, so save → load is exact.
package struct ModelFile<Features: Codable & Sendable>: Codable, Sendable {
    /// The version this code writes and the only one it reads.
    package static var currentFormatVersion: Int { 1 }

    /// Largest model file accepted (2 GiB): the biggest model this package trains
    /// (135,757 features × 3 classes) takes about 10 MB.
    package static var maximumByteCount: Int { 1 << 31 }

    /// Format version of this file.
    package let formatVersion: Int
    /// Class names, in the classifier's class order.
    package var labels: [String]
    /// The trained classifier.
    package var classifier: MultinomialLogisticRegression
    /// What turns input into the classifier's feature columns.
    package var features: Features
    /// How the model was trained.
    package var training: TrainingRecord

    /// Creates a current-version model file.
    /// - Throws: `ModelFileError.dimensionMismatch` when labels or features disagree with the classifier.
    package init(labels: [String], classifier: MultinomialLogisticRegression, features: Features, training: TrainingRecord) throws {
        formatVersion = Self.currentFormatVersion
        self.labels = labels
        self.classifier = classifier
        self.features = features
        self.training = training
        try validate(path: "model")
    }

    private struct Body: Encodable {
        let classifier: MultinomialLogisticRegression
        let features: Features
        let labels: [String]
        let training: TrainingRecord
    }

    private struct VersionProbe: Decodable { let formatVersion: Int? }

    /// The file's bytes: pretty-printed JSON, `formatVersion` first, every other key sorted.
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Body(classifier: classifier, features: features, labels: labels, training: training))
        // Encoded body starts with "{\n"; splice the version in as the first key.
        var data = Data("{\n  \"formatVersion\" : \(formatVersion),".utf8)
        data.append(body.dropFirst(1))
        data.append(contentsOf: [0x0A])
        return data
    }

    /// Writes the model atomically (temporary file + rename).
    package func write(to url: URL) throws { try AtomicFile.write(try encoded(), to: url) }

    /// Reads and validates a model file.
    /// - Throws: `ModelFileError` saying what is wrong and what to do.
    package static func read(from url: URL) throws -> Self {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ModelFileError.unreadable(path: url.path, reason: "is a directory, not a model file")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
            size.intValue > maximumByteCount
        {
            throw ModelFileError.unreadable(
                path: url.path, reason: "\(size.intValue) bytes is larger than the \(maximumByteCount)-byte limit for model files")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ModelFileError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try decode(data, path: url.path)
    }

    /// Decodes and validates model bytes; `path` only names the source in messages.
    package static func decode(_ data: Data, path: String) throws -> Self {
        let decoder = JSONDecoder()
        func probeVersion() throws -> Int {
            let probe: VersionProbe
            do { probe = try decoder.decode(VersionProbe.self, from: data) } catch {
                throw ModelFileError.notJSON(path: path, reason: Self.describe(error))
            }
            guard let version = probe.formatVersion else { throw ModelFileError.missingKey(path: path, key: "formatVersion") }
            return version
        }
        // A file as stance-train writes it names the current version first; the probe (a whole
        // extra parse) runs only for other files, or to report a syntax error as it always has.
        let version = Self.writtenCurrentVersion(data) ? currentFormatVersion : try probeVersion()
        guard version == currentFormatVersion else {
            throw ModelFileError.unknownVersion(path: path, found: version, supported: currentFormatVersion)
        }
        func decodeAsWritten() throws -> Self {
            do { return try decoder.decode(Self.self, from: data) } catch let error as ModelShapeError {
                throw ModelFileError.dimensionMismatch(path: path, detail: error.message)
            } catch let DecodingError.keyNotFound(key, context) {
                throw ModelFileError.missingKey(path: path, key: (context.codingPath + [key]).map(\.stringValue).joined(separator: "."))
            } catch {
                _ = try probeVersion()
                throw ModelFileError.invalidValue(path: path, reason: Self.describe(error))
            }
        }
        let file = try Self.decodeBulk(data) ?? decodeAsWritten()
        try file.validate(path: path)
        do { try file.classifier.validateParameters() } catch let error as ModelValueError {
            throw ModelFileError.invalidValue(path: path, reason: error.description)
        }
        return file
    }

    /// The arrays that make up most of a model file (classifier weights, vocabulary terms and
    /// document frequencies) and the word-valence table, parsed directly rather than element
    /// by element.
    static var bulkKeys: Set<String> { ["weights", "terms", "documentFrequencies", "valence"] }

    /// The file decoded with its long arrays cut out by `BulkJSONArrays`; nil whenever that
    /// path does not succeed cleanly, so the caller decodes the bytes as they are and reports
    /// any error exactly as before.
    package static func decodeBulk(_ data: Data) -> Self? {
        guard let bulk = BulkJSONArrays(scanning: data, keys: bulkKeys),
            let name = CodingUserInfoKey(rawValue: BulkJSONArrays.userInfoKeyName)
        else { return nil }
        let decoder = JSONDecoder()
        decoder.userInfo[name] = bulk.lookup
        guard let file = try? decoder.decode(Self.self, from: bulk.remainder), bulk.allTaken else { return nil }
        return file
    }

    /// True when `data` starts as `encoded()` writes the current version: `{`, newline, `  "formatVersion" : 1,`.
    static func writtenCurrentVersion(_ data: Data) -> Bool {
        data.starts(with: Data("{\n  \"formatVersion\" : \(currentFormatVersion),\n".utf8))
    }

    private func validate(path: String) throws {
        guard labels.count == classifier.classCount else {
            throw ModelFileError.dimensionMismatch(
                path: path, detail: "\(labels.count) labels but the classifier has \(classifier.classCount) classes")
        }
        if let space = features as? FeatureSpace, space.featureCount != classifier.featureCount {
            throw ModelFileError.dimensionMismatch(
                path: path, detail: "features describe \(space.featureCount) columns but the classifier has \(classifier.featureCount)")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (key.isEmpty ? "" : "at \(key): ") + context.debugDescription
        default:
            return String(describing: error)
        }
    }
}

/// A model file that cannot be used, with the fix in the message.
package enum ModelFileError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The bytes are not JSON.
    case notJSON(path: String, reason: String)
    /// `formatVersion` is not one this build reads.
    case unknownVersion(path: String, found: Int, supported: Int)
    /// A required key is absent.
    case missingKey(path: String, key: String)
    /// Array sizes disagree with the stated dimensions.
    case dimensionMismatch(path: String, detail: String)
    /// A value has the wrong type or form.
    case invalidValue(path: String, reason: String)

    /// One line naming the file, the problem and what to do.
    package var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read model file: \(reason): pass the path of a model file written by stance-train"
        case .notJSON(let path, let reason): "\(path): not a model file (invalid JSON: \(reason)): pass a file written by stance-train"
        case .unknownVersion(let path, let found, let supported):
            "\(path): model formatVersion \(found) is not supported (this build reads version \(supported)): retrain the model with this stance-train or use the stance release that wrote it"
        case .missingKey(let path, let key):
            "\(path): model file lacks key \"\(key)\": the file is truncated or was not written by stance-train; retrain it"
        case .dimensionMismatch(let path, let detail):
            "\(path): dimension mismatch: \(detail): the model file is corrupt or was edited; retrain it with stance-train"
        case .invalidValue(let path, let reason): "\(path): invalid model file: \(reason): retrain it with stance-train"
        }
    }
}
