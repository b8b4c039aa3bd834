import Foundation
import StanceFeatures
import StanceLearning
import XCTest

@testable import StanceKit

/// Replays the fuzz seed corpora (`Fuzz/Corpus/TARGET`) and every committed fuzz finding
/// (`Fuzz/Regressions/TARGET`) through the invariants the libFuzzer targets check, in a
/// normal `swift test` build: a finding stays fixed once its input is committed there.
final class FuzzRegressionTests: XCTestCase {
    static let fuzz = TestPaths.root.appendingPathComponent("Fuzz")

    /// Seed and regression inputs of one fuzz target, by file name.
    func inputs(_ target: String) throws -> [(name: String, data: Data)] {
        var result: [(String, Data)] = []
        for folder in ["Corpus", "Regressions"] {
            let directory = Self.fuzz.appendingPathComponent(folder).appendingPathComponent(target)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                result.append(("\(folder)/\(target)/\(name)", try Data(contentsOf: directory.appendingPathComponent(name))))
            }
        }
        if result.isEmpty { throw XCTSkip("no fuzz inputs for \(target) under \(Self.fuzz.path)") }
        return result
    }

    /// Hostile texts that are cheap to state inline: each once crashed, hung or lied in a probe.
    static let hostileTexts: [String] = [
        "", " ", "\u{FEFF}", "\r\n\r\n", "\u{0}\u{1}\u{7F}", String(repeating: "a", count: 5_000),
        String(repeating: "Putin, ", count: 600), String(repeating: "U.S. ", count: 500), String(repeating: "\"", count: 3_000),
        "“We will listen. Whether we agree is another matter,” she said." + String(repeating: " and", count: 400),
        String(repeating: "Zelensky-Putin-Macron-", count: 200), "Mr.\u{2028}Putin\u{0085}said…\u{200B}\u{00AD}no",
        String(repeating: "e\u{301}", count: 2_000), String(repeating: "😀 ", count: 1_500),
    ]

    func testSplitterInvariantsOnFuzzInputs() throws {
        let texts = try inputs("splitter").map { TextNormalizer.decode($0.data) } + Self.hostileTexts
        for text in texts {
            let scalars = ScalarText.scalars(of: text)
            var previousEnd = 0
            for (index, sentence) in SentenceSplitter().split(scalars).sentences.enumerated() {
                XCTAssertEqual(sentence.index, index)
                XCTAssertTrue(
                    sentence.range.lowerBound >= previousEnd && sentence.range.upperBound <= scalars.count && !sentence.range.isEmpty)
                XCTAssertLessThanOrEqual(sentence.range.count, InputLimits.maximumSentenceLength)
                previousEnd = sentence.range.upperBound
            }
        }
    }

    func testTokenizerInvariantsOnFuzzInputs() throws {
        let texts = try inputs("tokenizer").map { TextNormalizer.decode($0.data) } + Self.hostileTexts
        for text in texts {
            let scalars = ScalarText.scalars(of: text)
            var previousStart = 0
            for token in Tokenizer().tokenize(scalars, in: 0..<scalars.count) {
                XCTAssertTrue(
                    token.range.lowerBound >= previousStart && token.range.upperBound <= scalars.count && !token.range.isEmpty,
                    "token \(token.range) in \(text.prefix(80))")
                previousStart = token.range.lowerBound
            }
        }
    }

    func testInstancesAndProbabilitiesOnFuzzInputs() throws {
        let gazetteer = try ActorGazetteer.load(from: TestPaths.models.appendingPathComponent("actors.json"))
        let model = try TextClassifier.load(Self.fuzz.appendingPathComponent("Corpus/model/seed-text.json"))
        let extractor = InstanceExtractor(gazetteer: gazetteer)
        let texts = try (inputs("mentions") + inputs("features")).map { TextNormalizer.decode($0.data) } + Self.hostileTexts
        for text in texts where !text.isEmpty {
            let extracted = extractor.extract(Document(id: "fuzz", text: text))
            let perSentence = Dictionary(grouping: extracted.instances, by: \.sentenceIndex)
            XCTAssertTrue(perSentence.values.allSatisfy { $0.count <= InputLimits.maximumMentionsPerSentence })
            for instance in extracted.instances {
                XCTAssertLessThanOrEqual(instance.example.target.upperBound, instance.example.sentence.unicodeScalars.count)
                let p = model.probabilities(for: instance.example)
                XCTAssertTrue(p.allSatisfy(\.isFinite))
                XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-9)
            }
        }
    }

    func testJSONLReadersOnFuzzInputs() throws {
        for input in try inputs("jsonl") {
            // The byte path reads each line as the text path does, and refuses a line that is
            // not UTF-8 (a bad byte in a skipped key was once read: `invalid-utf8-in-a-skipped-key`).
            for raw in input.data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                let fromBytes = try? Array(raw).withUnsafeBufferPointer {
                    try DocumentReader.document(fromJSONBytes: $0, number: 1, file: input.name)
                }
                guard let text = String(validating: Array(raw), as: UTF8.self) else {
                    XCTAssertNil(fromBytes, "\(input.name): a line that is not UTF-8 was read")
                    continue
                }
                let fromText = try? DocumentReader.document(fromJSONLine: Substring(text), number: 1, file: input.name)
                XCTAssertEqual(fromBytes?.text, fromText?.text, input.name)
                XCTAssertEqual(fromBytes?.targets, fromText?.targets, input.name)
                XCTAssertEqual(fromBytes?.id, fromText?.id, input.name)
            }
            guard let lines = try? JSONLines.lines(of: input.data, name: input.name) else { continue }
            for line in lines {
                guard let document = try? DocumentReader.document(fromJSONLine: line.text, number: line.number, file: input.name) else {
                    continue
                }
                for target in document.targets ?? [] {
                    XCTAssertTrue(
                        target.start >= 0 && target.start < target.end && target.end <= document.text.unicodeScalars.count, input.name)
                }
            }
        }
    }

    func testLIBSVMReaderOnFuzzInputs() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-regression-\(UUID().uuidString).libsvm")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for input in try inputs("libsvm") {
            try input.data.write(to: scratch)
            guard let dataset = try? LIBSVMReader(url: scratch).load() else { continue }
            XCTAssertLessThanOrEqual(dataset.rows.columnCount, LIBSVMReader.maximumIndex, input.name)
            XCTAssertEqual(dataset.labels.count, dataset.rows.rowCount, input.name)
        }
    }

    func testModelLoaderOnFuzzInputs() throws {
        let example = FeatureExample(sentence: "Vladimir Putin rejected the talks, Macron said.", target: 0..<14, otherActors: [35..<41])
        for input in try inputs("model") {
            if let file = try? TextModelFile.decode(input.data, path: input.name),
                let classifier = try? TextClassifier(file, name: input.name)
            {
                XCTAssertTrue(classifier.probabilities(for: example).allSatisfy(\.isFinite), input.name)
            }
            if let file = try? ModelFile<RawFeatures>.decode(input.data, path: input.name) {
                let p = file.classifier.probabilities(indices: [0], values: [1e6])
                XCTAssertTrue(p.allSatisfy(\.isFinite), input.name)
            }
        }
    }
}
