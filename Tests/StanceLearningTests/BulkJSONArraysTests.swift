import XCTest

@testable import StanceLearning

/// The direct parser for a model file's long arrays must give exactly what `JSONDecoder`
/// gives, and must step aside (so errors read as before) whenever it is unsure.
final class BulkJSONArraysTests: XCTestCase {
    /// Doubles as the encoder writes them (shortest round-trip form) over many magnitudes,
    /// plus awkward ones: every one must come back with the same bits.
    func testNumbersParseToTheSameBitsAsTheEncoderWrote() throws {
        var generator = SeededGenerator(seed: 11)
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 1.0 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 9_007_199_254_740_993,
            123456.789123456789,
        ]
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -30...6, using: &generator)
            values.append(Double.random(in: -1...1, using: &generator) * pow(10, magnitude))
        }
        for _ in 0..<5_000 { values.append(Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &generator))) }
        let json = try JSONEncoder().encode(["weights": values])
        let bulk = try XCTUnwrap(BulkJSONArrays(scanning: json, keys: ["weights"]))
        guard case .numbers(let parsed, _)? = bulk.take("weights") else { return XCTFail("weights were not cut out") }
        XCTAssertEqual(parsed.count, values.count)
        for (index, (expected, got)) in zip(values, parsed).enumerated() where expected.bitPattern != got.bitPattern {
            XCTFail("element \(index): wrote \(expected), read \(got)")
            break
        }
        XCTAssertEqual(String(decoding: bulk.remainder, as: UTF8.self), #"{"weights":[]}"#)
    }

    /// Strings and integers come back as written; short arrays and other keys stay in the document.
    func testStringsAndIntegersAreCutOutOnlyUnderTheNamedKeysWhenLong() throws {
        let terms = (0..<300).map { "bow:wörd\($0)" }
        let counts = Array(0..<300)
        let json = try JSONEncoder().encode(Sample(terms: terms, counts: counts, other: Array(0..<300), short: [1, 2]))
        let bulk = try XCTUnwrap(BulkJSONArrays(scanning: json, keys: ["terms", "counts", "short"]))
        guard case .strings(let parsedTerms)? = bulk.take("terms"), case .numbers(_, let integers)? = bulk.take("counts") else {
            return XCTFail("arrays were not cut out")
        }
        XCTAssertEqual(parsedTerms, terms)
        XCTAssertEqual(integers, counts)
        XCTAssertNil(bulk.take("short"))
        XCTAssertNil(bulk.take("other"))
        let rest = try JSONDecoder().decode(Sample.self, from: bulk.remainder)
        XCTAssertEqual(rest.other, Array(0..<300))
        XCTAssertEqual(rest.short, [1, 2])
        XCTAssertEqual(rest.terms, [])
    }

    /// Escapes, syntax errors and mixed arrays make the scanner give up rather than guess.
    func testUnusualInputMakesTheScannerStepAside() {
        let long = (0..<300).map(String.init).joined(separator: ",")
        XCTAssertNil(BulkJSONArrays(scanning: Data(#"{"weights":[\#(long),"x"]}"#.utf8), keys: ["weights"]))
        XCTAssertNil(BulkJSONArrays(scanning: Data(#"{"weights":[\#(long),01]}"#.utf8), keys: ["weights"]))
        XCTAssertNil(BulkJSONArrays(scanning: Data(#"{"weights":[\#(long)]"#.utf8), keys: ["weights"]))
        XCTAssertNil(
            BulkJSONArrays(scanning: Data(#"{"terms":["a\"b"\#(String(repeating: #","c""#, count: 300))]}"#.utf8), keys: ["terms"]))
        XCTAssertNotNil(BulkJSONArrays(scanning: Data(#"{"weights":[\#(long)]}"#.utf8), keys: ["weights"]))
    }

    /// A long object of numbers under a named key comes back as `JSONDecoder` reads it and
    /// leaves `{}`; short ones, ones holding anything but numbers, and other keys stay put;
    /// a repeated key makes the scan give up (JSONDecoder's rules decide such a file).
    func testNumberObjectsAreCutOutOnlyWhenLongAndAllNumbers() throws {
        let words = (0..<300).map { "w\($0)" }
        let entries = words.enumerated().map { "\"\($0.element)\": \(Double($0.offset) / 10 - 7)" }.joined(separator: ", ")
        let json = Data(#"{"valence": {\#(entries)}, "short": {"a": 1}, "other": {\#(entries)}}"#.utf8)
        let bulk = try XCTUnwrap(BulkJSONArrays(scanning: json, keys: ["valence", "short"]))
        guard case .numbersByKey(let table)? = bulk.take("valence") else { return XCTFail("valence was not cut out") }
        let expected = try JSONDecoder().decode([String: [String: Double]].self, from: json)["valence"]
        XCTAssertEqual(table.mapValues(\.bitPattern), expected?.mapValues(\.bitPattern))
        XCTAssertNil(bulk.take("short"))
        XCTAssertNil(bulk.take("other"))
        let rest = try JSONDecoder().decode([String: [String: Double]].self, from: bulk.remainder)
        XCTAssertEqual(rest["valence"], [:])
        XCTAssertEqual(rest["short"], ["a": 1])
        XCTAssertEqual(rest["other"]?.count, 300)

        let mixed = Data(#"{"valence": {\#(entries), "x": "y"}}"#.utf8)
        XCTAssertNil(BulkJSONArrays(scanning: mixed, keys: ["valence"]), "an object with a string value is left to JSONDecoder")
        let repeated = Data(#"{"valence": {\#(entries), "w0": 1}}"#.utf8)
        XCTAssertNil(BulkJSONArrays(scanning: repeated, keys: ["valence"]), "a repeated key is left to JSONDecoder")
    }

    /// A model file read through the direct path equals the one `JSONDecoder` reads alone.
    func testModelFilesDecodeTheSameEitherWay() throws {
        let (rows, labels) = SyntheticData.make(rowCount: 400, featureCount: 200, classCount: 3, nonzerosPerRow: 6, seed: 4)
        let configuration = TrainingConfiguration(l2Penalty: 0.5)
        let (model, report) = try MultinomialLogisticRegression.fit(rows, labels: labels, classCount: 3, configuration: configuration)
        let metrics = ClassificationMetrics(truth: labels, predicted: model.predictions(for: rows), labels: ["a", "b", "c"])
        let record = TrainingRecord(configuration: configuration, dataDigest: "d", rowCount: 400, report: report, trainMetrics: metrics)
        let file = try ModelFile(labels: ["a", "b", "c"], classifier: model, features: RawFeatures(columnCount: 200), training: record)
        let data = try file.encoded()
        let direct = try XCTUnwrap(ModelFile<RawFeatures>.decodeBulk(data), "the direct path did not take this file")
        let plain = try JSONDecoder().decode(ModelFile<RawFeatures>.self, from: data)
        XCTAssertEqual(direct.classifier.weights.map(\.bitPattern), plain.classifier.weights.map(\.bitPattern))
        XCTAssertEqual(direct.classifier, plain.classifier)
        XCTAssertEqual(direct.training, plain.training)
        XCTAssertEqual(try direct.encoded(), data)
    }

    private struct Sample: Codable {
        var terms: [String]
        var counts: [Int]
        var other: [Int]
        var short: [Int]
    }

    /// The word-at-a-time scan finds exactly the first `"`, `\` or control byte, wherever it
    /// falls in or across the eight-byte words, and nothing in plain or non-ASCII text.
    func testFirstSpecialStringByteMatchesAByteByByteScan() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab é\u{1F600}".utf8) + [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x7F, 0x80, 0xFF]
        for length in 0...40 {
            for _ in 0..<50 {
                // Mostly plain bytes, so that specials land at every offset.
                let bytes = (0..<length).map { _ in
                    Int.random(in: 0..<10, using: &generator) == 0
                        ? alphabet.randomElement(using: &generator)! : UInt8(ascii: "x")
                }
                for start in 0...length {
                    let expected = bytes[start...].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } ?? length
                    let found = bytes.withUnsafeBufferPointer { JSONBytes.firstSpecialStringByte(in: $0, from: start) }
                    XCTAssertEqual(found, expected, "\(bytes) from \(start)")
                }
            }
        }
        XCTAssertEqual([UInt8]().withUnsafeBufferPointer { JSONBytes.firstSpecialStringByte(in: $0, from: 0) }, 0)
    }
}
