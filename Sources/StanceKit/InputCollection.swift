import Foundation
import StanceFeatures

/// The articles named on a command line: files, directories (recursively,
/// `*.txt` and `*.jsonl`) or standard input (`-` or nothing), read lazily.
package struct InputCollection: Sendable {
    /// One resolved input.
    package enum Item: Equatable, Sendable {
        /// A file, read as JSONL when it ends in `.jsonl`, else as one plain-text article.
        case file(URL)
        /// Standard input: JSONL when its first non-blank byte is `{`, else one article.
        case standardInput
    }

    /// The inputs in the order they will be read.
    package let items: [Item]
    /// Total bytes of the named files (for a progress bar); 0 for stdin.
    package let totalBytes: Int
    /// Whether a read may wait for a writer: stdin, or a named input that is not a regular
    /// file (a FIFO, a device). Output is then flushed document by document, so whoever
    /// feeds the input sees each answer before sending more.
    package let mayWaitForInput: Bool

    /// Resolves command-line arguments into inputs, failing on missing paths and empty directories.
    package init(arguments: [String]) throws {
        var items: [Item] = []
        var bytes = 0
        let fm = FileManager.default
        for arg in arguments.isEmpty ? ["-"] : arguments {
            if arg == "-" {
                items.append(.standardInput)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDirectory) else {
                throw StanceKitError(file: arg, "no such file or directory")
            }
            if isDirectory.boolValue {
                let found = Self.articleFiles(under: URL(fileURLWithPath: arg))
                if found.isEmpty { throw StanceKitError(file: arg, "directory holds no *.txt or *.jsonl articles") }
                items += found.map { .file($0) }
                bytes += found.reduce(0) { $0 + Self.size($1) }
            } else {
                let url = URL(fileURLWithPath: arg)
                items.append(.file(url))
                bytes += Self.size(url)
            }
        }
        self.items = items
        totalBytes = bytes
        mayWaitForInput = items.contains { item in
            guard case .file(let url) = item else { return true }
            let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            return type != .typeRegular
        }
    }

    static func size(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func articleFiles(under directory: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in e where ["txt", "jsonl"].contains(url.pathExtension.lowercased()) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url) }
        }
        // Sorted so that output order does not depend on the file system.
        return files.sorted { $0.path < $1.path }
    }

    /// Calls `body` with each document in order, and with the bytes consumed so far.
    ///
    /// Everything streams: JSONL line by line (stdin too), plain text in segments of
    /// `PlainTextSegmenter.segmentByteCount` (later segments come with `isContinuation`), and
    /// a JSONL article longer than that in segments of its text cut by the same rule.
    package func forEachDocument(_ body: (Document, Int) throws -> Void) throws {
        var consumed = 0
        for item in items {
            switch item {
            case .file(let url):
                let handle: FileHandle
                do { handle = try FileHandle(forReadingFrom: url) } catch {
                    throw StanceKitError(file: url.path, "cannot read file (\(describeReadError(error)))")
                }
                defer { try? handle.close() }
                let id = url.deletingPathExtension().lastPathComponent
                if url.pathExtension.lowercased() == "jsonl" {
                    let prefix = try read(handle, upTo: 3, name: url.path)
                    try readJSONL(handle, prefix: prefix, name: url.path) { doc, n in try body(doc, consumed + n) }
                } else {
                    try readPlainText(handle, prefix: Data(), name: url.path, id: id) { doc, n in try body(doc, consumed + n) }
                }
                consumed += Self.size(url)
            case .standardInput:
                let name = "<stdin>"
                let handle = FileHandle.standardInput
                // Sniff: read until the first byte that is not white space (after a byte-order mark).
                var prefix = Data()
                var firstByte: UInt8?
                while firstByte == nil {
                    let chunk = try read(handle, upTo: 64 << 10, name: name)
                    if chunk.isEmpty { break }
                    prefix.append(chunk)
                    if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) { break }
                    let body = prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? prefix.dropFirst(3) : prefix[...]
                    firstByte = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
                }
                if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) {
                    // UTF-16 (rare on a pipe): decode whole, then treat as either shape.
                    let data = prefix + (try readAll(handle, name: name))
                    let text = TextNormalizer.decode(data)
                    if text.unicodeScalars.first(where: { !$0.properties.isWhitespace }) == "{" {
                        for line in try JSONLines.lines(of: data, name: name) {
                            try body(try DocumentReader.document(fromJSONLine: line.text, number: line.number, file: name), 0)
                        }
                    } else {
                        try body(try DocumentReader.plainTextDocument(data, name: name, id: "stdin"), data.count)
                    }
                } else if firstByte == UInt8(ascii: "{") {
                    try readJSONL(handle, prefix: prefix, name: name) { doc, _ in try body(doc, 0) }
                } else {
                    try readPlainText(handle, prefix: prefix, name: name, id: "stdin") { doc, _ in try body(doc, 0) }
                }
            }
        }
    }

    private func read(_ handle: FileHandle, upTo count: Int, name: String) throws -> Data {
        // What has arrived, not a full `count`: a pipe that stays open must not stall the sniff.
        do { return try LineReader.readAvailable(handle, upTo: count) } catch {
            throw StanceKitError(file: name, "cannot read (\(describeReadError(error)))")
        }
    }

    private func readAll(_ handle: FileHandle, name: String) throws -> Data {
        do { return try handle.readToEnd() ?? Data() } catch {
            throw StanceKitError(file: name, "cannot read (\(describeReadError(error)))")
        }
    }

    /// One article, in segments when it is large; UTF-16 (byte-order mark) is decoded whole.
    private func readPlainText(_ handle: FileHandle, prefix: Data, name: String, id: String, _ body: (Document, Int) throws -> Void) throws
    {
        var head = prefix
        if head.count < 2 { head.append(try read(handle, upTo: 2 - head.count, name: name)) }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            let data = head + (try readAll(handle, name: name))
            try body(try DocumentReader.plainTextDocument(data, name: name, id: id), data.count)
            return
        }
        var segmenter = PlainTextSegmenter(handle: handle, prefix: head)
        var consumed = 0
        do {
            while let segment = try segmenter.next() {
                consumed += segment.count
                if segmenter.segmentCount == 1 {
                    // The first segment is checked as a whole article (empty, binary, headline).
                    try body(try DocumentReader.plainTextDocument(segment, name: name, id: id), consumed)
                } else {
                    let text = TextNormalizer.decode(segment)
                    if text.allSatisfy(\.isWhitespace) { continue }
                    try body(Document(id: id, text: text, isContinuation: true), consumed)
                }
            }
        } catch let error as StanceKitError { throw error } catch {
            throw StanceKitError(file: name, "cannot read (\(describeReadError(error)))")
        }
        if segmenter.segmentCount == 0 { throw StanceKitError(file: name, "file is empty; expected article text") }
    }

    private func readJSONL(_ handle: FileHandle, prefix: Data, name: String, _ body: (Document, Int) throws -> Void) throws {
        if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) {
            let data = prefix + (try readAll(handle, name: name))
            for line in try JSONLines.lines(of: data, name: name) {
                let document = try DocumentReader.document(fromJSONLine: line.text, number: line.number, file: name)
                try document.forEachSegment { try body($0, data.count) }
            }
            return
        }
        var reader = LineReader(handle: handle, prefix: prefix)
        var consumed = 0
        var any = false
        while let document = try nextDocument(&reader, consumed: &consumed, name: name) {
            any = true
            // A long article goes on in segments, so memory stays flat however long a line is.
            try document.forEachSegment { try body($0, consumed) }
        }
        if !any { throw StanceKitError(file: name, "file is empty; expected one JSON article per line") }
    }

    /// The next non-blank line's document, nil at the end. The line is parsed where it lies
    /// in the reader's buffer, so a long article is held once more only as its decoded text.
    private func nextDocument(_ reader: inout LineReader, consumed: inout Int, name: String) throws -> Document? {
        while true {
            // Parse errors travel as a `Result`, so only the reader's own failures are read errors.
            let next: Result<Document?, Error>?
            do {
                next = try reader.withNextLine { bytes, number -> Result<Document?, Error> in
                    consumed += bytes.count + 1
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .success(nil) }
                    if bytes.contains(0) {
                        return .failure(
                            StanceKitError(file: name, line: number, "binary data (NUL byte); expected a JSON object per line"))
                    }
                    return Result { try DocumentReader.document(fromJSONBytes: bytes, number: number, file: name) }
                }
            } catch let error as LineReader.LineTooLong {
                throw StanceKitError(
                    file: name, line: error.lineNumber,
                    "line is longer than \(error.limit) bytes, the limit for one JSONL record; split the article")
            } catch {
                throw StanceKitError(file: name, line: reader.lineNumber + 1, "cannot read (\(describeReadError(error)))")
            }
            guard let line = next else { return nil }
            if let document = try line.get() { return document }
        }
    }
}
