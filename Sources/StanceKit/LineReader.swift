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
    package mutating func nextLine() throws -> Data? {
        while true {
            let unread = buffer.count - position
            if let offset = buffer[(position + scanned)...].firstIndex(of: 0x0A) {
                var end = offset
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                let line = firstLineAware(buffer[position..<end])
                position = offset + 1
                scanned = 0
                lineNumber += 1
                // After a very long line, give its memory back instead of keeping the capacity.
                if buffer.capacity > 4 * chunkSize {
                    buffer = Array(buffer[position...])
                    position = 0
                }
                return line
            }
            scanned = unread
            if unread > maximumLineLength { throw LineTooLong(lineNumber: lineNumber + 1, limit: maximumLineLength) }
            if atEnd {
                guard unread > 0 else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = firstLineAware(buffer[position..<end])
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

    /// The line's bytes, without a UTF-8 byte-order mark when it is the first line.
    private func firstLineAware(_ bytes: ArraySlice<UInt8>) -> Data {
        if lineNumber == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Data(bytes.dropFirst(3)) }
        return Data(bytes)
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
