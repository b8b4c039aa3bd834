import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The package's one way of writing a file so that readers see either the old file or the
/// complete new one, never a prefix: bytes go to a temporary file beside the destination,
/// which is flushed to disk and renamed over it on `commit()`.
package final class AtomicFile {
    private let destination: URL
    private let temporary: URL
    private var descriptor: Int32

    /// Creates the temporary file beside `url`, after removing any a killed run left there.
    /// - Throws: `AtomicFileError` naming the path and the system's reason.
    package init(_ url: URL) throws {
        destination = url
        Self.removeStaleTemporaries(for: url)
        temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp")
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
    }

    deinit { abandon() }

    /// Appends `data` to the temporary file.
    package func write(_ data: Data) throws {
        guard descriptor >= 0 else { throw AtomicFileError(path: destination.path, reason: "already committed or abandoned") }
        var failure: String?
        data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(descriptor, base + written, bytes.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += result
            }
        }
        if let failure { throw AtomicFileError(path: destination.path, reason: failure) }
    }

    /// Flushes the temporary file to disk and renames it over the destination; on failure
    /// the temporary file is removed and the destination is untouched.
    package func commit() throws {
        guard descriptor >= 0 else { throw AtomicFileError(path: destination.path, reason: "already committed or abandoned") }
        var failure: String?
        // Flushed before the rename, so a crash never leaves a renamed but empty file.
        if fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        descriptor = -1
        // rename(2) replaces a file atomically and refuses to replace a directory.
        if failure == nil && rename(temporary.path, destination.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary.path)
            throw AtomicFileError(path: destination.path, reason: failure)
        }
    }

    /// Removes the temporary file, so nothing half-written remains; the destination is untouched.
    package func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary.path)
    }

    /// Writes `data` to `url` atomically in one call.
    package static func write(_ data: Data, to url: URL) throws {
        let file = try AtomicFile(url)
        try file.write(data)
        try file.commit()
    }

    /// Deletes temporary files that a killed run left beside `url`: `.NAME.PID[.…].tmp`
    /// whose process no longer exists. Files of live processes are left alone.
    static func removeStaleTemporaries(for url: URL) {
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
package struct AtomicFileError: Error, CustomStringConvertible, Equatable {
    /// The destination path.
    package let path: String
    /// The operating system's reason.
    package let reason: String
    /// One line naming the file and the fix.
    package var description: String { "\(path): cannot write: \(reason): check that the directory exists and is writable" }
}
