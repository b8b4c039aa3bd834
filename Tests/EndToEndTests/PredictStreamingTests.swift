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

    /// Starts stance-predict with the tiny models and `arguments`, reading a pipe and writing one.
    func startFilter(_ arguments: [String] = []) throws -> (process: Process, input: Pipe, output: Pipe) {
        let process = Process()
        process.executableURL = try Harness.executable("stance-predict")
        process.arguments = ["--model-dir", try Harness.tinyModelDirectory().path] + arguments
        process.currentDirectoryURL = Harness.packageRoot
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, input, output)
    }

    func testEachArticleIsAnsweredBeforeStandardInputEnds() throws {
        let (process, input, output) = try startFilter()
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

    /// A named input that is not a regular file (a FIFO) may wait for its writer too, so it is
    /// answered document by document like stdin, while regular files are written in blocks.
    func testAFIFOInputIsAnsweredBeforeItsWriterCloses() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("articles.jsonl")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0, "mkfifo failed")
        let process = Process()
        process.executableURL = try Harness.executable("stance-predict")
        process.arguments = ["--model-dir", try Harness.tinyModelDirectory().path, fifo.path]
        process.currentDirectoryURL = Harness.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // Opening for writing waits until stance-predict opens the FIFO for reading.
        let writer = try FileHandle(forWritingTo: fifo)
        writer.write(Data((#"{"id": "a", "text": "Emmanuel Macron welcomed the talks."}"# + "\n").utf8))
        let early = readLines(output.fileHandleForReading, count: 1, within: 60)
        XCTAssertEqual(Harness.jsonObjects(early).first?["document"] as? String, "a", "answered while the FIFO is open: \(early)")
        try writer.close()
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    /// Rows of the documents before a bad line still reach stdout when the run fails there,
    /// as they did when every document was written at once (output is gathered in blocks).
    func testRowsBeforeABadLineReachStdout() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("articles.jsonl")
        let good = #"{"id": "a", "text": "Emmanuel Macron welcomed the talks."}"#
        try Data((good + "\n" + #"{"id": "b", "text": }"# + "\n").utf8).write(to: file)
        let outcome = try Harness.predict(["--format", "jsonl", file.path])
        XCTAssertNotEqual(outcome.status, 0)
        XCTAssertTrue(String(decoding: outcome.stderr, as: UTF8.self).contains("articles.jsonl:2:"))
        let rows = Harness.jsonObjects(String(decoding: outcome.stdout, as: UTF8.self))
        XCTAssertFalse(rows.isEmpty, "the first article's rows were written before the error")
        XCTAssertEqual(Set(rows.compactMap { $0["document"] as? String }), ["a"])
    }

    /// With `--summary`, an article's summary is complete when the next article begins, and
    /// it is written then, while stdin is still open.
    func testEachSummaryIsWrittenWhenTheNextArticleArrives() throws {
        let (process, input, output) = try startFilter(["--summary", "--format", "jsonl"])
        defer { if process.isRunning { process.terminate() } }
        input.fileHandleForWriting.write(Data((#"{"id": "a", "text": "Emmanuel Macron welcomed the talks."}"# + "\n").utf8))
        input.fileHandleForWriting.write(Data((#"{"id": "b", "text": "Vladimir Putin rejected the proposal."}"# + "\n").utf8))
        let early = readLines(output.fileHandleForReading, count: 1, within: 60)
        XCTAssertEqual(Harness.jsonObjects(early).first?["scope"] as? String, "a", "article a's summary while stdin is open: \(early)")
        try input.fileHandleForWriting.close()
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
