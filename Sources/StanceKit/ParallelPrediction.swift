import Foundation

/// Predicts documents on several threads and hands the results back strictly in input order.
///
/// One thread reads documents, `jobs` threads predict them, and the calling thread receives
/// each result in input order as soon as it and every earlier one are done, so a pipe still
/// gets an article's rows before the next article arrives. At most `2 × jobs × 32` documents,
/// and 512 KB of text (1 MB for four jobs or more) beyond one document, are read and not yet
/// handed back, and documents longer than 16 KB (a long article's segments) are predicted at
/// most 128 KB of text at a time, so their working sets do not add up over many workers. Only
/// `StancePredictor.predict` runs off the calling thread, so renderers and summaries may keep
/// state, and output is the same for every `jobs`.
package struct ParallelPrediction: Sendable {
    /// The predictor every worker shares.
    package let predictor: StancePredictor
    /// Options for every document.
    package let options: PredictionOptions
    /// How many documents are predicted at once (1: everything on the calling thread).
    package let jobs: Int
    /// Optional output bytes (UTF-8) made right after predicting, by the worker (nil: the
    /// caller renders); only for renderers whose output depends on nothing but the one
    /// document. Bytes rather than a `String`, so the rows are not validated as UTF-8 again.
    package let prerender: (@Sendable (Document, DocumentResult) -> [UInt8]?)?

    /// Creates a parallel prediction over `jobs` threads (values below 1 count as 1).
    package init(
        predictor: StancePredictor, options: PredictionOptions, jobs: Int,
        prerender: (@Sendable (Document, DocumentResult) -> [UInt8]?)? = nil
    ) {
        self.predictor = predictor
        self.options = options
        self.jobs = max(1, jobs)
        self.prerender = prerender
    }

    /// The most documents read and not yet handed to `body`.
    package var windowSize: Int { jobs == 1 ? 1 : 2 * jobs * PredictionPipeline.batchLimit }

    /// Predicts every document of `input` and calls `body` with each document, its result, its
    /// pre-rendered bytes (from `prerender`) and the input bytes consumed so far, in input
    /// order, on the calling thread.
    ///
    /// A read error is thrown after every earlier document has been handed to `body`, as in a
    /// serial run; an error thrown by `body` stops reading and predicting and is rethrown.
    package func forEachResult(of input: InputCollection, _ body: (Document, DocumentResult, [UInt8]?, Int) throws -> Void) throws {
        if jobs == 1 {
            // Read through a class reference: a closure that captures the predictor struct
            // copies it (every table reference of both models) for each document.
            let shared = SharedPredictor(predictor)
            let options = self.options
            let prerender = self.prerender
            try input.forEachDocument { document, consumed in
                let result = shared.predictor.predict(document, options: options)
                try body(document, result, prerender?(document, result), consumed)
            }
            return
        }
        let pipeline = PredictionPipeline(window: windowSize, jobs: jobs)
        let reader = Thread { pipeline.read(input) }
        reader.stackSize = 8 << 20
        reader.start()
        let shared = SharedPredictor(predictor)
        for _ in 0..<jobs {
            let options = self.options
            let prerender = self.prerender
            let worker = Thread {
                pipeline.work { document in
                    let result = shared.predictor.predict(document, options: options)
                    return (result, prerender?(document, result))
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        do {
            var ready: [PredictionPipeline.Done] = []
            while try pipeline.nextInOrder(into: &ready) {
                for next in ready { try body(next.document, next.result, next.rendered, next.consumed) }
            }
        } catch {
            pipeline.stop()
            throw error
        }
    }
}

/// A predictor behind one reference, so closures that run per document retain one object.
final class SharedPredictor: Sendable {
    let predictor: StancePredictor
    init(_ predictor: StancePredictor) { self.predictor = predictor }
}

/// The state shared by the reader, the workers and the consumer, guarded by one condition.
final class PredictionPipeline: @unchecked Sendable {
    /// A document read and waiting for a worker.
    typealias Job = (sequence: Int, document: Document, consumed: Int)
    /// A predicted document waiting for its turn.
    typealias Done = (document: Document, result: DocumentResult, rendered: [UInt8]?, consumed: Int)

    /// Thrown inside the reader's callback to end reading once the consumer has stopped.
    struct Stopped: Error {}

    /// Most documents a worker takes at once. Taking whatever has queued up, instead of one
    /// document per lock round trip, keeps workers busy on inputs of many short documents
    /// (one sentence each, as in NewsMTSC files); an idle worker still takes a lone document
    /// at once, so a slow pipe streams as before.
    static let batchLimit = 32
    /// Most text a batch gathers, so that a batch of long articles still spreads over workers.
    static let batchTextLimit = 256 << 10
    /// Most text read and not yet handed back (beyond one document) for `jobs` workers, which
    /// keeps memory flat however long the documents: a predicted segment's rows take about
    /// 15 bytes per byte of text until the consumer writes them, so a consumer slower than the
    /// workers (HTML is rendered on its thread) would otherwise hold hundreds of MB. A batch
    /// per worker keeps every worker busy (the raw-article benchmark ran no slower than with
    /// the 2 MiB allowed before); short documents hit `window` first.
    static func textInFlightLimit(jobs: Int) -> Int { min(1 << 20, max(512 << 10, jobs * batchTextLimit)) }
    /// Most text of long documents predicted at once, whatever `jobs` is: a document's working
    /// set (scalars, tokens, prepared sentences, rows) is some 90 bytes per byte of its text,
    /// so two 64 KiB segments of a long article take about 12 MB and eight would take 50.
    static let processTextLimit = 2 * PlainTextSegmenter.segmentByteCount
    /// Documents up to this size are not counted against `processTextLimit` (a news article
    /// is a few KB), so inputs of short documents take no extra lock round trips.
    static let uncountedTextSize = 16 << 10
    /// This pipeline's `textInFlightLimit(jobs:)`.
    private let textLimit: Int

    private let condition = NSCondition()
    private let window: Int
    /// Documents read and not yet taken, in batches of at most `batchLimit`.
    private var queue: [[Job]] = []
    /// UTF-8 bytes of text in the newest batch.
    private var tailBatchText = 0
    /// UTF-8 bytes of text of the documents read and not yet handed back, by sequence number.
    private var textInFlight = 0
    private var textOfSequence: [Int: Int] = [:]
    private var queueHead = 0
    private var ready: [Int: Done] = [:]
    private var submitted = 0
    private var emitted = 0
    private var readerFinished = false
    private var readerError: (any Error)?
    private var stopped = false
    // Who is waiting, so that a change wakes the threads only when one of them can proceed.
    private var idleWorkers = 0
    private var consumerWaiting = false
    private var readerWaiting = false
    /// UTF-8 bytes of text of the counted documents being predicted, and the workers waiting
    /// for room under `processTextLimit`.
    private var textInProcess = 0
    private var workersWaitingForRoom = 0

    /// Creates a pipeline holding at most `window` documents, and `textInFlightLimit(jobs:)`
    /// bytes of text, between reading and handing back.
    init(window: Int, jobs: Int) {
        self.window = window
        textLimit = Self.textInFlightLimit(jobs: jobs)
        refill = max(1, min(Self.batchLimit, window / 2))
    }

    /// How many documents must fit in the window before a waiting reader is woken.
    private let refill: Int

    /// Reads every document into the queue, waiting while the window is full (reader thread).
    func read(_ input: InputCollection) {
        var failure: (any Error)?
        do {
            try input.forEachDocument { document, consumed in
                let text = document.text.utf8.count
                condition.lock()
                defer { condition.unlock() }
                while (submitted - emitted >= window || (submitted > emitted && textInFlight + text > textLimit)) && !stopped {
                    readerWaiting = true
                    condition.wait()
                    readerWaiting = false
                }
                if stopped { throw Stopped() }
                let job = (submitted, document, consumed)
                if queue.count > queueHead && queue[queue.count - 1].count < Self.batchLimit && tailBatchText < Self.batchTextLimit {
                    queue[queue.count - 1].append(job)
                    tailBatchText += text
                } else {
                    queue.append([job])
                    tailBatchText = text
                }
                textInFlight += text
                textOfSequence[submitted] = text
                submitted += 1
                if idleWorkers > 0 { condition.broadcast() }
            }
        } catch is Stopped {
        } catch {
            failure = error
        }
        condition.lock()
        readerFinished = true
        readerError = failure
        condition.broadcast()
        condition.unlock()
    }

    /// Predicts queued documents until reading has finished and the queue is empty (worker thread).
    func work(_ predict: (Document) -> (DocumentResult, [UInt8]?)) {
        var done: [(sequence: Int, result: Done)] = []
        while true {
            condition.lock()
            while queue.count == queueHead && !readerFinished && !stopped {
                idleWorkers += 1
                condition.wait()
                idleWorkers -= 1
            }
            if stopped || queue.count == queueHead {
                condition.unlock()
                return
            }
            let batch = queue[queueHead]
            queue[queueHead] = []
            queueHead += 1
            if queueHead > 64 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            done.removeAll(keepingCapacity: true)
            for job in batch {
                let text = job.document.text.utf8.count
                let counted = text > Self.uncountedTextSize
                if counted { enterProcessing(text) }
                let (result, rendered) = predict(job.document)
                if counted { leaveProcessing(text) }
                done.append((job.sequence, (job.document, result, rendered, job.consumed)))
            }
            condition.lock()
            var wakeConsumer = false
            for item in done {
                ready[item.sequence] = item.result
                if item.sequence == emitted { wakeConsumer = true }
            }
            if consumerWaiting && wakeConsumer { condition.broadcast() }
            condition.unlock()
        }
    }

    /// Waits until `text` more bytes fit under `processTextLimit` (or nothing counted is being
    /// predicted, so a document longer than the limit still goes), then counts them.
    private func enterProcessing(_ text: Int) {
        condition.lock()
        while textInProcess > 0 && textInProcess + text > Self.processTextLimit && !stopped {
            workersWaitingForRoom += 1
            condition.wait()
            workersWaitingForRoom -= 1
        }
        textInProcess += text
        condition.unlock()
    }

    /// Gives back the room `enterProcessing(text)` took.
    private func leaveProcessing(_ text: Int) {
        condition.lock()
        textInProcess -= text
        if workersWaitingForRoom > 0 { condition.broadcast() }
        condition.unlock()
    }

    /// Moves the next results in input order into `ready` (replacing its contents), waiting
    /// for at least one; false after the last, or throws the read error.
    ///
    /// Every result that is ready in order is taken at once, and the reader is woken only
    /// when a whole batch fits again: waking it per document costs a futex round trip and two
    /// context switches per document (thousands a second on inputs of short documents).
    func nextInOrder(into ready: inout [Done]) throws -> Bool {
        ready.removeAll(keepingCapacity: true)
        condition.lock()
        defer { condition.unlock() }
        while self.ready[emitted] == nil && !(readerFinished && emitted == submitted) {
            consumerWaiting = true
            condition.wait()
            consumerWaiting = false
        }
        while let done = self.ready.removeValue(forKey: emitted) {
            textInFlight -= textOfSequence.removeValue(forKey: emitted) ?? 0
            emitted += 1
            ready.append(done)
        }
        if !ready.isEmpty {
            if readerWaiting && (submitted - emitted <= window - refill || textInFlight <= textLimit / 2) {
                condition.broadcast()
            }
            return true
        }
        stopped = true
        condition.broadcast()
        if let readerError { throw readerError }
        return false
    }

    /// Stops the reader and the workers (after an error in the consumer).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
