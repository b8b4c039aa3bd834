import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The rows one thread parsed from a run of whole lines, with line numbers counted from the
/// run's first line (the reader adds the lines before it when it merges runs in file order).
struct ParsedLines {
    /// Column indices of the run's rows, row after row.
    var columnIndices: [Int32] = []
    /// Values parallel to `columnIndices`.
    var values: [Double] = []
    /// End of each row in `columnIndices`.
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

extension LIBSVMReader {
    /// Default bytes read per window. Each window is hashed and parsed in parallel; a bounded
    /// window keeps memory flat however large the file is.
    static let defaultWindowSize = 16 << 20

    /// Reads `file` in windows of whole lines and hands each window's parsed runs, in file
    /// order, to `merge`; returns the SHA-256 of every byte and the number of lines.
    ///
    /// Within a window one task hashes all bytes while the others parse runs of lines, so the
    /// digest costs no extra wall time on two or more cores. Runs are merged in file order,
    /// which keeps row order, line numbers and the first reported error independent of `jobs`.
    func readWindows(_ file: UnsafeMutablePointer<FILE>, merge: (ParsedLines, _ linesBefore: Int) throws -> Void) throws -> (
        digest: String, lineCount: Int
    ) {
        let digest = DigestBox()
        var capacity = max(1, windowSize)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var carried = 0
        var linesBefore = 0
        let runCount = max(1, jobs) * 2
        while true {
            let read = fread(buffer + carried, 1, capacity - carried, file)
            if read == 0 && ferror(file) != 0 {
                throw LIBSVMError(
                    path: url.path, line: linesBefore, problem: "read error: \(String(cString: strerror(errno)))", fix: "check the file")
            }
            let atEnd = read == 0
            let filled = carried + read
            if filled == 0 { break }
            var usable = filled
            if !atEnd {
                var last = filled - 1
                while last >= 0 && buffer[last] != 0x0A { last -= 1 }
                guard last >= 0 else {
                    // One line longer than the window: grow it and read on.
                    if filled == capacity {
                        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                        larger.update(from: buffer, count: filled)
                        buffer.deallocate()
                        buffer = larger
                        capacity *= 2
                    }
                    carried = filled
                    continue
                }
                usable = last + 1
            }
            let runs = parseWindow(UnsafePointer(buffer), count: usable, runCount: runCount, digest: digest)
            for run in runs {
                try merge(run, linesBefore)
                if let error = run.error {
                    throw LIBSVMError(path: error.path, line: linesBefore + (error.line ?? 0), problem: error.problem, fix: error.fix)
                }
                linesBefore += run.lineCount
            }
            carried = filled - usable
            if carried > 0 { buffer.update(from: buffer + usable, count: carried) }
            if atEnd { break }
        }
        return (digest.value.finalizeHex(), linesBefore)
    }

    /// Hashes `bytes` and parses it as `runCount` runs of whole lines, in parallel.
    private func parseWindow(_ bytes: UnsafePointer<UInt8>, count: Int, runCount: Int, digest: DigestBox) -> [ParsedLines] {
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
        results.initialize(repeating: ParsedLines(), count: runCount)
        defer { results.deinitialize(count: runCount).deallocate() }
        let shared = WindowTask(bytes: bytes, count: count, bounds: bounds, results: results, digest: digest, reader: self)
        let taskCount = runCount + 1
        let threads = min(max(1, jobs), taskCount)
        let next = Atomic<Int>(0)
        // Task 0 (the digest) is taken first, so it overlaps with all the parsing.
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if task >= taskCount { break }
                shared.perform(task)
            }
        }
        return Array(UnsafeBufferPointer(start: results, count: runCount))
    }

    /// Parses the whole lines in `bytes`; stops at the first malformed line.
    fileprivate func parseRun(_ bytes: UnsafePointer<UInt8>, count: Int) -> ParsedLines {
        var run = ParsedLines()
        // Every entry takes at least 4 bytes ("1:1 "), so count/4 bounds the entries.
        run.columnIndices.reserveCapacity(count / 4 + 16)
        run.values.reserveCapacity(count / 4 + 16)
        var start = 0
        while start < count {
            var end = count
            if let newline = memchr(bytes + start, 0x0A, count - start) {
                end = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(newline)) + 1
            }
            run.lineCount += 1
            do {
                if let label = try parseLine(
                    bytes + start, length: end - start, lineNumber: run.lineCount, columnIndices: &run.columnIndices,
                    values: &run.values, maximumColumn: &run.maximumColumn)
                {
                    run.rowEnds.append(run.columnIndices.count)
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

/// The digest of one file, updated by one task per window.
private final class DigestBox: @unchecked Sendable {
    var value = SHA256()
}

/// What the threads of one window share: each task writes only its own result slot (or the digest).
private struct WindowTask: @unchecked Sendable {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let bounds: [Int]
    let results: UnsafeMutablePointer<ParsedLines>
    let digest: DigestBox
    let reader: LIBSVMReader

    /// Task 0 hashes the window; task `r + 1` parses run `r`.
    func perform(_ task: Int) {
        if task == 0 {
            digest.value.update(UnsafeRawBufferPointer(start: bytes, count: count))
            return
        }
        let r = task - 1
        let start = bounds[r]
        results[r] = reader.parseRun(bytes + start, count: bounds[r + 1] - start)
    }
}
