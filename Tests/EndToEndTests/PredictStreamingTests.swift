import Foundation
import XCTest

/// stance-predict as a filter (what Spark's RDD.pipe runs): JSONL on stdin is answered
/// article by article, each article's rows written before the next article is read.
final class PredictStreamingTests: XCTestCase {
    /// Reads from `handle` until `count` newlines have arrived or `seconds` pass.
    func readLines(_ handle: FileHandle, count: Int, within seconds: Double) -> String {
        var received = Data()
        let deadline = Date().addingTimeInterval(seconds)
        var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        while received.filter({ $0 == 0x0A }).count < count && Date() < deadline {
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        return String(decoding: received, as: UTF8.self)
    }

    func testEachArticleIsAnsweredBeforeStandardInputEnds() throws {
        let process = Process()
        process.executableURL = try Harness.executable("stance-predict")
        process.arguments = ["--model-dir", try Harness.tinyModelDirectory().path]
        process.currentDirectoryURL = Harness.packageRoot
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let first = #"{"id": "a", "text": "Emmanuel Macron welcomed the talks."}"# + "\n"
        input.fileHandleForWriting.write(Data(first.utf8))
        let early = readLines(output.fileHandleForReading, count: 1, within: 60)
        XCTAssertTrue(early.hasSuffix("\n"), "the first article's row arrives while stdin is still open: \(early)")
        XCTAssertEqual(Harness.jsonObjects(early).first?["document"] as? String, "a")

        input.fileHandleForWriting.write(Data(#"{"id": "b", "text": "Vladimir Putin rejected the proposal."}"#.utf8 + [0x0A]))
        try input.fileHandleForWriting.close()
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(
            Harness.jsonObjects(rest).compactMap { $0["document"] as? String }, ["b"], "no terminal-only output, JSONL by default")
    }
}
