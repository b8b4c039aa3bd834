import Foundation
import XCTest

@testable import StanceKit

/// The fast JSONL row writer and line reader against the Foundation coders they stand in for.
final class FastPathTests: XCTestCase {
    /// A row whose strings and numbers exercise every escaping and formatting rule.
    func row(_ text: String, probability: Double, explained: Bool, date: String?) -> Prediction {
        let explanation =
            explained
            ? Explanation(
                stance: [FeatureContribution(feature: "ctx:L1:\(text)", contribution: -probability)],
                sentiment: [FeatureContribution(feature: "bow:a/b", contribution: 1e-7)]) : nil
        return Prediction(
            document: "d\"\\/1", sentence: 3, text: text, actor: text, mention: "m\u{1}", start: 0, end: 12,
            resolved: .pronoun, stance: "open",
            stanceProbabilities: ["open": probability, "skeptical": 1 - probability, "hardline": 0, "none": 1e-300],
            sentiment: "neutral",
            sentimentProbabilities: ["negative": 1, "neutral": .leastNonzeroMagnitude, "positive": 123456789.0, "é": 0.5],
            date: date, explanation: explanation)
    }

    func testRowWriterMatchesJSONEncoderByteForByte() throws {
        var control = ""
        for value in 0..<0x20 { control.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        var texts = ["plain", control, "quote \" backslash \\ slash / del \u{7F}", "\u{2028}\u{2029} é 😀 \u{FEFF}", ""]
        // Escapes at many offsets, after runs of plain text.
        for offset in 0..<20 {
            for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "é", "\u{7F}"] {
                texts.append(String(repeating: "a", count: offset) + special + "Kyiv said talks")
            }
        }
        let encoder = sortedJSONEncoder()
        for (index, text) in texts.enumerated() {
            for probability in [0.0, 1.0, 0.1, 1.0 / 3.0, 2.5e-7, 1e16, 0.0001] {
                let value = row(text, probability: probability, explained: index % 2 == 0, date: index % 3 == 0 ? nil : "2024-01-0\(index)")
                var writer = JSONRowWriter()
                XCTAssertTrue(writer.append(value))
                XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), jsonLine(value, encoder: encoder) + "\n")
            }
        }
        var writer = JSONRowWriter()
        XCTAssertFalse(writer.append(row("x", probability: .nan, explained: false, date: nil)))
        XCTAssertTrue(writer.bytes.isEmpty)
    }

    /// Both readers' fields, for comparison.
    func fields(_ raw: DocumentReader.RawLine) -> String {
        var parts: [String?] = [raw.article, raw.from.map { String($0) }, raw.id, raw.primary_gid, raw.title, raw.date]
        parts += [raw.text, raw.sentence_normalized, raw.mentions == nil ? nil : "mentions"]
        if let targets = raw.targets {
            for t in targets {
                parts += [String(t.from), String(t.to), t.mention, t.actor, t.polarity.map { String($0) }, t.gid]
            }
        } else {
            parts.append("no targets")
        }
        return parts.map { $0 ?? "nil" }.joined(separator: "|")
    }

    func testLineReaderAgreesWithJSONDecoderOrDeclines() throws {
        let lines = [
            #"{"text": "Kyiv \"said\" no.\n\u00e9\ud83d\ude00\/", "id": "a", "title": null, "date": "2024", "extra": [1, {"x": [true, false, null]}, -0.5e+3]}"#,
            #"{"sentence_normalized": "Trump spoke.", "primary_gid": "g", "targets": [{"from": 0, "to": 5, "polarity": 4.0, "Input.gid": "t", "mention": "Trump", "further_mentions": [{"from": 1}]}]}"#,
            #"  {"text":"x","targets":[{"from":0,"to":1,"polarity":2}] }  "#,
            #"{"text": "x", "targets": [{"from": 0.0, "to": 1}]}"#,
            #"{"text": "x", "targets": [{"from": 0, "to": "1"}]}"#,
            #"{"text": "x", "targets": [{"to": 1}]}"#,
            #"{"text": "x", "text": "y"}"#,
            #"{"te\u0078t": "x"}"#,
            #"{"text": "x",}"#,
            #"{"text": "x"} extra"#,
            #"{"text": "bad \ud800 surrogate"}"#,
            #"{"text": 5}"#,
            #"{"text": "x", "n": 01}"#,
            #"{"text": "x", "mentions": []}"#,
            #"{"article": "a.txt"}"#,
            #"{"text": "x", "from": 3, "targets": null}"#,
            #"{"text": "x", "targets": [{"from": 99999999999999999999, "to": 1}]}"#,
            #"[1, 2]"#,
        ]
        for line in lines {
            let decoded = try? JSONDecoder().decode(DocumentReader.RawLine.self, from: Data(line.utf8))
            guard let fast = FastLineParser.rawLine(Substring(line)) else { continue }  // declined: the decoder decides
            guard let decoded else { return XCTFail("fast reader accepted a line JSONDecoder refuses: \(line)") }
            XCTAssertEqual(fields(fast), fields(decoded), line)
        }
        XCTAssertNotNil(FastLineParser.rawLine(Substring(lines[0])))
        XCTAssertNotNil(FastLineParser.rawLine(Substring(lines[1])))
    }

    /// The byte-level entry reads every line as the string entry does, and a string value
    /// that is not UTF-8 (with or without escapes in it) is left to the checked path.
    func testBytesAreReadAsTheLineIsAndBadUTF8IsDeclined() throws {
        let lines = [
            #"{"text": "Kyiv \"said\" no.\n\u00e9\ud83d\ude00\/ café 😀", "id": "a"}"#,
            #"{"text": "plain café", "title": "T\u00e9"}"#,
            #"{"sentence_normalized": "Trump spoke.", "primary_gid": "g", "targets": [{"from": 0, "to": 5, "polarity": 4.0}]}"#,
        ]
        for line in lines {
            let fromBytes = Array(line.utf8).withUnsafeBufferPointer { FastLineParser.rawLine($0) }
            let fromText = try XCTUnwrap(FastLineParser.rawLine(Substring(line)), line)
            XCTAssertEqual(fromBytes.map(fields), fields(fromText), line)
        }
        for body: [UInt8] in [[0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]] {
            // In the text (plain or escaped), in a key the reader skips, in a value it skips.
            for (prefix, suffix) in [
                (#"{"text": "a"#, #"b"}"#), (#"{"text": "a\n"#, #"b"}"#), (#"{"text": "a", "x"#, #"": 1}"#),
                (#"{"text": "a", "x": [""#, #""]}"#),
            ] {
                let line = Array(prefix.utf8) + body + Array(suffix.utf8)
                XCTAssertNil(line.withUnsafeBufferPointer { FastLineParser.rawLine($0) }, "\(prefix) \(body)")
            }
        }
    }

    /// The UTF-8 check agrees with the standard library's on random bytes near the edges of
    /// the encoding (lead bytes, continuation bytes, surrogates, the top of the code space).
    func testUTF8CheckAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        var invalid = 0
        for _ in 0..<50_000 {
            let count = Int.random(in: 0...12, using: &generator)
            let bytes: [UInt8] = (0..<count).map { _ in
                Bool.random(using: &generator)
                    ? interesting[Int.random(in: 0..<interesting.count, using: &generator)] : UInt8.random(in: 0...255, using: &generator)
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if !expected { invalid += 1 }
            XCTAssertEqual(bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }, expected, "\(bytes)")
        }
        XCTAssertGreaterThan(invalid, 1_000, "the sample should hold many invalid sequences")
        XCTAssertLessThan(invalid, 49_000, "the sample should hold many valid sequences")
        let long = Array(String(repeating: "talks é中😀 ", count: 100).utf8)
        XCTAssertTrue(long.withUnsafeBufferPointer { UTF8Validation.isValid($0) })
        XCTAssertFalse((long + [0xE0, 0x80, 0x80]).withUnsafeBufferPointer { UTF8Validation.isValid($0) })
    }

    /// The shipped text models take the direct array path, vocabulary included (its decoder
    /// finds the arrays by a name shared across modules), and read back what JSONDecoder reads.
    func testShippedModelsReadTheirArraysDirectly() throws {
        for name in ["stance.json", "sentiment.json"] {
            let data = try Data(contentsOf: TestPaths.models.appendingPathComponent(name))
            let direct = try XCTUnwrap(TextModelFile.decodeBulk(data), "\(name) did not take the direct path")
            let plain = try JSONDecoder().decode(TextModelFile.self, from: data)
            XCTAssertEqual(direct.features.vocabulary, plain.features.vocabulary, name)
            XCTAssertEqual(direct.classifier.weights.map(\.bitPattern), plain.classifier.weights.map(\.bitPattern), name)
        }
    }
}
