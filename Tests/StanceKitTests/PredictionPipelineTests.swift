import Foundation
import XCTest

@testable import StanceKit

/// The pipeline behind `--jobs`: results in input order, and the segments of a long article
/// predicted at most `processTextLimit` bytes at a time however many workers there are,
/// which keeps memory flat on long inputs.
final class PredictionPipelineTests: XCTestCase {
    func testLongDocumentsShareABoundedAmountOfTextAcrossWorkers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A long article (several segments) between short ones.
        let paragraph = String(repeating: "The ministers met again on Tuesday and said the talks would go on. ", count: 12)
        let long = Array(repeating: paragraph, count: 600).joined(separator: "\n\n")
        XCTAssertGreaterThan(long.utf8.count, 6 * PlainTextSegmenter.segmentByteCount)
        try "First short article.".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try long.write(to: directory.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try "Last short article.".write(to: directory.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        let input = try InputCollection(arguments: [directory.path])

        let jobs = 8
        let pipeline = PredictionPipeline(window: 2 * jobs * PredictionPipeline.batchLimit, jobs: jobs)
        let tally = Tally()
        let reader = Thread { pipeline.read(input) }
        reader.start()
        let finished = DispatchGroup()
        for _ in 0..<jobs {
            finished.enter()
            Thread {
                pipeline.work { document in
                    let text = document.text.utf8.count
                    let long = text > PredictionPipeline.uncountedTextSize
                    if long { tally.enter(text) }
                    // Long enough that, unbounded, every worker would hold a segment at once.
                    Thread.sleep(forTimeInterval: 0.01)
                    if long { tally.leave(text) }
                    let result = DocumentResult(
                        id: document.id, title: nil, date: nil, sentences: [], rows: [], skippedDuplicateParagraphs: 0)
                    return (result, nil)
                }
                finished.leave()
            }.start()
        }
        var order: [String] = []
        var ready: [PredictionPipeline.Done] = []
        while try pipeline.nextInOrder(into: &ready) { order += ready.map { $0.document.id } }
        finished.wait()

        let (counted, mostInProcess) = tally.totals
        XCTAssertGreaterThanOrEqual(counted, 6, "the long article should come in several counted segments")
        XCTAssertEqual(order.first, "a")
        XCTAssertEqual(order.last, "c")
        XCTAssertEqual(order.count, counted + 2)
        XCTAssertGreaterThan(mostInProcess, 0)
        XCTAssertLessThanOrEqual(mostInProcess, PredictionPipeline.processTextLimit, "more long text in process than the limit")
    }
}

/// Counts the long documents predicted at once, from several threads.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var inProcess = 0
    private var most = 0
    private var counted = 0

    /// A long document of `text` bytes starts.
    func enter(_ text: Int) {
        lock.lock()
        inProcess += text
        most = max(most, inProcess)
        counted += 1
        lock.unlock()
    }

    /// It ends.
    func leave(_ text: Int) {
        lock.lock()
        inProcess -= text
        lock.unlock()
    }

    /// How many long documents there were, and the most text in process at once.
    var totals: (Int, Int) {
        lock.lock()
        defer { lock.unlock() }
        return (counted, most)
    }
}
