import Foundation
import XCTest

@testable import StanceKit

/// The streaming readers: line ends, byte-order marks, length limits and segment cuts.
final class StreamingReaderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func handle(_ bytes: [UInt8]) throws -> FileHandle {
        let url = directory.appendingPathComponent("input-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return try FileHandle(forReadingFrom: url)
    }

    private func lines(_ bytes: [UInt8], chunkSize: Int = 4, limit: Int = 1 << 20) throws -> [String] {
        var reader = LineReader(handle: try handle(bytes), chunkSize: chunkSize, maximumLineLength: limit)
        var result: [String] = []
        while let line = try reader.nextLine() { result.append(String(decoding: line, as: UTF8.self)) }
        return result
    }

    func testLineReaderDropsCRBeforeLFAndTheByteOrderMark() throws {
        XCTAssertEqual(try lines([0xEF, 0xBB, 0xBF] + Array("ab\r\ncd\n\r\nlast\r".utf8)), ["ab", "cd", "", "last"])
    }

    func testLineReaderHandlesAByteOrderMarkSplitAcrossChunks() throws {
        XCTAssertEqual(try lines([0xEF, 0xBB, 0xBF] + Array("x\ny".utf8), chunkSize: 1), ["x", "y"])
    }

    func testLineReaderKeepsLinesLongerThanAChunk() throws {
        let long = String(repeating: "z", count: 1_000)
        XCTAssertEqual(try lines(Array("\(long)\nshort\n".utf8), chunkSize: 7), [long, "short"])
    }

    func testLineReaderRefusesALineBeyondTheLimitNamingIt() throws {
        XCTAssertThrowsError(try lines(Array("ok\n\(String(repeating: "z", count: 100))\n".utf8), limit: 50)) { error in
            XCTAssertEqual(error as? LineReader.LineTooLong, LineReader.LineTooLong(lineNumber: 2, limit: 50))
        }
    }

    func testJSONLinesSplitsCRLFAndDecodesUTF16() throws {
        let text = "{\"a\": 1}\r\n\r\n{\"b\": 2}\r\n"
        XCTAssertEqual(
            try JSONLines.lines(of: Data(text.utf8), name: "x").map { "\($0.number):\($0.text)" }, ["1:{\"a\": 1}", "3:{\"b\": 2}"])
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        XCTAssertEqual(try JSONLines.lines(of: Data(utf16), name: "x").map(\.number), [1, 3])
    }

    func testSegmentsCutAtLineBreaksThenSpacesThenCharacterBoundaries() {
        let newline = Array("aaaa\nbbbbbbbbbbbb".utf8)
        XCTAssertEqual(PlainTextSegmenter.cutPoint(newline, limit: 8), 5, "after the line break")
        let spaces = Array("aaaa bbbbbbbbbbbb".utf8)
        XCTAssertEqual(PlainTextSegmenter.cutPoint(spaces, limit: 8), 5, "after the space")
        let word = Array("aaaaaaé".utf8) + Array("bbbbbbbbb".utf8)  // é is 2 bytes at offsets 6–7
        XCTAssertEqual(PlainTextSegmenter.cutPoint(word, limit: 7), 6, "never inside a UTF-8 sequence")
    }

    func testSegmenterReturnsEveryByteOnceInOrder() throws {
        let text = (0..<500).map { "word\($0)" + ($0 % 37 == 0 ? "\n" : " ") }.joined()
        var segmenter = PlainTextSegmenter(handle: try handle(Array(text.utf8)), segmentByteCount: 64)
        var joined = Data()
        var count = 0
        while let segment = try segmenter.next() {
            XCTAssertLessThanOrEqual(segment.count, 64)
            joined.append(segment)
            count += 1
        }
        XCTAssertEqual(String(decoding: joined, as: UTF8.self), text)
        XCTAssertEqual(count, segmenter.segmentCount)
        XCTAssertTrue(segmenter.isFinished)
    }

    func testAnArticleInMemoryIsCutLikeTheSameTextReadFromAFile() throws {
        let text = (0..<500).map { "wörd\($0)" + ($0 % 37 == 0 ? "\n" : " ") }.joined()
        var segmenter = PlainTextSegmenter(handle: try handle(Array(text.utf8)), segmentByteCount: 64)
        var fromFile: [String] = []
        while let segment = try segmenter.next() { fromFile.append(String(decoding: segment, as: UTF8.self)) }
        var inMemory: [String] = []
        PlainTextSegmenter.forEachSegment(of: text, byteCount: 64) { inMemory.append($0) }
        XCTAssertGreaterThan(inMemory.count, 10)
        XCTAssertEqual(inMemory, fromFile)
        var short: [String] = []
        PlainTextSegmenter.forEachSegment(of: "one short article", byteCount: 64) { short.append($0) }
        XCTAssertEqual(short, ["one short article"], "text that fits is passed whole")
    }

    func testOnlyArticlesAreSegmentedAndLaterSegmentsKeepIdHeadlineAndDate() {
        let text = String(repeating: "Talks resumed on Monday.\n", count: 20)
        let article = Document(id: "a", title: "Headline", date: "2020-01-02", text: text)
        var segments: [Document] = []
        article.forEachSegment(byteCount: 100) { segments.append($0) }
        XCTAssertGreaterThan(segments.count, 4)
        XCTAssertEqual(segments.map(\.text).joined(), text)
        XCTAssertEqual(segments.map(\.isContinuation), [false] + Array(repeating: true, count: segments.count - 1))
        XCTAssertTrue(segments.allSatisfy { $0.id == "a" && $0.title == "Headline" && $0.date == "2020-01-02" })
        let targeted = Document(id: "t", text: text, targets: [DocumentTarget(start: 0, end: 5)], isSingleSentence: true)
        var whole: [Document] = []
        targeted.forEachSegment(byteCount: 100) { whole.append($0) }
        XCTAssertEqual(whole, [targeted], "given targets are never cut")
    }
}
