import Dispatch
import Foundation

/// Predicts documents on several threads and hands the results back strictly in input order.
///
/// Documents are read into a window of at most `2 × jobs`; the window is predicted in
/// parallel (each worker takes the next unpredicted document), then every result is passed
/// to `body` on the calling thread in input order before the next window is read. Only
/// `StancePredictor.predict` runs off the calling thread, so renderers and summaries may
/// keep state, and output is the same for every `jobs`.
public struct ParallelPrediction: Sendable {
    /// The predictor every worker shares.
    public let predictor: StancePredictor
    /// Options for every document.
    public let options: PredictionOptions
    /// How many documents are predicted at once (1: on the calling thread, no window).
    public let jobs: Int

    /// Creates a parallel prediction over `jobs` threads (values below 1 count as 1).
    public init(predictor: StancePredictor, options: PredictionOptions, jobs: Int) {
        self.predictor = predictor; self.options = options; self.jobs = max(1, jobs)
    }

    /// The number of documents read ahead at most.
    public var windowSize: Int { jobs == 1 ? 1 : 2 * jobs }

    /// Predicts every document of `input` and calls `body` with each document, its result and
    /// the bytes consumed so far, in input order, on the calling thread.
    public func forEachResult(of input: InputCollection, _ body: (Document, DocumentResult, Int) throws -> Void) throws {
        if jobs == 1 {
            try input.forEachDocument { document, consumed in
                try body(document, predictor.predict(document, options: options), consumed)
            }
            return
        }
        var window: [(document: Document, consumed: Int)] = []
        window.reserveCapacity(windowSize)
        func flush() throws {
            if window.isEmpty { return }
            let results = predictAll(window.map(\.document))
            for (entry, result) in zip(window, results) { try body(entry.document, result, entry.consumed) }
            window.removeAll(keepingCapacity: true)
        }
        try input.forEachDocument { document, consumed in
            window.append((document, consumed))
            if window.count >= windowSize { try flush() }
        }
        try flush()
    }

    /// Predicts `documents` on up to `jobs` threads; the results are in the documents' order.
    public func predictAll(_ documents: [Document]) -> [DocumentResult] {
        let count = documents.count
        if count == 0 { return [] }
        if jobs == 1 || count == 1 { return documents.map { predictor.predict($0, options: options) } }
        let slots = ResultSlots(count: count)
        let next = WorkCounter()
        let shared = predictor, shape = options
        DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
            // Dynamic assignment: a long document does not hold back documents behind it.
            while let index = next.take(below: count) {
                slots.store(shared.predict(documents[index], options: shape), at: index)
            }
        }
        return slots.results()
    }
}

/// Hands out indices 0, 1, 2, … to worker threads, each exactly once.
private final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    /// The next index below `limit`, or nil when all are taken.
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}

/// One result slot per document; each slot is written by exactly one worker.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [DocumentResult?]

    /// Creates `count` empty slots.
    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores the result for document `index`.
    func store(_ result: DocumentResult, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = result
    }

    /// Every stored result in order (all slots are filled once the workers have returned).
    func results() -> [DocumentResult] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
