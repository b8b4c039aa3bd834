import Foundation
import XCTest

@testable import StanceKit

final class DocumentReaderTests: XCTestCase {
    private func temporaryFile(_ contents: String, name: String = "data.jsonl") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stancekit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }

    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch { return "\(error)" }
    }

    let goodLine =
        #"{"id":"a1","setting":"port-strike","date":"2026-01-05","title":"Union walks out","text":"Union walks out\nThe union rejected the offer.","mentions":[{"start":16,"end":25,"actor":"union","stance":"hardline","sentiment":"neutral"}]}"#

    func testTrainingDataLineDecodesWithCodePointOffsets() throws {
        let url = try temporaryFile(goodLine + "\n")
        let articles = try DocumentReader.readTrainingData(url)
        XCTAssertEqual(articles.count, 1)
        let m = articles[0].mentions[0]
        let scalars = Array(articles[0].text.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[m.start..<m.end])), "The union")
    }

    func testUnknownStanceNamesFileLineAndField() throws {
        let url = try temporaryFile("\n" + goodLine.replacingOccurrences(of: "\"hardline\"", with: "\"opne\"") + "\n")
        let text = message { _ = try DocumentReader.readTrainingData(url) }
        XCTAssertEqual(
            text, "\(url.path):2: field 'mentions[0].stance': unknown stance \"opne\" (expected open, skeptical, hardline, none or null)")
    }

    func testMissingStanceKeyIsAnErrorNotANull() throws {
        let url = try temporaryFile(goodLine.replacingOccurrences(of: #""stance":"hardline","#, with: "") + "\n")
        let text = message { _ = try DocumentReader.readTrainingData(url) }
        XCTAssertEqual(text, "\(url.path):1: missing field 'mentions.[0].stance'".replacingOccurrences(of: ".[", with: "["))
    }

    func testOffsetsOutsideTextAreRejected() throws {
        let url = try temporaryFile(goodLine.replacingOccurrences(of: #""end":25"#, with: #""end":250"#))
        let text = message { _ = try DocumentReader.readTrainingData(url) }
        XCTAssertEqual(text, "\(url.path):1: field 'mentions[0]': range 16..<250 is outside the text (45 code points)")
    }

    func testMalformedJSONNamesTheLine() throws {
        let url = try temporaryFile(goodLine + "\n{not json\n")
        let text = message { _ = try DocumentReader.readTrainingData(url) }
        XCTAssertEqual(text, "\(url.path):2: not valid JSON (Invalid value around character 1.)")
    }

    func testEmptyFileIsReported() throws {
        let url = try temporaryFile("")
        XCTAssertEqual(message { _ = try DocumentReader.read(url) }, "\(url.path): file is empty")
    }

    func testInvalidUTF8IsReportedWithLine() throws {
        let dir = try temporaryFile("x").deletingLastPathComponent()
        let url = dir.appendingPathComponent("bad.jsonl")
        var bytes = Data((goodLine + "\n").utf8)
        bytes.append(contentsOf: [0x7B, 0xFF, 0xFE, 0x7D, 0x0A])
        try bytes.write(to: url)
        XCTAssertEqual(message { _ = try DocumentReader.read(url) }, "\(url.path):2: invalid UTF-8; re-encode the file as UTF-8")
    }

    func testNewsMTSCShapeGivesSingleSentenceTargetsWithPolarity() throws {
        let line =
            #"{"primary_gid":"g1","sentence_normalized":"Mayor Diaz praised the deal.","targets":[{"Input.gid":"t1","from":0,"to":10,"mention":"Mayor Diaz","polarity":6.0}]}"#
        let docs = try DocumentReader.read(try temporaryFile(line))
        XCTAssertEqual(docs.count, 1)
        XCTAssertTrue(docs[0].isSingleSentence)
        XCTAssertEqual(docs[0].id, "g1")
        // `mention` is the span's text, not an actor name: the detector names the actor when it can.
        XCTAssertEqual(docs[0].targets, [DocumentTarget(start: 0, end: 10, actor: nil, sentiment: "positive", sourceID: "t1")])
    }

    func testTargetOutOfRangeIsRejected() throws {
        let url = try temporaryFile(#"{"text":"Short text.","targets":[{"from":3,"to":40}]}"#)
        XCTAssertEqual(
            message { _ = try DocumentReader.read(url) },
            "\(url.path):1: targets[0] range 3..<40 is outside the text (11 code points); offsets are code points, end exclusive")
    }

    func testPlainArticleLineUsesIdTitleAndDate() throws {
        let url = try temporaryFile(#"{"id":"n7","title":"T","date":"2026-02-01","text":"The minister said talks would resume."}"#)
        let doc = try XCTUnwrap(try DocumentReader.read(url).first)
        XCTAssertEqual(doc.id, "n7")
        XCTAssertEqual(doc.date, "2026-02-01")
        XCTAssertNil(doc.targets)
    }

    func testBinaryPlainTextIsRefused() throws {
        XCTAssertEqual(
            message { _ = try DocumentReader.plainTextDocument(Data([0x41, 0x00, 0x42]), name: "x.txt", id: "x") },
            "x.txt: looks like a binary file (NUL byte); expected UTF-8 article text")
    }

    func testPlainTextHeadlineBecomesTheTitleOnlyWhenItReadsAsOne() throws {
        let withHeadline = try DocumentReader.plainTextDocument(
            Data("Port talks resume\nThe union met the employers.".utf8), name: "a.txt", id: "a")
        XCTAssertEqual(withHeadline.title, "Port talks resume")
        let withoutHeadline = try DocumentReader.plainTextDocument(
            Data("The union met the employers.\nThey talked.".utf8), name: "b.txt", id: "b")
        XCTAssertNil(withoutHeadline.title)
    }
}
