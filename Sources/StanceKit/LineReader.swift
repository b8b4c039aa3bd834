import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file handle line by line in fixed-size chunks, so a 1 GB JSONL input
/// is processed with flat memory.
///
/// Lines end at `\n`; a `\r` before it (CRLF files from Windows tools) is dropped, and so
/// is a UTF-8 byte-order mark at the start of the first line. Each byte is scanned once,
/// so a long line costs linear time, and a line longer than `maximumLineLength` is refused
/// instead of growing the buffer without bound.
package struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Start of the unread part of `buffer`.
    private var position = 0
    /// Bytes of the unread part already searched for a newline.
    private var scanned = 0
    private var atEnd = false
    private let chunkSize: Int
    private let maximumLineLength: Int
    /// 1-based number of the line last returned.
    package private(set) var lineNumber = 0

    /// Longest line accepted by default (16 MiB): a JSONL article a hundred times longer
    /// than a long feature story, and small enough to keep memory flat.
    package static let defaultMaximumLineLength = 16 << 20

    /// Creates a reader over an open handle; `prefix` holds bytes already read from it.
    package init(
        handle: FileHandle, prefix: Data = Data(), chunkSize: Int = 1 << 20,
        maximumLineLength: Int = LineReader.defaultMaximumLineLength
    ) {
        self.handle = handle
        self.chunkSize = chunkSize
        self.maximumLineLength = maximumLineLength
        buffer = [UInt8](prefix)
    }

    /// Thrown when a line exceeds the length limit.
    package struct LineTooLong: Error, Equatable {
        /// 1-based number of the line.
        package let lineNumber: Int
        /// The limit in bytes.
        package let limit: Int
    }

    /// The next line's bytes without the line end, or nil at the end.
    /// - Throws: `LineTooLong`, or the handle's read error.
    package mutating func nextLine() throws -> Data? { try withNextLine { bytes, _ in Data(bytes) } }

    /// Calls `body` with the next line's bytes (without the line end) where they lie in the
    /// buffer, and its 1-based number, and returns its result; nil at the end. A long line is
    /// thus never copied before it is parsed, which keeps a 16 MB JSONL article in budget.
    /// - Throws: `LineTooLong`, the handle's read error, or what `body` throws.
    package mutating func withNextLine<T>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> T) throws -> T? {
        guard let range = try nextLineRange() else { return nil }
        let number = lineNumber
        let result = try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range]), number) }
        // After a very long line, give its memory back instead of keeping the capacity.
        if buffer.capacity > 4 * chunkSize {
            buffer = Array(buffer[position...])
            position = 0
        }
        return result
    }

    /// Where the next line lies in `buffer` (without the line end, and without a UTF-8
    /// byte-order mark on the first line), reading as needed; nil at the end.
    private mutating func nextLineRange() throws -> Range<Int>? {
        while true {
            let unread = buffer.count - position
            if let offset = Self.newline(in: buffer, from: position + scanned) {
                var end = offset
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                let line = firstLineAware(position..<end)
                position = offset + 1
                scanned = 0
                lineNumber += 1
                return line
            }
            scanned = unread
            if unread > maximumLineLength { throw LineTooLong(lineNumber: lineNumber + 1, limit: maximumLineLength) }
            if atEnd {
                guard unread > 0 else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = firstLineAware(position..<end)
                position = buffer.count
                scanned = 0
                lineNumber += 1
                return line
            }
            // Drop consumed bytes before growing, so the buffer holds at most one line plus a chunk.
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            let chunk = try Self.readAvailable(handle, upTo: chunkSize)
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    /// The index of the first line feed in `buffer` at or after `start`: `memchr` scans
    /// several bytes per instruction where a collection search takes one per byte.
    private static func newline(in buffer: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard start < bytes.count, let base = bytes.baseAddress,
                let hit = memchr(base + start, 0x0A, bytes.count - start)
            else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// `range` without a UTF-8 byte-order mark when it is the first line.
    private func firstLineAware(_ range: Range<Int>) -> Range<Int> {
        if lineNumber == 0 && buffer[range].starts(with: [0xEF, 0xBB, 0xBF]) { return (range.lowerBound + 3)..<range.upperBound }
        return range
    }

    /// One read(2) of up to `count` bytes: on a pipe it returns what has arrived instead of
    /// waiting for `count` bytes, so a line is handled as soon as it is complete (the
    /// streaming filter that `RDD.pipe` and `tail -f | stance-predict` need). Empty at the end.
    static func readAvailable(_ handle: FileHandle, upTo count: Int) throws -> Data {
        var chunk = Data(count: count)
        let descriptor = handle.fileDescriptor
        while true {
            let read = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
            if read >= 0 {
                chunk.count = read
                return chunk
            }
            if errno == EINTR { continue }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }
}
