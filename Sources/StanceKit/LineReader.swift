import Foundation

/// Reads a file handle line by line in fixed-size chunks, so a 1 GB JSONL input
/// is processed with flat memory.
public struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var atEnd = false
    private let chunkSize: Int
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// Creates a reader over an open handle.
    public init(handle: FileHandle, chunkSize: Int = 1 << 20) {
        self.handle = handle; self.chunkSize = chunkSize
    }

    /// The next line's bytes without the newline, or nil at the end.
    public mutating func nextLine() throws -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = buffer[buffer.index(after: newline)...]
                lineNumber += 1
                return Data(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                let line = buffer
                buffer = Data()
                lineNumber += 1
                return line
            }
            let chunk = try readChunk()
            if chunk.isEmpty { atEnd = true } else {
                buffer = buffer.isEmpty ? chunk : buffer + chunk
            }
        }
    }

    /// One read(2) of up to `chunkSize` bytes: on a pipe it returns what has arrived instead
    /// of waiting for a full chunk, so a line is handled as soon as it is complete (the
    /// streaming filter that `RDD.pipe` and `tail -f | stance-predict` need).
    private func readChunk() throws -> Data {
        var chunk = Data(count: chunkSize)
        let descriptor = handle.fileDescriptor
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count >= 0 { chunk.count = count; return chunk }
            if errno == EINTR { continue }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }
}
