import Foundation

/// Reads a plain-text article in segments of about `segmentByteCount` bytes, cut at a line
/// break where there is one, so an article of any size is processed in bounded memory.
///
/// A segment ends at the last line break in its second half; failing that at the last
/// space or tab; failing that (one enormous word) at a UTF-8 character boundary. Paragraphs
/// end at line breaks anyway, so cutting there changes nothing but the duplicate-paragraph
/// check, which then looks back only within a segment.
package struct PlainTextSegmenter {
    /// Target segment size (64 KiB, some 10,000 words): large enough that almost every
    /// article is one segment, small enough that the scalars, sentences and rows of the
    /// segments in flight stay within the memory budget next to a 16 MB JSONL article's text.
    package static let segmentByteCount = 1 << 16

    private let handle: FileHandle
    private var buffer: [UInt8]
    private var atEnd = false
    private let segmentByteCount: Int
    /// Number of segments returned so far.
    package private(set) var segmentCount = 0

    /// Creates a segmenter over `handle`; `prefix` holds bytes already read from it.
    package init(handle: FileHandle, prefix: Data = Data(), segmentByteCount: Int = PlainTextSegmenter.segmentByteCount) {
        self.handle = handle
        self.segmentByteCount = max(segmentByteCount, 16)
        buffer = [UInt8](prefix)
    }

    /// True once the last segment has been returned.
    package var isFinished: Bool { atEnd && buffer.isEmpty }

    /// The bytes of the next segment, or nil at the end of the input.
    package mutating func next() throws -> Data? {
        while !atEnd && buffer.count < segmentByteCount {
            let chunk = try handle.read(upToCount: segmentByteCount) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
        if buffer.isEmpty { return nil }
        segmentCount += 1
        if atEnd && buffer.count <= segmentByteCount {
            defer { buffer = [] }
            return Data(buffer)
        }
        let cut = Self.cutPoint(buffer, limit: segmentByteCount)
        let segment = Data(buffer[0..<cut])
        buffer.removeSubrange(0..<cut)
        return segment
    }

    /// Where to end a segment of `bytes` no longer than `limit` (> 0, < bytes.count), counted
    /// from `bytes.startIndex`.
    static func cutPoint<Bytes: RandomAccessCollection>(_ bytes: Bytes, limit: Int) -> Int
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let base = bytes.startIndex
        let floor = limit / 2
        let window = (base + floor)..<(base + limit)
        if let newline = bytes[window].lastIndex(of: 0x0A) { return newline - base + 1 }
        if let space = bytes[window].lastIndex(where: { $0 == 0x20 || $0 == 0x09 }) { return space - base + 1 }
        var cut = limit
        // Never split a multi-byte UTF-8 sequence: back up over continuation bytes.
        while cut > floor && bytes[base + cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    /// Calls `body` with `text` cut by the same rule as a file, one piece at a time (a JSONL
    /// article is already in memory, but its scalars, sentences, mentions and rows would still
    /// grow with it): once with `text` itself when it fits in `byteCount` UTF-8 bytes.
    package static func forEachSegment(
        of text: String, byteCount: Int = PlainTextSegmenter.segmentByteCount, _ body: (String) throws -> Void
    ) rethrows {
        let limit = max(byteCount, 16)
        guard text.utf8.count > limit else { return try body(text) }
        var text = text
        try text.withUTF8 { bytes in
            var start = 0
            while bytes.count - start > limit {
                let rest = UnsafeBufferPointer(rebasing: bytes[start...])
                let cut = cutPoint(rest, limit: limit)
                try body(String(decoding: UnsafeBufferPointer(rebasing: rest[..<cut]), as: UTF8.self))
                start += cut
            }
            try body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        }
    }
}
