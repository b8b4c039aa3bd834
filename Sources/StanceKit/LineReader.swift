import Foundation

/// Reads a file handle line by line in fixed-size chunks, so a 1 GB JSONL input
/// is processed with flat memory.
///
/// Lines end at `\n`; a `\r` before it (CRLF files from Windows tools) is dropped, and so
/// is a UTF-8 byte-order mark at the start of the first line. Each byte is scanned once,
/// so a long line costs linear time, and a line longer than `maximumLineLength` is refused
/// instead of growing the buffer without bound.
public struct LineReader {
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
    public private(set) var lineNumber = 0

    /// Longest line accepted by default (16 MiB): a JSONL article a hundred times longer
    /// than a long feature story, and small enough to keep memory flat.
    public static let defaultMaximumLineLength = 16 << 20

    /// Creates a reader over an open handle; `prefix` holds bytes already read from it.
    public init(handle: FileHandle, prefix: Data = Data(), chunkSize: Int = 1 << 20,
                maximumLineLength: Int = LineReader.defaultMaximumLineLength) {
        self.handle = handle; self.chunkSize = chunkSize; self.maximumLineLength = maximumLineLength
        buffer = [UInt8](prefix)
    }

    /// Thrown when a line exceeds the length limit.
    public struct LineTooLong: Error, Equatable {
        /// 1-based number of the line.
        public let lineNumber: Int
        /// The limit in bytes.
        public let limit: Int
    }

    /// The next line's bytes without the line end, or nil at the end.
    /// - Throws: `LineTooLong`, or the handle's read error.
    public mutating func nextLine() throws -> Data? {
        while true {
            let unread = buffer.count - position
            if let offset = buffer[(position + scanned)...].firstIndex(of: 0x0A) {
                var end = offset
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                let line = firstLineAware(buffer[position..<end])
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
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    /// The line's bytes, without a UTF-8 byte-order mark when it is the first line.
    private func firstLineAware(_ bytes: ArraySlice<UInt8>) -> Data {
        if lineNumber == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Data(bytes.dropFirst(3)) }
        return Data(bytes)
    }
}
