import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers see either the old file or the complete new one, never a prefix.
public enum AtomicFile {
    /// Writes `data` to a temporary file in the same directory, flushes it to disk and
    /// renames it over `url` (rename is atomic within one file system).
    /// - Throws: `AtomicFileError` naming the path and the system's reason.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        removeStaleTemporaries(for: url)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)  // safe: count > 0 inside the loop
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno)); return
                }
                written += result
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil && rename(temporary.path, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary.path)
            throw AtomicFileError(path: url.path, reason: failure)
        }
    }
}

extension AtomicFile {
    /// Deletes temporary files that a killed run left beside `url`: `.NAME.PID[.…].tmp`
    /// whose process no longer exists. Files of live processes are left alone.
    public static func removeStaleTemporaries(for url: URL) {
        let directory = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let middle = entry.dropFirst(prefix.count).dropLast(4)
            guard let pid = middle.split(separator: ".").first.flatMap({ Int32($0) }), pid > 0 else { continue }
            if pid == getpid() { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(directory.appendingPathComponent(entry).path)
            }
        }
    }
}

/// A file could not be written.
public struct AtomicFileError: Error, CustomStringConvertible, Equatable {
    /// The destination path.
    public let path: String
    /// The operating system's reason.
    public let reason: String
    /// One line naming the file and the fix.
    public var description: String { "\(path): cannot write: \(reason): check that the directory exists and is writable" }
}
