import Foundation
import StanceFeatures

/// The articles named on a command line: files, directories (recursively,
/// `*.txt` and `*.jsonl`) or standard input (`-` or nothing), read lazily.
public struct InputCollection {
    /// One resolved input.
    public enum Item: Equatable {
        /// A file, read as JSONL when it ends in `.jsonl`, else as one plain-text article.
        case file(URL)
        /// Standard input: JSONL when its first non-blank byte is `{`, else one article.
        case standardInput
    }

    /// The inputs in the order they will be read.
    public let items: [Item]
    /// Total bytes of the named files (for a progress bar); 0 for stdin.
    public let totalBytes: Int

    /// Resolves command-line arguments into inputs, failing on missing paths and empty directories.
    public init(arguments: [String]) throws {
        var items: [Item] = []
        var bytes = 0
        let fm = FileManager.default
        for arg in arguments.isEmpty ? ["-"] : arguments {
            if arg == "-" { items.append(.standardInput); continue }
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
    public func forEachDocument(_ body: (Document, Int) throws -> Void) throws {
        var consumed = 0
        for item in items {
            switch item {
            case .file(let url):
                let handle: FileHandle
                do { handle = try FileHandle(forReadingFrom: url) } catch {
                    throw StanceKitError(file: url.path, "cannot read file (\(describeReadError(error)))")
                }
                defer { try? handle.close() }
                if url.pathExtension.lowercased() == "jsonl" {
                    try readJSONL(handle, name: url.path) { doc, n in try body(doc, consumed + n) }
                } else {
                    let data = try readAll(handle, name: url.path)
                    try body(try DocumentReader.plainTextDocument(data, name: url.path, id: url.deletingPathExtension().lastPathComponent),
                             consumed + data.count)
                }
                consumed += Self.size(url)
            case .standardInput:
                // The first non-blank line decides: JSONL is streamed line by line (a filter
                // under `RDD.pipe` answers each article as it arrives); text is one article.
                var reader = LineReader(handle: FileHandle.standardInput)
                var leading: [Data] = []
                while let line = try reader.nextLine() {
                    leading.append(line)
                    if !line.allSatisfy({ [0x20, 0x09, 0x0D].contains($0) }) { break }
                }
                let firstByte = leading.last?.first { ![0x20, 0x09, 0x0D].contains($0) }
                if firstByte == UInt8(ascii: "{") {
                    try readJSONL(&reader, leading: leading, name: "<stdin>") { doc, _ in try body(doc, 0) }
                } else {
                    var data = Data(leading.joined(separator: [0x0A]))
                    while let line = try reader.nextLine() { data.append(0x0A); data.append(line) }
                    try body(try DocumentReader.plainTextDocument(data, name: "<stdin>", id: "stdin"), data.count)
                }
            }
        }
    }

    private func readAll(_ handle: FileHandle, name: String) throws -> Data {
        do { return try handle.readToEnd() ?? Data() } catch {
            throw StanceKitError(file: name, "cannot read (\(describeReadError(error)))")
        }
    }

    private func readJSONL(_ handle: FileHandle, name: String, _ body: (Document, Int) throws -> Void) throws {
        var reader = LineReader(handle: handle)
        try readJSONL(&reader, leading: [], name: name, body)
    }

    /// Reads JSONL from `reader`; `leading` are lines already taken from it (numbered from 1).
    private func readJSONL(_ reader: inout LineReader, leading: [Data], name: String, _ body: (Document, Int) throws -> Void) throws {
        var consumed = 0
        var any = false
        var pending = leading[...]
        var number = 0
        while let line = try pending.popFirst() ?? reader.nextLine() {
            number += 1
            consumed += line.count + 1
            if line.allSatisfy({ [0x20, 0x09, 0x0D].contains($0) }) { continue }
            if line.contains(0) { throw StanceKitError(file: name, line: number, "binary data (NUL byte); expected a JSON object per line") }
            guard let text = String(validatingUTF8Data: line) else {
                throw StanceKitError(file: name, line: number, "invalid UTF-8; re-encode the file as UTF-8")
            }
            any = true
            try body(try DocumentReader.document(fromJSONLine: Substring(text), number: number, file: name), consumed)
        }
        if !any { throw StanceKitError(file: name, "file is empty; expected one JSON article per line") }
    }
}
