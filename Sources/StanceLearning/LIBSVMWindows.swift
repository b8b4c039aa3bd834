import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The rows one thread parsed from a run of whole lines, with line numbers counted from the
/// run's first line (the reader adds the lines before it when it merges runs in file order).
struct ParsedLines {
    /// The run's entries, row after row (a buffer the reader reuses window after window).
    var entries: EntryBuffer
    /// End of each row in `entries`.
    var rowEnds: [Int] = []
    /// Label of each row.
    var labels: [String] = []
    /// 1-based line of each row within the run.
    var lines: [Int] = []
    /// Lines in the run (blank and comment lines included); up to the failing line on error.
    var lineCount = 0
    /// One past the largest 0-based column index seen.
    var maximumColumn = 0
    /// The first malformed line, with its line number within the run; parsing stops there.
    var error: LIBSVMError?
}

/// Column indices and values of parsed entries in raw storage that grows but is never
/// shrunk: one buffer per run is reused for every window, so its pages are faulted in once
/// and each entry costs two stores instead of two `Array.append` calls.
final class EntryBuffer: @unchecked Sendable {
    /// 0-based column of each entry.
    private(set) var columns: UnsafeMutablePointer<Int32>
    /// Value of each entry, parallel to `columns`.
    private(set) var values: UnsafeMutablePointer<Double>
    /// Entries that fit before the storage must grow.
    private(set) var capacity: Int
    /// Entries stored; `removeAll` resets it.
    private(set) var count = 0

    /// Allocates room for `capacity` entries (at least 16).
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        columns = .allocate(capacity: self.capacity)
        values = .allocate(capacity: self.capacity)
    }

    deinit {
        columns.deallocate()
        values.deallocate()
    }

    /// Forgets the entries and makes room for at least `minimumCapacity`.
    func removeAll(keepingCapacityAtLeast minimumCapacity: Int) {
        count = 0
        if minimumCapacity > capacity { grow(to: minimumCapacity) }
    }

    /// Stores one entry, growing the storage when it is full.
    @inline(__always)
    func append(_ column: Int32, _ value: Double) {
        if count == capacity { grow(to: capacity * 2) }
        columns[count] = column
        values[count] = value
        count += 1
    }

    /// Moves the entries to storage for `newCapacity` entries.
    private func grow(to newCapacity: Int) {
        let newColumns = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        let newValues = UnsafeMutablePointer<Double>.allocate(capacity: newCapacity)
        newColumns.update(from: columns, count: count)
        newValues.update(from: values, count: count)
        columns.deallocate()
        values.deallocate()
        (columns, values, capacity) = (newColumns, newValues, newCapacity)
    }
}

/// The distinct labels a run has met (up to `limit`), by their bytes: a label seen before
/// skips making a String and checking its characters again, which most rows then do.
struct LabelCache {
    /// Beyond this many labels the linear search would cost more than it saves.
    static let limit = 8
    private var known: [(bytes: [UInt8], label: String)] = []

    /// The label spelled by these bytes, if it was remembered.
    @inline(__always)
    func label(_ bytes: UnsafePointer<UInt8>, count: Int) -> String? {
        for entry in known where entry.bytes.count == count {
            // safe: a label has at least one byte, so the array has a base address.
            if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes, count) == 0 }) { return entry.label }
        }
        return nil
    }

    /// Remembers a checked label, while there is room.
    mutating func remember(_ bytes: UnsafePointer<UInt8>, count: Int, as label: String) {
        if known.count < Self.limit { known.append((Array(UnsafeBufferPointer(start: bytes, count: count)), label)) }
    }
}

extension LIBSVMReader {
    /// Default bytes read per window. Each window is hashed and parsed in parallel; a bounded
    /// window keeps memory flat however large the file is.
    static let defaultWindowSize = 16 << 20

    /// Reads `file` in windows of whole lines and hands each window's parsed runs, in file
    /// order, to `merge`; returns the SHA-256 of every byte and the number of lines.
    ///
    /// SHA-256 is sequential (and in portable Swift slower than parsing), so with two or more
    /// jobs one thread hashes window after window while the others parse and merge: two
    /// window buffers alternate, and a buffer is refilled only once its bytes are hashed. The
    /// digest is of exactly the bytes parsed. Runs are merged in file order, which keeps row
    /// order, line numbers and the first reported error independent of `jobs`.
    func readWindows(_ file: UnsafeMutablePointer<FILE>, merge: (ParsedLines, _ linesBefore: Int) throws -> Void) throws -> (
        digest: String, lineCount: Int
    ) {
        let digest = DigestBox()
        let pipelined = jobs >= 2
        let hashQueue = DispatchQueue(label: "LIBSVMReader.digest")
        var buffers = [WindowBuffer(capacity: max(1, windowSize)), WindowBuffer(capacity: max(1, windowSize))]
        // Wait for every pending hash before the buffers are freed, on success or error.
        defer {
            hashQueue.sync {}
            for buffer in buffers { buffer.bytes.deallocate() }
        }
        var current = 0
        var carried = 0
        var linesBefore = 0
        // With the CPU's SHA instructions the hash takes a fraction of the parse time, so every
        // job parses and the hash thread only fills gaps; the portable hash needs a core of its own.
        let parseThreads = pipelined ? (SHA256.hardwareAvailable ? jobs : jobs - 1) : 1
        let runCount = parseThreads * 2
        // Every entry takes at least 4 bytes ("1:1 "), so a run of n bytes holds at most n/4 entries.
        let entryBuffers = (0..<runCount).map { _ in EntryBuffer(capacity: windowSize / runCount / 4 + 16) }
        while true {
            var buffer = buffers[current]
            buffer.hashed.wait()  // its previous window is hashed: the bytes may be overwritten
            let read = fread(buffer.bytes + carried, 1, buffer.capacity - carried, file)
            if read == 0 && ferror(file) != 0 {
                buffer.hashed.signal()
                throw LIBSVMError(
                    path: url.path, line: linesBefore, problem: "read error: \(String(cString: strerror(errno)))", fix: "check the file")
            }
            let atEnd = read == 0
            let filled = carried + read
            if filled == 0 {
                buffer.hashed.signal()
                break
            }
            var usable = filled
            if !atEnd {
                var last = filled - 1
                while last >= 0 && buffer.bytes[last] != 0x0A { last -= 1 }
                guard last >= 0 else {
                    // One line longer than the window: grow this buffer and read on.
                    if filled == buffer.capacity {
                        buffer.grow(keeping: filled)
                        buffers[current] = buffer
                    }
                    carried = filled
                    buffer.hashed.signal()
                    continue
                }
                usable = last + 1
            }
            let window = UnsafePointer(buffer.bytes)
            let semaphore = buffer.hashed
            if pipelined {
                let shared = HashTask(bytes: window, count: usable, digest: digest, done: semaphore)
                hashQueue.async { shared.run() }
            } else {
                HashTask(bytes: window, count: usable, digest: digest, done: semaphore).run()
            }
            let runs = parseWindow(window, count: usable, entryBuffers: entryBuffers, threads: parseThreads)
            for run in runs {
                try merge(run, linesBefore)
                if let error = run.error {
                    throw LIBSVMError(path: error.path, line: linesBefore + (error.line ?? 0), problem: error.problem, fix: error.fix)
                }
                linesBefore += run.lineCount
            }
            // The unfinished line moves to the front of the other buffer (still being hashed
            // is fine: hashing only reads), which must first hold it.
            carried = filled - usable
            let next = 1 - current
            buffers[next].hashed.wait()
            if buffers[next].capacity < max(carried * 2, windowSize) { buffers[next].grow(keeping: 0, to: max(carried * 2, windowSize)) }
            if carried > 0 { buffers[next].bytes.update(from: buffer.bytes + usable, count: carried) }
            buffers[next].hashed.signal()
            current = next
            if atEnd { break }
        }
        hashQueue.sync {}
        return (digest.value.finalizeHex(), linesBefore)
    }

    /// Parses `bytes` as one run of whole lines per entry buffer, on up to `threads` threads.
    private func parseWindow(_ bytes: UnsafePointer<UInt8>, count: Int, entryBuffers: [EntryBuffer], threads: Int) -> [ParsedLines] {
        let runCount = entryBuffers.count
        // Run boundaries sit just after a newline, so no line is split between runs.
        var bounds = [0]
        for r in 1..<runCount {
            var position = max(bounds[bounds.count - 1], count * r / runCount)
            if position > 0 && position < count && bytes[position - 1] != 0x0A {
                if let newline = memchr(bytes + position, 0x0A, count - position) {
                    position = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(newline)) + 1
                } else {
                    position = count
                }
            }
            bounds.append(position)
        }
        bounds.append(count)
        let results = UnsafeMutablePointer<ParsedLines>.allocate(capacity: runCount)
        for r in 0..<runCount { (results + r).initialize(to: ParsedLines(entries: entryBuffers[r])) }
        defer { results.deinitialize(count: runCount).deallocate() }
        let shared = WindowTask(bytes: bytes, bounds: bounds, results: results, reader: self)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(max(1, threads), runCount)) { _ in
            while true {
                let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if task >= runCount { break }
                shared.perform(task)
            }
        }
        return Array(UnsafeBufferPointer(start: results, count: runCount))
    }

    /// Parses the whole lines in `bytes`; stops at the first malformed line.
    fileprivate func parseRun(_ bytes: UnsafePointer<UInt8>, count: Int, into entries: EntryBuffer) -> ParsedLines {
        var run = ParsedLines(entries: entries)
        // Every entry takes at least 4 bytes ("1:1 "), so count/4 bounds the entries.
        entries.removeAll(keepingCapacityAtLeast: count / 4 + 16)
        var labels = LabelCache()
        var start = 0
        while start < count {
            var end = count
            if let newline = memchr(bytes + start, 0x0A, count - start) {
                end = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(newline)) + 1
            }
            run.lineCount += 1
            do {
                if let label = try parseLine(
                    bytes + start, length: end - start, lineNumber: run.lineCount, entries: entries, labels: &labels,
                    maximumColumn: &run.maximumColumn)
                {
                    run.rowEnds.append(entries.count)
                    run.labels.append(label)
                    run.lines.append(run.lineCount)
                }
            } catch {
                // parseLine throws only LIBSVMError.
                run.error =
                    error as? LIBSVMError ?? LIBSVMError(path: url.path, line: run.lineCount, problem: "\(error)", fix: "fix the line")
                return run
            }
            start = end
        }
        return run
    }
}

/// The digest of one file, updated by one window at a time in file order.
private final class DigestBox: @unchecked Sendable {
    var value = SHA256()
}

/// One window's read buffer; `hashed` is signalled once no hash reads its bytes any more.
private struct WindowBuffer {
    var bytes: UnsafeMutablePointer<UInt8>
    var capacity: Int
    let hashed = DispatchSemaphore(value: 1)

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    /// Doubles the buffer (or grows it to `size`), keeping its first `count` bytes.
    mutating func grow(keeping count: Int, to size: Int? = nil) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size ?? capacity * 2)
        larger.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = larger
        capacity = size ?? capacity * 2
    }
}

/// Hashes one window into the digest, then releases the window's buffer.
private struct HashTask: @unchecked Sendable {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let digest: DigestBox
    let done: DispatchSemaphore

    func run() {
        digest.value.update(UnsafeRawBufferPointer(start: bytes, count: count))
        done.signal()
    }
}

/// What the threads of one window share: each task writes only its own result slot.
private struct WindowTask: @unchecked Sendable {
    let bytes: UnsafePointer<UInt8>
    let bounds: [Int]
    let results: UnsafeMutablePointer<ParsedLines>
    let reader: LIBSVMReader

    /// Parses run `task`.
    func perform(_ task: Int) {
        let start = bounds[task]
        results[task] = reader.parseRun(bytes + start, count: bounds[task + 1] - start, into: results[task].entries)
    }
}
