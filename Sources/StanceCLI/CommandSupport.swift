// swift-format-ignore-file
// The commands keep each ArgumentParser declaration on one line, as written, so the help
// text of an option reads in one place; the rest of the package is formatted by swift-format.
import ArgumentParser
import Foundation
import StanceFeatures
import StanceKit
import StanceLearning

/// `--task stance|sentiment`, parsed and checked by the argument parser.
extension StanceTask: ExpressibleByArgument {}

/// Where the shipped models live, shared by stance-predict and stance-eval.
package struct ModelDirectoryOptions: ParsableArguments {
    /// The model directory flag.
    @Option(name: .customLong("model-dir"), help: ArgumentHelp(
        "Directory with stance.json, sentiment.json and actors.json (default: $STANCE_MODELS, else ./Models, else PREFIX/share/stance/Models beside the executable).",
        valueName: "DIR"))
    package var modelDirectory: String?

    /// Extra actors that add to or override the shipped gazetteer.
    @Option(name: .customLong("actors"), help: ArgumentHelp(
        "Gazetteer JSON whose actors add to or override Models/actors.json (same schema).", valueName: "FILE"))
    package var actors: String?

    /// Creates the group (ArgumentParser requirement).
    package init() {}

    /// The resolved model directory: flag, `STANCE_MODELS`, `./Models`, then the installed
    /// `<exe dir>/../share/stance/Models` (see `ModelDirectoryLookup`).
    package var resolvedDirectory: URL { ModelDirectoryLookup(flag: modelDirectory).directory }

    /// The resolved model directory, or an error naming every place looked at.
    package func existingDirectory() throws -> URL { try ModelDirectoryLookup(flag: modelDirectory).existingDirectory() }

    /// Loads just the gazetteer (for commands that load a single model file).
    package func loadExtractor() throws -> InstanceExtractor {
        InstanceExtractor(gazetteer: try ActorGazetteer.read(
            try existingDirectory().appendingPathComponent("actors.json"), merging: actors.map { URL(fileURLWithPath: $0) }))
    }

    /// Loads the predictor these options name, optionally with another sentiment model.
    package func loadPredictor(sentimentModel: String? = nil) throws -> StancePredictor {
        let predictor = try StancePredictor.load(modelDirectory: try existingDirectory(), extraActors: actors.map { URL(fileURLWithPath: $0) })
        guard let sentimentModel else { return predictor }
        let sentiment = try TextClassifier.load(URL(fileURLWithPath: sentimentModel))
        guard sentiment.labels == StanceTask.sentiment.labels else {
            throw StanceKitError(file: sentimentModel, "labels \(sentiment.labels) are not the sentiment labels \(StanceTask.sentiment.labels)")
        }
        return StancePredictor(stance: predictor.stance, sentiment: sentiment, extractor: predictor.extractor)
    }
}

/// Writes one diagnostic line to standard error, made safe for a terminal.
package func printError(_ message: String) {
    FileHandle.standardError.write(Data((terminalSafe(message) + "\n").utf8))
}

/// Longest diagnostic line printed, in characters; the rest is elided.
let maximumDiagnosticLength = 1_000

/// `message` as one printable line: control characters (C0, DEL, C1, line separators and
/// the bidi overrides) are shown as `\xNN`/`\u{NNNN}` escapes, so input echoed in an error
/// can never move the cursor, recolour the terminal or break the line, and overlong
/// messages are cut at `maximumDiagnosticLength` characters.
package func terminalSafe(_ message: String) -> String {
    var out = String.UnicodeScalarView()
    var count = 0
    for scalar in message.unicodeScalars {
        if count >= maximumDiagnosticLength { out.append(contentsOf: "…".unicodeScalars); break }
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) {
            out.append(contentsOf: String(format: "\\x%02X", v).unicodeScalars)
        } else if v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
            out.append(contentsOf: String(format: "\\u{%04X}", v).unicodeScalars)
        } else {
            out.append(scalar)
        }
        count += 1
    }
    return String(out)
}

/// Runs a command body, turning library errors into one stderr line and exit code 1.
///
/// Usage errors (`ValidationError`) pass through so ArgumentParser exits 64 with help.
package func runReportingErrors(_ command: String, _ body: () throws -> Void) throws {
    // Input limits (see InputLimits) are reported once each, as warnings.
    InputLimits.setNoticeHandler { printError("\(command): warning: \($0)") }
    do {
        try body()
    } catch let error as StanceKitError {
        printError("\(command): error: \(error.description)")
        throw ExitCode.failure
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("\(command): error: \(error)")
        throw ExitCode.failure
    }
}

/// True when the file descriptor is a terminal (decides colour and progress bars).
package func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

/// Output to stdout in blocks (or document by document where a reader waits for each), or to
/// a file that appears only when complete.
package final class OutputSink {
    private let destination: String?
    private let file: AtomicFile?
    /// Bytes written but not yet handed to the kernel. One write(2) per document cost about
    /// 8 % of a run over many one-sentence documents, so text is gathered up to `bufferLimit`
    /// (or until `flush`, which callers use where a reader is waiting for each document).
    private var pending: [UInt8] = []
    /// Bytes gathered before they are written.
    static let bufferLimit = 64 << 10

    /// Opens stdout (`path` nil or `-`) or a temporary file beside `path`.
    package init(path: String?) throws {
        guard let path, path != "-" else {
            destination = nil
            file = nil
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StanceKitError(file: path, "is a directory; --output needs a file path")
        }
        do { file = try AtomicFile(URL(fileURLWithPath: path)) } catch {
            throw StanceKitError(file: path, "cannot create output file (check the directory exists and is writable)")
        }
        destination = path
    }

    /// Adds text to the output; it reaches the destination at the latest when `bufferLimit`
    /// bytes have gathered, at `flush`, or at `commit`.
    /// - Throws: `StanceKitError` naming the destination when a write fails (disk full).
    package func write(_ text: String) throws {
        guard !text.isEmpty else { return }
        if text.utf8.count >= Self.bufferLimit {
            try flush()
            var text = text
            return try text.withUTF8 { try emit($0) }
        }
        pending.append(contentsOf: text.utf8)
        if pending.count >= Self.bufferLimit { try flush() }
    }

    /// Adds UTF-8 bytes to the output, as `write(_:)` adds text.
    /// - Throws: `StanceKitError` naming the destination when a write fails (disk full).
    package func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        // A block as large as the buffer goes out as it is: copied into the buffer it would
        // leave the buffer that large for the rest of the run (the rows of a long article).
        if bytes.count >= Self.bufferLimit {
            try flush()
            return try emit(bytes)
        }
        pending.append(contentsOf: bytes)
        if pending.count >= Self.bufferLimit { try flush() }
    }

    /// Writes everything gathered so far (stdout itself is unbuffered, so it arrives now).
    /// - Throws: `StanceKitError` naming the destination when the write fails.
    package func flush() throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        try emit(pending)
    }

    /// Hands `bytes` to the destination.
    private func emit(_ bytes: [UInt8]) throws { try bytes.withUnsafeBufferPointer { try emit($0) } }

    /// Hands `bytes` to the destination.
    private func emit(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        do {
            if let file { try file.write(Data(bytes)) } else { try FileHandle.standardOutput.write(contentsOf: UnsafeRawBufferPointer(bytes)) }
        } catch {
            throw StanceKitError(file: destination ?? "<stdout>", "cannot write output (\(Self.reason(error)))")
        }
    }

    /// Writes what is gathered and renames the temporary file into place.
    package func commit() throws {
        try flush()
        do { try file?.commit() } catch {
            throw StanceKitError(file: destination ?? "<stdout>", "cannot write output (\(Self.reason(error)))")
        }
    }

    /// After a failure: stdout still gets the rows gathered before it (as an unbuffered
    /// writer would have given them); a temporary file is removed, so nothing half-written remains.
    package func abandon() {
        if file == nil { try? flush() }
        pending.removeAll()
        file?.abandon()
    }

    private static func reason(_ error: Error) -> String {
        (error as? AtomicFileError)?.reason ?? error.localizedDescription
    }
}

/// A one-line progress bar on stderr, redrawn at most every 1% of the input.
package struct ProgressBar {
    let total: Int
    let enabled: Bool
    private var lastPercent = -1

    /// Creates a bar over `total` bytes; draws only when `enabled`.
    package init(total: Int, enabled: Bool) { self.total = total; self.enabled = enabled && total > 0 }

    /// Redraws for `done` bytes.
    package mutating func update(_ done: Int) {
        guard enabled else { return }
        let percent = min(100, done * 100 / max(total, 1))
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: 30 - filled))] \(percent)%".utf8))
    }

    /// Clears the bar line.
    package func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
