import Foundation

/// Finds the model directory: `--model-dir`, then `$STANCE_MODELS`, then `./Models`, then
/// `<executable dir>/../share/stance/Models` (where `Scripts/install.sh` puts the models).
///
/// The first two are explicit choices and are used whether or not they exist, so a typo
/// is reported instead of silently falling through to another directory. The last two are
/// conventions: the first that exists wins, so a checkout's `./Models` overrides an
/// installed copy, as a working tree should.
package struct ModelDirectoryLookup: Sendable {
    /// The `--model-dir` value, if given.
    package var flag: String?
    /// The process environment (`STANCE_MODELS` is read from it).
    package var environment: [String: String]
    /// The working directory `./Models` is resolved against.
    package var currentDirectory: URL
    /// The running executable, for the installed share directory; nil when unknown.
    package var executable: URL?

    /// Creates a lookup; the defaults describe the running process.
    package init(
        flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = ModelDirectoryLookup.runningExecutable()
    ) {
        self.flag = flag
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.executable = executable
    }

    /// `PREFIX/share/stance/Models` for an executable in `PREFIX/bin`.
    package static func installedModels(besides executable: URL) -> URL {
        executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/stance/Models")
    }

    /// The path of the running executable: `/proc/self/exe` on Linux (correct however the
    /// command was found on `PATH`), else what Foundation reports.
    package static func runningExecutable() -> URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    /// Every place looked at, in order, with where each choice came from.
    package var candidates: [(directory: URL, source: String)] {
        if let flag { return [(URL(fileURLWithPath: flag, relativeTo: currentDirectory).standardizedFileURL, "--model-dir")] }
        if let env = environment["STANCE_MODELS"], !env.isEmpty {
            return [(URL(fileURLWithPath: env, relativeTo: currentDirectory).standardizedFileURL, "$STANCE_MODELS")]
        }
        var list = [(currentDirectory.appendingPathComponent("Models"), "./Models")]
        if let executable { list.append((Self.installedModels(besides: executable).standardizedFileURL, "installed share directory")) }
        return list
    }

    /// The directory to load from: the first candidate that is a directory, else the first
    /// candidate (so the loader's "not found" error names the path the user would expect).
    package var directory: URL {
        let all = candidates
        for candidate in all where Self.isDirectory(candidate.directory) { return candidate.directory }
        return all.first?.directory ?? currentDirectory.appendingPathComponent("Models")
    }

    /// One line for a "model directory not found" error: what was tried and how to fix it.
    package var notFoundMessage: String {
        let tried = candidates.map { "\($0.directory.path) (\($0.source))" }.joined(separator: ", ")
        return "no model directory found (looked in \(tried)); pass --model-dir DIR, set STANCE_MODELS, or install with Scripts/install.sh"
    }

    /// The directory to load from, or an error naming every place looked at.
    package func existingDirectory() throws -> URL {
        let found = directory
        guard Self.isDirectory(found) else { throw StanceKitError(file: found.path, notFoundMessage) }
        return found
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
